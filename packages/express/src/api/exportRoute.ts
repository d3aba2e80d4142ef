import { pipeline } from 'node:stream/promises';
import {
  auditExport,
  createExport,
  type ExportFormat,
  exportContentDisposition,
  exportTitle,
  planExport,
  type ViewerGrant,
  viewerEvents,
} from '@activitykit/core';
import { type ActivityScope, type Actor, MAX_QUERY_IDS } from '@activitykit/schema';
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
      route(
        options,
        (req, res, { scope, actor, viewer }) =>
          sendExport({ req, res, scope, actor, viewer, format, options }),
        'export',
      ),
    );
  }
}

async function sendExport(input: {
  req: Request;
  res: Response;
  scope: ActivityScope;
  actor: Actor;
  viewer: ViewerGrant | undefined;
  format: ExportFormat;
  options: ActivityApiOptions;
}): Promise<void> {
  const { req, res, scope, format, options } = input;
  const onError = options.onError ?? defaultOnError;
  const params = searchParams(req);
  const locale = checkWith(localeSchema, single(params, 'locale'), () => 'locale');
  const { read, filters, selection } = planExport(readQuery(params, ['locale']));
  const timeZone = read.timeZone ?? 'UTC';
  // Who exported what (the format, the filters or the selection, the rows), recorded once the
  // file is done, in each tenant whose events it holds.
  const access = { scope, actor: input.actor, ...(input.viewer && { viewer: input.viewer }) };
  const audit = auditExport(viewerEvents(access, options.store.stream(read, scope)), {
    store: options.store,
    format,
    actor: input.actor,
    scope,
    filters,
    ids: read.ids,
    context: requestContextOf(req),
    viewer: input.viewer,
  });
  const file = createExport(format, audit.events, {
    title: exportTitle(locale),
    ...(selection === undefined ? { filters } : { selection }),
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

function isClientGone(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE';
}
