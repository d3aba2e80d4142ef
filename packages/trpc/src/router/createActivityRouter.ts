import type { ActivityStore } from '@activitykit/core';
import type {
  AnyTRPCRootTypes,
  TRPCBuiltRouter,
  TRPCDefaultErrorShape,
  TRPCRouterBuilder,
} from '@trpc/server';
import {
  type ActivityAuthorize,
  authorizedProcedure,
  internalTRPC,
  needing,
  type ViewerTokenSource,
} from './access.ts';
import { type ActivityExportOptions, exportProcedure } from './exportProcedure.ts';
import { integrityProcedures } from './integrityProcedures.ts';
import { type ActivityLiveOptions, liveProcedure } from './liveProcedure.ts';
import { type ReadProcedureOptions, readProcedures } from './readProcedures.ts';
import { suggestProcedure } from './suggestProcedure.ts';
import { type WriteProcedureOptions, writeProcedures } from './writeProcedures.ts';

/** Options of {@link createActivityRouter}. */
export interface ActivityRouterOptions<TContext>
  extends Pick<ReadProcedureOptions, 'signals'>,
    Pick<WriteProcedureOptions, 'verify' | 'restorers'> {
  /** The store every procedure reads from and writes to. */
  store: ActivityStore;
  /**
   * Who may see what: `{ scope, actor }` for the caller, or nothing (`UNAUTHORIZED`). Runs on every
   * procedure call (and once per live subscription); there is no default but deny.
   */
  authorize: ActivityAuthorize<TContext>;
  /** How `export` hands out files. Defaults to inline files of at most 5000 events. */
  export?: ActivityExportOptions;
  /** How `live` polls. Defaults to every second. */
  live?: ActivityLiveOptions;
  /**
   * Accept viewer tokens (`store.createViewerToken`) as `Authorization: Bearer <token>`: `true`
   * reads the header of the context's request (`ctx.req`); a function returns it from the context
   * (e.g. `connectionParams` of a subscription). A call with a token reads what the token allows
   * (narrowed by the session when `authorize` answers one too); a bad token is `UNAUTHORIZED`
   * (`INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED` in `data.activity.code`). Pages, timelines
   * and events read through a token are recorded as `activity.viewed` events. Defaults to `false`.
   */
  viewerTokens?: ViewerTokenSource<TContext>;
}

/** Every procedure of the activity router (its record). */
export type ActivityRouterRecord = ReturnType<typeof buildRecord>;

/** The root types of a router built without the app's `t`. */
export interface DefaultActivityRoot<TContext> {
  ctx: TContext;
  meta: object;
  errorShape: TRPCDefaultErrorShape;
  transformer: false;
}

/** The activity router: nest it into the app router (`activity: createActivityRouter(…)`). */
export type ActivityRouter<TRoot extends AnyTRPCRootTypes = DefaultActivityRoot<object>> =
  TRPCBuiltRouter<TRoot, ActivityRouterRecord>;

function buildRecord<TContext>(options: ActivityRouterOptions<TContext>) {
  const tokens = { store: options.store, viewerTokens: options.viewerTokens };
  const procedure = authorizedProcedure(options.authorize, tokens);
  // What a viewer token must allow: reads, exports, and nothing that writes or verifies.
  const reading = needing(procedure, 'read');
  return {
    ...readProcedures(reading, options),
    ...writeProcedures(needing(procedure, 'none'), options),
    ...integrityProcedures(reading, options),
    suggestActors: suggestProcedure(reading, options),
    export: exportProcedure(needing(procedure, 'export'), options),
    live: liveProcedure(reading, { ...options, tokens }),
  };
}

/**
 * The ready-made activity router: `scope`, `list`, `get`, `timeline`, `stats`, `signals`,
 * `suggestActors`, `integrity`, `checkpointOf`, `verify`, `restore`, `bulkDelete`, `addNote`,
 * `export` and the `live` subscription (SSE), each authorized, scoped and validated. Nest it under a key of the app
 * router; pass the app's `t` to build it with the app's config (needed to flat-merge it with
 * `t.mergeRouters`).
 *
 * @example
 * ```ts
 * const appRouter = t.router({
 *   activity: createActivityRouter({
 *     store,
 *     authorize: (ctx: Context) =>
 *       ctx.user ? { scope: { tenants: [ctx.user.tenantId], canNote: true }, actor: ctx.user } : null,
 *   }),
 * });
 * export type AppRouter = typeof appRouter;
 * ```
 */
export function createActivityRouter<TRoot extends AnyTRPCRootTypes>(
  options: ActivityRouterOptions<TRoot['ctx']> & { t: { router: TRPCRouterBuilder<TRoot> } },
): ActivityRouter<TRoot>;
export function createActivityRouter<TContext extends object = object>(
  options: ActivityRouterOptions<TContext> & { t?: undefined },
): ActivityRouter<DefaultActivityRoot<TContext>>;
export function createActivityRouter(
  options: ActivityRouterOptions<object> & { t?: { router: TRPCRouterBuilder<AnyTRPCRootTypes> } },
): ActivityRouter<AnyTRPCRootTypes> {
  const router = options.t?.router ?? internalTRPC.router;
  return router(buildRecord(options)) as ActivityRouter<AnyTRPCRootTypes>;
}
