import {
  type ActivityAccess,
  assertViewerCan,
  type RequestContext,
  resolveAccess,
  type ViewerPermission,
  viewerAccess,
} from '@activitykit/core';
import type { Request, RequestHandler, Response } from 'express';
import { clientIp } from '../capture/facts.ts';
import { sendProblem } from '../problem.ts';
import type { ActivityApiOptions } from './options.ts';

/** A caller's checked access: the parsed scope (defaults applied) and the actor. */
export type Access = ActivityAccess;

/** A route of the API, run once the caller is authorized. */
export type ApiRoute = (req: Request, res: Response, access: Access) => Promise<void> | void;

/**
 * Asks the app's `authorize` who is calling, and checks the answer with core's `resolveAccess`
 * (deny by default: nothing → 401 `UNAUTHORIZED`, malformed → 403 `INVALID_SCOPE`, no tenant →
 * 403 `FORBIDDEN`). With `viewerTokens`, a `Bearer` viewer token is checked first (core's
 * `viewerAccess`: a bad one is a 401, and it never widens the session's own access).
 */
export async function authorizeRequest(
  req: Request,
  options: Pick<ActivityApiOptions, 'authorize' | 'store' | 'viewerTokens'>,
): Promise<Access> {
  if (options.viewerTokens) {
    const viewer = await viewerAccess({
      store: options.store,
      authorization:
        options.viewerTokens === true
          ? req.get('authorization')
          : options.viewerTokens.authorization(req),
      session: () => options.authorize(req),
    });
    if (viewer) return viewer;
  }
  return resolveAccess(await options.authorize(req));
}

/**
 * Wraps a route: authorizes, runs it, and answers any failure as a problem document. `need` is
 * what a viewer token must allow to use the route (`'none'`: no token may). Defaults to `'read'`.
 */
export function route(
  options: ActivityApiOptions,
  run: ApiRoute,
  need: ViewerPermission | 'none' = 'read',
): RequestHandler {
  const onError = options.onError ?? defaultOnError;
  return async (req, res) => {
    try {
      const access = await authorizeRequest(req, options);
      assertViewerCan(access, need);
      await run(req, res, access);
    } catch (error) {
      const problem = sendProblem(res, error);
      if (problem.status >= 500) onError(error, req);
    }
  };
}

/** Writes server-side failures of the API to stderr. */
export function defaultOnError(error: unknown): void {
  process.stderr.write(
    `[activitykit/express] ${error instanceof Error ? error.stack : String(error)}\n`,
  );
}

const REQUEST_ID = /^[\w.:@/+=-]{1,200}$/;

/**
 * Where a request came from, for the events the API's own actions record (notes, restores, bulk
 * deletes, exports): `req.ip` (following `trust proxy`), the user agent, and the request id that
 * `activityCapture` gave the request (else a well-formed `X-Request-Id`).
 */
export function requestContextOf(req: Request): RequestContext {
  const context: RequestContext = {};
  const ip = clientIp(req.ip);
  if (ip) context.ip = ip;
  const userAgent = req.get('user-agent');
  if (userAgent) context.userAgent = userAgent.slice(0, 1000);
  const header = req.get('x-request-id');
  const requestId =
    (req as { activity?: { requestId?: unknown } }).activity?.requestId ??
    (header && REQUEST_ID.test(header) ? header : undefined);
  if (typeof requestId === 'string' && requestId) context.requestId = requestId;
  return context;
}
