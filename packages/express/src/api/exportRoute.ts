import { pipeline } from 'node:stream/promises';
import {
  auditExport,
  createExport,
  type ExportFormat,
  exportContentDisposition,
} from '@activitykit/core';
import {
  type ActivityQueryInput,
  type ActivityScope,
  type Actor,
  activityQuerySchema,
  MAX_QUERY_IDS,
  printSearch,
} from '@activitykit/schema';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { sendProblem } from '../problem.ts';
import { defaultOnError, requestContextOf, route } from './handler.ts';
import { checkWith, readQuery, searchParams, single } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

/** The most events an export selection (`id=…` repeated: the query's `ids`) may name. */
export const MAX_EXPORT_IDS = MAX_QUERY_IDS;
const localeSchema = z.enum(['en', 'ru']).default('en');

/** `GET /export.csv`, `/export.ndjson` and `/export.pdf`: streamed, as an attachment. */
export function mountExportRoutes(router: Router, options: ActivityApiOptions): void {
  for (const format of ['csv', 'ndjson', 'pdf'] as const) {
    router.get(
      `/export.${format}`,
      route(options, (req, res, { scope, actor }) =>
        sendExport({ req, res, scope, actor, format, options }),
      ),
    );
  }
}

async function sendExport(input: {
  req: Request;
  res: Response;
  scope: ActivityScope;
  actor: Actor;
  format: ExportFormat;
  options: ActivityApiOptions;
}): Promise<void> {
  const { req, res, scope, format, options } = input;
  const onError = options.onError ?? defaultOnError;
  const params = searchParams(req);
  const locale = checkWith(localeSchema, single(params, 'locale'), () => 'locale');
  const { cursor: _cursor, limit: _limit, ...query } = readQuery(params, ['locale']);
  const timeZone = query.timeZone ?? 'UTC';
  // A selection (`id=…` repeated) is exactly its ids, in the query's sort; ids outside the scope
  // find nothing.
  const read = query.ids ? { ids: query.ids, sort: query.sort, timeZone } : query;
  const filters = query.ids ? undefined : describeFilters(query);
  // Who exported what (the format, the filters or the selection, the rows), recorded once the
  // file is done, in each tenant whose events it holds.
  const audit = auditExport(options.store.stream(read, scope), {
    store: options.store,
    format,
    actor: input.actor,
    scope,
    filters,
    ids: query.ids,
    context: requestContextOf(req),
  });
  const file = createExport(format, audit.events, {
    title: locale === 'ru' ? 'Журнал действий' : 'Activity log',
    ...(query.ids ? { selection: query.ids.length } : { filters }),
    timeZone,
    locale,
  });
  res.setHeader('Content-Type', file.contentType);
  res.setHeader(
    'Content-Disposition',
    exportContentDisposition({ format, baseName: options.exportName ?? 'activity' }),
  );
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  let completed = false;
  try {
    await pipeline(file.stream, res);
    completed = true;
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      const problem = sendProblem(res, error);
      if (problem.status >= 500) onError(error, req);
    } else {
      if (!res.destroyed) res.destroy();
      if (!isClientGone(error)) onError(error, req);
    }
  } finally {
    await audit.finish({ completed }).catch((error: unknown) => onError(error, req));
  }
}

/** The filters of an export in the search syntax, for the PDF's header. */
function describeFilters(query: ActivityQueryInput): string {
  try {
    const {
      q,
      sort: _sort,
      cursor: _cursor,
      limit: _limit,
      ...filter
    } = activityQuerySchema.parse(query);
    return [printSearch(filter), q].filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

function isClientGone(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE';
}
