import type { Actor, EventContext } from '@activitykit/schema';

/** How the middleware learns who acts, for which tenant, and from where, from the tRPC context. */
export interface CaptureResolvers<TContext> {
  /**
   * Who acts. Defaults to `ctx.user` when it has an `id` (`name`, `email`, `role` and `type` taken
   * along), else an anonymous actor.
   */
  actor?: (ctx: TContext) => Actor | undefined;
  /** The tenant. Defaults to `ctx.tenantId`, else `ctx.user.tenantId`, else the store's default. */
  tenant?: (ctx: TContext) => string | undefined;
  /**
   * Where the request came from: `ip`, `userAgent`, `requestId`, `location`…. Defaults to reading
   * `ctx.req` (Node's `IncomingMessage` or an Express request: `req.ip` honours Express's
   * `trust proxy`; otherwise the socket address).
   */
  request?: (ctx: TContext) => EventContext | undefined;
}

const ANONYMOUS: Actor = { id: 'anonymous', type: 'anonymous' };

type Loose = Record<string, unknown> | undefined;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The default actor resolver: `ctx.user`, if it names someone. */
export function defaultActor(ctx: unknown): Actor {
  const user = (ctx as Loose)?.user as Loose;
  const id = str(user?.id) ?? (typeof user?.id === 'number' ? String(user.id) : undefined);
  if (!user || !id) return ANONYMOUS;
  const actor: Actor = {
    id,
    type: user.type === 'api_key' || user.type === 'system' ? user.type : 'user',
  };
  const name = str(user.name);
  const email = str(user.email);
  const role = str(user.role);
  if (name) actor.name = name;
  if (email) actor.email = email;
  if (role) actor.role = role;
  return actor;
}

/** The default tenant resolver: `ctx.tenantId`, else `ctx.user.tenantId`. */
export function defaultTenant(ctx: unknown): string | undefined {
  const context = ctx as Loose;
  return str(context?.tenantId) ?? str((context?.user as Loose)?.tenantId);
}

/** The default request resolver: IP, user agent and request id from `ctx.req`. */
export function defaultRequest(ctx: unknown): EventContext | undefined {
  const req = (ctx as Loose)?.req as Loose;
  if (!req) return undefined;
  const headers = (req.headers ?? {}) as Record<string, string | string[] | undefined>;
  const header = (name: string) => {
    const value = headers[name];
    return str(Array.isArray(value) ? value[0] : value);
  };
  const socket = req.socket as Loose;
  const context: EventContext = {};
  const ip = str(req.ip) ?? str(socket?.remoteAddress);
  const userAgent = header('user-agent');
  const requestId = header('x-request-id') ?? header('x-correlation-id');
  if (ip) context.ip = ip;
  if (userAgent) context.userAgent = userAgent.slice(0, 1000);
  if (requestId) context.requestId = requestId.slice(0, 200);
  if (str(req.method)) context.method = String(req.method).slice(0, 20);
  return context;
}
