import { withActivityContext } from '@activitykit/core';
import type { Request, RequestHandler, Response } from 'express';
import { RESPONSE_BODY } from './autoEvents.ts';
import { type CaptureConfig, compileCaptureOptions, lookupRoute } from './config.ts';
import type { ActivityCaptureOptions } from './options.ts';
import { pathOf, RequestActivity } from './requestActivity.ts';
import { requestContextSource } from './requestContext.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REQUEST_ID = /^[\w.:@/+=-]{1,200}$/;

/**
 * The capture middleware: one `app.use(activityCapture({ store }))` records every POST, PUT, PATCH
 * and DELETE as a create, update or delete of the matched route's record (`/customers/:id` →
 * `customer` `42`), with the actor and tenant (`req.user` by default), IP (honouring `trust
 * proxy`), user agent, request id and correlation id; login, logout and OTP routes as auth events;
 * configured reads as `access` events. Handlers add detail through `req.activity`. Events are
 * recorded when the response finishes; a store failure goes to `onError`, never into the request.
 *
 * The handlers run inside `withActivityContext`: whatever they (or the data layer,
 * `@activitykit/mongodb`) record with `store.record()` gets the same actor, tenant, IP, user agent,
 * request id and correlation id. A route whose record the data layer captured is not recorded a
 * second time (the data-layer event has the exact changes).
 *
 * @example
 * ```ts
 * app.use(express.json());
 * app.use(activityCapture({
 *   store,
 *   login: { routes: { login: 'POST /login', logout: 'POST /logout' } },
 *   access: { 'GET /reports/:id': { type: 'report' } },
 *   exclude: ['/health'],
 * }));
 * ```
 */
export function activityCapture(options: ActivityCaptureOptions): RequestHandler {
  const config = compileCaptureOptions(options);
  const { requestIdHeader, generateRequestId, exclude, loginRoutes } = config;
  const watchReads = config.access.size > 0;
  const watchAuth = loginRoutes.size > 0;

  return function activityCaptureMiddleware(req: Request, res: Response, next) {
    const incoming = req.headers[requestIdHeader];
    const requestId = validId(incoming) ?? generateRequestId();
    res.setHeader(requestIdHeader, requestId);
    const correlationId = appCorrelationId(config, req) ?? requestId;
    const activity = new RequestActivity(req, config, { requestId, correlationId });
    req.activity = activity;
    // Everything the handlers record (the data layer included) gets the request's actor and context.
    const run = () => withActivityContext(requestContextSource(activity), next);
    if (exclude?.(pathOf(req.originalUrl))) {
      activity.skipped = true;
      return run();
    }
    const method = req.method;
    if (MUTATING.has(method)) {
      activity.watch();
      res.json = sniffJson;
    } else if (watchReads && (method === 'GET' || method === 'HEAD')) {
      activity.watch();
    }
    if (watchAuth) {
      const path = pathOf(req.originalUrl);
      const step = lookupRoute(loginRoutes, { method, pattern: undefined, path });
      if (step) activity.watch();
      // A logout ends the session: who it was must be read before the handler runs.
      if (step === 'logout') {
        activity.early = { actor: config.actor(req), tenantId: config.tenant(req) };
      }
    }
    run();
  };
}

function appCorrelationId(config: CaptureConfig, req: Request): string | undefined {
  try {
    return validId(config.correlationId?.(req));
  } catch (error) {
    config.onError(error, req);
    return undefined;
  }
}

function validId(id: unknown): string | undefined {
  return typeof id === 'string' && REQUEST_ID.test(id) ? id : undefined;
}

/** `res.json`, keeping the body for the id of a created record (one function for all requests). */
function sniffJson(this: Response, body: unknown): Response {
  (this as { [RESPONSE_BODY]?: unknown })[RESPONSE_BODY] = body;
  const json = (Object.getPrototypeOf(this) as Response).json;
  return json.call(this, body);
}
