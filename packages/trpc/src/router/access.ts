import {
  type ActivityAccess,
  type ActivityAuthorization,
  resolveAccess as checkAccess,
} from '@activitykit/core';
import { initTRPC } from '@trpc/server';
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

/** Runs `authorize` and checks its answer with core's `resolveAccess` (deny by default). */
export async function resolveAccess<TContext>(
  authorize: ActivityAuthorize<TContext>,
  ctx: TContext,
): Promise<ResolvedAccess> {
  try {
    return checkAccess(await authorize(ctx));
  } catch (error) {
    throw toTRPCError(error);
  }
}

/** The package's own tRPC instance: its procedures are nested into (or merged with) the app's router. */
export const internalTRPC = initTRPC.context<object>().create();

/**
 * The base of every activity procedure: authorizes the caller (`ctx.access`), and turns store and
 * schema errors into tRPC errors.
 */
export function authorizedProcedure<TContext>(authorize: ActivityAuthorize<TContext>) {
  return internalTRPC.procedure.use(async (opts) => {
    const access = await resolveAccess(authorize, opts.ctx as TContext);
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
