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
   * Where the request came from: `ip`, `userAgent`, `requestId`, `correlationId` (shared by the
   * call's events and those the data layer records while it runs; when none, the request id, else a
   * new one per call), `location`…. Defaults to reading
   * the request that `withActivityRequest(createContext)` keeps with the context, else `ctx.req`
   * (Node's `IncomingMessage` or an Express request: `req.ip` honours Express's `trust proxy`;
   * otherwise the socket address; a fetch `Request` gives its headers).
   */
  request?: (ctx: TContext) => EventContext | undefined;
}

/** Where `withActivityRequest` keeps the request on a context: a symbol, so no app key clashes. */
export const ACTIVITY_REQUEST: unique symbol = Symbol.for('@activitykit/trpc.request');

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

/** The request behind a context: the one `withActivityRequest` kept, else `ctx.req`. */
export function requestOf(ctx: unknown): Loose {
  if (ctx === null || typeof ctx !== 'object') return undefined;
  const kept = (ctx as { [ACTIVITY_REQUEST]?: unknown })[ACTIVITY_REQUEST];
  const req = kept ?? (ctx as Loose)?.req;
  return req !== null && typeof req === 'object' ? (req as Record<string, unknown>) : undefined;
}

/** Reads a header of a Node or Express request (plain object) or a fetch `Request` (`Headers`). */
function headerReader(headers: unknown): (name: string) => unknown {
  if (typeof (headers as { get?: unknown } | undefined)?.get === 'function') {
    return (name) => (headers as { get(name: string): unknown }).get(name);
  }
  return (name) => (headers as Record<string, unknown> | undefined)?.[name];
}

/**
 * The default request resolver: IP, user agent, request id (`x-request-id`) and correlation id
 * (`x-correlation-id`) from the context's request.
 */
export function defaultRequest(ctx: unknown): EventContext | undefined {
  const req = requestOf(ctx);
  if (!req) return undefined;
  const read = headerReader(req.headers);
  const header = (name: string) => {
    const value = read(name);
    return str(Array.isArray(value) ? value[0] : value);
  };
  const socket = req.socket as Loose;
  const context: EventContext = {};
  const ip = str(req.ip) ?? str(socket?.remoteAddress);
  const userAgent = header('user-agent');
  const correlationId = header('x-correlation-id');
  const requestId = header('x-request-id') ?? correlationId;
  if (ip) context.ip = ip;
  if (userAgent) context.userAgent = userAgent.slice(0, 1000);
  if (requestId) context.requestId = requestId.slice(0, 200);
  if (correlationId) context.correlationId = correlationId.slice(0, 200);
  if (str(req.method)) context.method = String(req.method).slice(0, 20);
  return context;
}
