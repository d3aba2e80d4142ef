import type { Actor, EventContext } from '@activitykit/schema';
import type { CapturedRequest } from './capturedRequest.ts';
import type { CaptureConfig } from './config.ts';

/** What the finished request was: read once, shared by every event it records. */
export interface RequestFacts {
  method: string;
  /** The matched route pattern (`baseUrl + route.path`), if a route answered. */
  pattern: string | undefined;
  /** The route's own pattern (`route.path`). */
  routePath: string | undefined;
  /** The request path, without the query string. */
  path: string;
  status: number;
  failure: boolean;
  context: EventContext;
  /** Actor and tenant, resolved on first use. */
  actor(): Actor;
  tenantId(): string | undefined;
}

/** The facts of a finished request. */
export function requestFacts(activity: CapturedRequest, path: string): RequestFacts {
  const { req, res, config } = activity;
  const route = req.route as { path?: unknown } | undefined;
  const routePath = typeof route?.path === 'string' ? route.path : undefined;
  const pattern = routePath === undefined ? undefined : joinPath(req.baseUrl, routePath);
  const status = res.statusCode;
  const context: EventContext = {
    requestId: activity.requestId,
    correlationId: activity.correlationId,
    method: req.method,
    route: (pattern ?? path).slice(0, 500),
    status: status >= 100 && status <= 599 ? status : 500,
  };
  const ip = clientIp(req.ip);
  if (ip) context.ip = ip;
  const userAgent = req.headers['user-agent'];
  if (userAgent) context.userAgent = userAgent.slice(0, 1000);
  const location = config.location?.(req);
  if (location) context.location = location.slice(0, 200);
  let actor: Actor | undefined;
  let tenantResolved = false;
  let tenantId: string | undefined;
  return {
    method: req.method,
    pattern,
    routePath,
    path,
    status,
    failure: config.isFailure(status),
    context,
    actor() {
      actor ??= activity.early?.actor ?? resolveActor(config, activity);
      return actor;
    },
    tenantId() {
      if (!tenantResolved) {
        tenantResolved = true;
        tenantId = activity.early?.tenantId ?? config.tenant(req);
      }
      return tenantId;
    },
  };
}

function resolveActor(config: CaptureConfig, activity: CapturedRequest): Actor {
  return config.actor(activity.req) ?? { id: 'anonymous', type: 'anonymous' };
}

/** `::ffff:10.0.0.7` → `10.0.0.7`; capped at 100 characters. */
export function clientIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  return (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip).slice(0, 100);
}

function joinPath(base: string, path: string): string {
  if (!base) return path;
  return path === '/' ? base : `${base}${path}`;
}
