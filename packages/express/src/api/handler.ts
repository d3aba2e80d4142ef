import type { RequestContext } from '@activitykit/core';
import {
  type ActivityScope,
  type Actor,
  activityScopeSchema,
  actorSchema,
} from '@activitykit/schema';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { clientIp } from '../capture/facts.ts';
import { ActivityHttpError } from '../errors.ts';
import { sendProblem } from '../problem.ts';
import type { ActivityApiOptions } from './options.ts';

/** A caller's checked access: the parsed scope (defaults applied) and the actor. */
export interface Access {
  scope: ActivityScope;
  actor: Actor;
}

/** A route of the API, run once the caller is authorized. */
export type ApiRoute = (req: Request, res: Response, access: Access) => Promise<void> | void;

const accessSchema = z.object({ scope: activityScopeSchema, actor: actorSchema });

/**
 * Asks the app's `authorize` who is calling: nothing → `UNAUTHORIZED`; a malformed answer, or a
 * scope that sees no tenant → `FORBIDDEN` (deny by default).
 */
export async function authorizeRequest(
  req: Request,
  authorize: ActivityApiOptions['authorize'],
): Promise<Access> {
  const access = await authorize(req);
  if (access === undefined || access === null) {
    throw new ActivityHttpError('UNAUTHORIZED', 'Sign in to read the activity log.');
  }
  const parsed = accessSchema.safeParse(access);
  if (!parsed.success) {
    throw new ActivityHttpError(
      'FORBIDDEN',
      'Your access could not be established (the server’s authorize() returned a malformed scope or actor).',
      { cause: parsed.error },
    );
  }
  const { tenants } = parsed.data.scope;
  if (tenants !== '*' && tenants.length === 0) {
    throw new ActivityHttpError('FORBIDDEN', 'Your account may not read any activity.');
  }
  return parsed.data;
}

/** Wraps a route: authorizes, runs it, and answers any failure as a problem document. */
export function route(options: ActivityApiOptions, run: ApiRoute): RequestHandler {
  const onError = options.onError ?? defaultOnError;
  return async (req, res) => {
    try {
      const access = await authorizeRequest(req, options.authorize);
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

/** `tenantId` is within the scope? */
export function inScope(scope: ActivityScope, tenantId: string): boolean {
  return scope.tenants === '*' || scope.tenants.includes(tenantId);
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
