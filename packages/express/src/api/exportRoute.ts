import { pipeline } from 'node:stream/promises';
import {
  ActivityError,
  type ActivityStore,
  createExport,
  type ExportFormat,
  exportContentDisposition,
} from '@activitykit/core';
import {
  type ActivityEvent,
  type ActivityQueryInput,
  type ActivityScope,
  activityQuerySchema,
  isUlid,
  printSearch,
} from '@activitykit/schema';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { sendProblem } from '../problem.ts';
import { defaultOnError, route } from './handler.ts';
import { checkWith, readQuery, searchParams, single } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

/** The most events an export selection (`id=…` repeated) may name. */
export const MAX_EXPORT_IDS = 1000;

const idsSchema = z
  .array(z.string().refine(isUlid, 'an event id is a 26-character ULID'))
  .max(MAX_EXPORT_IDS, `at most ${MAX_EXPORT_IDS} ids`);
const localeSchema = z.enum(['en', 'ru']).default('en');

/** `GET /export.csv`, `/export.ndjson` and `/export.pdf`: streamed, as an attachment. */
export function mountExportRoutes(router: Router, options: ActivityApiOptions): void {
  for (const format of ['csv', 'ndjson', 'pdf'] as const) {
    router.get(
      `/export.${format}`,
      route(options, (req, res, { scope }) => sendExport({ req, res, scope, format, options })),
    );
  }
}

async function sendExport(input: {
  req: Request;
  res: Response;
  scope: ActivityScope;
  format: ExportFormat;
  options: ActivityApiOptions;
}): Promise<void> {
  const { req, res, scope, format, options } = input;
  const params = searchParams(req);
  const ids = checkWith(
    idsSchema,
    params.getAll('id'),
    (path) => `id${path.length ? `[${String(path[0])}]` : ''}`,
  );
  const locale = checkWith(localeSchema, single(params, 'locale'), () => 'locale');
  const { cursor: _cursor, limit: _limit, ...query } = readQuery(params, ['id', 'locale']);
  const timeZone = query.timeZone ?? 'UTC';
  const events =
    ids.length > 0
      ? selection(options.store, { ids, scope, sort: query.sort ?? 'desc' })
      : options.store.stream(query, scope);
  const file = createExport(format, events, {
    title: locale === 'ru' ? 'Журнал действий' : 'Activity log',
    filters: describeFilters(query),
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
  try {
    await pipeline(file.stream, res);
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      const problem = sendProblem(res, error);
      if (problem.status >= 500) (options.onError ?? defaultOnError)(error, req);
      return;
    }
    if (!res.destroyed) res.destroy();
    if (!isClientGone(error)) (options.onError ?? defaultOnError)(error, req);
  }
}

/** The selected events the scope may see, in the query's order; others are left out silently. */
async function* selection(
  store: ActivityStore,
  input: { ids: string[]; scope: ActivityScope; sort: 'asc' | 'desc' },
): AsyncGenerator<ActivityEvent> {
  const found: ActivityEvent[] = [];
  const unique = [...new Set(input.ids)];
  for (let start = 0; start < unique.length; start += 20) {
    const chunk = unique.slice(start, start + 20);
    const events = await Promise.all(
      chunk.map((id) => store.get(id, input.scope).catch(outsideScope)),
    );
    for (const event of events) if (event) found.push(event);
  }
  const direction = input.sort === 'asc' ? 1 : -1;
  found.sort(
    (a, b) =>
      direction *
      (a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  yield* found;
}

/** An id the scope cannot see is left out of a selection, saying nothing; other failures stand. */
function outsideScope(error: unknown): undefined {
  if (error instanceof ActivityError && error.code === 'NOT_FOUND') return undefined;
  throw error;
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
