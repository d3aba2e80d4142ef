import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  type ActivityStore,
  auditExport,
  exportContentDisposition,
  planExport,
} from '@activitykit/core';
import { defaultRequest } from '../capture/resolvers.ts';
import { buildExport, type ExportFileOptions, exportFilename } from './exportFile.ts';
import { checkSecret, type ExportTokenProblem, verifyExportToken } from './exportToken.ts';

/** Options of {@link createActivityExportHandler}. */
export interface ActivityExportHandlerOptions extends ExportFileOptions {
  /** The store the files are read from, and each download is recorded into. */
  store: Pick<ActivityStore, 'stream' | 'record'>;
  /** The secret links are signed with: the same as the router's `export.link.secret`. */
  secret: string;
  /** Called with failures after the download started. Defaults to writing them to stderr. */
  onError?: (error: unknown) => void;
  /** The current time, for tests. Defaults to `Date.now`. */
  now?: () => number;
}

const REFUSALS: Record<ExportTokenProblem | 'missing', { status: number; detail: string }> = {
  missing: {
    status: 400,
    detail: 'The link has no token; ask the export procedure for a new link.',
  },
  malformed: {
    status: 400,
    detail: 'The link is damaged; ask the export procedure for a new link.',
  },
  signature: { status: 403, detail: 'The link was not issued by this server; ask for a new one.' },
  expired: { status: 410, detail: 'The link has expired; export again to get a new one.' },
};

function refuse(res: ServerResponse, status: number, detail: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/problem+json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify({ type: 'about:blank', title: 'Export refused', status, detail }));
}

/**
 * Serves the short-lived signed download links the router's `export` procedure returns when
 * `export.link` is set: streams the CSV, NDJSON or PDF file — with backpressure, any size — within
 * the scope the link was issued for. Mount it at the link's URL with any Node HTTP server or
 * Express (`app.get('/api/activity-export', handler)`).
 *
 * @example
 * ```ts
 * const exportHandler = createActivityExportHandler({ store, secret: process.env.EXPORT_SECRET! });
 * const trpc = createHTTPHandler({ router: appRouter, createContext });
 * http.createServer((req, res) =>
 *   req.url?.startsWith('/export') ? exportHandler(req, res) : trpc(req, res),
 * ).listen(3000);
 * ```
 */
export function createActivityExportHandler(
  options: ActivityExportHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const secret = checkSecret(options.secret, 'createActivityExportHandler');
  const now = options.now ?? Date.now;
  const onError =
    options.onError ??
    ((error: unknown) => process.stderr.write(`[activitykit] export failed: ${String(error)}\n`));

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Download the export with GET.');
    }
    const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    const checked = token
      ? verifyExportToken(token, secret, now())
      : { problem: 'missing' as const };
    if ('problem' in checked) {
      const refusal = REFUSALS[checked.problem];
      return refuse(res, refusal.status, refusal.detail);
    }
    const { grant } = checked;
    const { filters } = planExport(grant.query);
    // The download is the export: recorded as the link's issuer's, from the downloader's IP.
    const audit = auditExport(options.store.stream(grant.query, grant.scope), {
      store: options.store,
      format: grant.format,
      actor: grant.actor ?? { id: 'anonymous', type: 'anonymous' },
      scope: grant.scope,
      filters,
      context: defaultRequest({ req }),
    });
    let file: ReturnType<typeof buildExport>;
    try {
      file = buildExport(grant.format, audit.events, {
        ...options,
        timeZone: options.timeZone ?? grant.query.timeZone,
        locale: grant.locale,
        filters,
      });
    } catch (error) {
      return refuse(res, 400, error instanceof Error ? error.message : String(error));
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Disposition',
      exportContentDisposition({
        format: grant.format,
        baseName: exportFilename(grant.format, options.baseName, new Date(now())).replace(
          /\.\w+$/,
          '',
        ),
      }),
    );
    if (req.method === 'HEAD') {
      file.stream.destroy();
      res.end();
      return;
    }
    const completed = await pipeline(file.stream, res).then(
      () => true,
      (error: unknown) => {
        onError(error);
        res.destroy();
        return false;
      },
    );
    await audit.finish({ completed }).catch(onError);
  };
}
