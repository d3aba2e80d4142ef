import {
  type ActivityAccess,
  type ActivityAuthorization,
  type ActivityStore,
  assertViewerCan,
  resolveAccess as checkAccess,
  type ViewerPermission,
  viewerAccess,
} from '@activitykit/core';
import { initTRPC } from '@trpc/server';
import { requestOf } from '../capture/resolvers.ts';
import { toTRPCError } from '../errors.ts';

export type { ActivityAuthorization };

/**
 * Decides what the caller of an activity procedure may see: their authorization, or `null` /
 * `undefined` when nobody is signed in (`UNAUTHORIZED`). A scope whose `tenants` is `[]` is
 * `FORBIDDEN` on every procedure.
 */
export type ActivityAuthorize<TContext> = (
  ctx: TContext,
) => ActivityAuthorization | null | undefined | Promise<ActivityAuthorization | null | undefined>;

/** An authorization with its scope validated and defaults filled in. */
export type ResolvedAccess = ActivityAccess;

/**
 * Where a router finds viewer tokens: `true` reads the `Authorization: Bearer` header of the
 * context's request (`ctx.req`, `ctx.request`, as capture finds it); a function returns that
 * header's value from the context (e.g. from a subscription's `connectionParams`).
 */
export type ViewerTokenSource<TContext> =
  | boolean
  | { authorization: (ctx: TContext) => string | null | undefined };

/** What {@link resolveAccess} needs to accept viewer tokens. */
export interface ViewerTokenSetup<TContext> {
  store: Pick<ActivityStore, 'verifyViewerToken'>;
  viewerTokens?: ViewerTokenSource<TContext> | undefined;
}

/**
 * Runs `authorize` and checks its answer with core's `resolveAccess` (deny by default). With
 * viewer tokens on, a `Bearer` token is checked first (core's `viewerAccess`: a bad one is
 * `UNAUTHORIZED`, and it never widens the session's own access).
 */
export async function resolveAccess<TContext>(
  authorize: ActivityAuthorize<TContext>,
  ctx: TContext,
  tokens?: ViewerTokenSetup<TContext>,
): Promise<ResolvedAccess> {
  try {
    const source = tokens?.viewerTokens;
    if (tokens && source) {
      const viewer = await viewerAccess({
        store: tokens.store,
        authorization: source === true ? authorizationOf(ctx) : source.authorization(ctx),
        session: () => authorize(ctx),
      });
      if (viewer) return viewer;
    }
    return checkAccess(await authorize(ctx));
  } catch (error) {
    throw toTRPCError(error);
  }
}

/** The `Authorization` header of the context's request (Node headers or a fetch `Headers`). */
function authorizationOf(ctx: unknown): string | undefined {
  const headers = requestOf(ctx)?.headers as
    | { get?: (name: string) => unknown; authorization?: unknown }
    | undefined;
  const value =
    typeof headers?.get === 'function' ? headers.get('authorization') : headers?.authorization;
  return typeof value === 'string' ? value : undefined;
}

/** The package's own tRPC instance: its procedures are nested into (or merged with) the app's router. */
export const internalTRPC = initTRPC.context<object>().create();

/**
 * The base of every activity procedure: authorizes the caller (`ctx.access`), and turns store and
 * schema errors into tRPC errors.
 */
export function authorizedProcedure<TContext>(
  authorize: ActivityAuthorize<TContext>,
  tokens?: ViewerTokenSetup<TContext>,
) {
  return internalTRPC.procedure.use(async (opts) => {
    const access = await resolveAccess(authorize, opts.ctx as TContext, tokens);
    const result = await opts.next({ ctx: { access } });
    if (!result.ok) {
      const mapped = toTRPCError(result.error);
      if (mapped !== result.error) throw mapped;
    }
    return result;
  });
}

/** The procedure builder every activity procedure starts from. */
export type AuthorizedProcedure = ReturnType<typeof authorizedProcedure<unknown>>;

/**
 * Refuses (`FORBIDDEN`) a viewer token's call that its permissions do not cover (`'none'`: no
 * token may); any other access passes.
 */
export function assertViewerMay(access: ResolvedAccess, need: ViewerPermission | 'none'): void {
  try {
    assertViewerCan(access, need);
  } catch (error) {
    throw toTRPCError(error);
  }
}

/** `procedure` for callers whose viewer token (if any) allows `need` (`'none'`: no token). */
export function needing(procedure: AuthorizedProcedure, need: ViewerPermission | 'none') {
  return procedure.use(({ ctx, next }) => {
    assertViewerMay(ctx.access, need);
    return next();
  });
}
