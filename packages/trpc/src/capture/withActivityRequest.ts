import { ACTIVITY_REQUEST } from './resolvers.ts';

/**
 * Wraps an adapter's `createContext` so that the capture middleware sees the HTTP request —
 * whatever the context you return holds — and records the caller's IP, user agent and request id.
 * tRPC hands the request only to `createContext`, never to middlewares: without this (or a `req`
 * key in your context) events have no IP. The request is kept under a symbol key, so it does not
 * show in your context type, in JSON or in `Object.keys(ctx)`.
 *
 * Works with any adapter whose `createContext` gets `{ req }`: standalone, Express, Fastify, fetch.
 *
 * @example
 * ```ts
 * createHTTPServer({
 *   router: appRouter,
 *   createContext: withActivityRequest(({ req }) => ({ user: sessionUser(req) })),
 * }).listen(3000);
 * ```
 */
export function withActivityRequest<TOptions extends { req: object }, TContext extends object>(
  createContext: (opts: TOptions) => TContext | Promise<TContext>,
): (opts: TOptions) => Promise<TContext> {
  return async (opts) => {
    const ctx = await createContext(opts);
    return { ...ctx, [ACTIVITY_REQUEST]: opts.req };
  };
}
