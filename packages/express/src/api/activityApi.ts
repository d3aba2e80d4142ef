import { Router as createRouter, type ErrorRequestHandler, type Router } from 'express';
import { ActivityHttpError } from '../errors.ts';
import { sendProblem } from '../problem.ts';
import { mountExportRoutes } from './exportRoute.ts';
import { defaultOnError } from './handler.ts';
import { mountIntegrityRoutes } from './integrityRoutes.ts';
import { mountLiveRoute } from './liveRoute.ts';
import type { ActivityApiOptions } from './options.ts';
import { mountReadRoutes } from './readRoutes.ts';
import { mountSuggestRoute } from './suggestRoute.ts';
import { mountWriteRoutes } from './writeRoutes.ts';

/**
 * The REST read API as an Express router: list and search, one event, a record's timeline, stats,
 * security signals, actor suggestions, CSV / NDJSON / PDF exports, a live SSE stream, how far
 * the log is sealed (and which checkpoint seals an event), verify, restore, bulk delete and notes. Every route asks `authorize(req)` first (nothing → 401, an empty
 * scope → 403), validates every input with zod, and answers errors as RFC 9457
 * `application/problem+json` — also errors that middleware the app mounted before it raised for
 * its paths (a body the app's own `express.json()` refused): it returns the router and an error
 * handler, mounted together by one `app.use(path, activityApi(…))`.
 *
 * @example
 * ```ts
 * app.use('/api/activity', activityApi({
 *   store,
 *   authorize: (req) => req.user && {
 *     scope: req.user.role === 'admin' ? { tenants: '*', canDelete: true } : { tenants: [req.user.tenantId] },
 *     actor: { id: req.user.id, type: 'user', name: req.user.name, role: req.user.role },
 *   },
 * }));
 * ```
 */
export function activityApi(options: ActivityApiOptions): ActivityApiHandlers {
  if (!options || typeof options.store?.list !== 'function') {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      'activityApi needs { store }: the store from createActivityStore().',
    );
  }
  if (typeof options.authorize !== 'function') {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      'activityApi needs { authorize(req) } returning { scope, actor } for the signed-in caller (or nothing: 401).',
    );
  }
  const router = createRouter({ caseSensitive: true, strict: false });
  router.use((req, res, next) => {
    // The API's own writes (notes, restores, bulk deletes) are recorded by the store itself.
    (req as { activity?: { skip(): void } }).activity?.skip();
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  mountReadRoutesInOrder(router, options);
  router.use((_req, res) => {
    sendProblem(res, new ActivityHttpError('NOT_FOUND', 'No such activity API route.'));
  });
  const onFailure = problemHandler(options);
  router.use(onFailure);
  // A router mounted with `app.use` only sees requests: Express skips it while an error is
  // pending, so an error of the app's earlier middleware (its own `express.json()` refusing a
  // body) needs an error handler mounted beside it, at the same path.
  return [router, onFailure];
}

/**
 * What {@link activityApi} returns: the API's router and the error handler that answers, as
 * problem documents, errors raised before the router for paths under the mount point. Mount both
 * with one `app.use('/api/activity', activityApi(options))` (Express takes a list of handlers).
 */
export type ActivityApiHandlers = [api: Router, errors: ErrorRequestHandler];

/** Answers any error as a problem document; server faults also go to `onError`. */
function problemHandler(options: ActivityApiOptions): ErrorRequestHandler {
  const onError = options.onError ?? defaultOnError;
  // Express tells error handlers by their four parameters.
  // biome-ignore lint/complexity/useMaxParams: the signature of an Express error handler.
  return (error, req, res, _next) => {
    res.setHeader('Cache-Control', 'no-store');
    const problem = sendProblem(res, error);
    if (problem.status >= 500) onError(error, req);
  };
}

/** Fixed paths first (`/scope`, `/live`, `/export.csv`, `/integrity`…), then `/:id`. */
function mountReadRoutesInOrder(router: Router, options: ActivityApiOptions): void {
  mountLiveRoute(router, options);
  mountExportRoutes(router, options);
  mountWriteRoutes(router, options);
  mountSuggestRoute(router, options);
  mountIntegrityRoutes(router, options);
  mountReadRoutes(router, options);
}
