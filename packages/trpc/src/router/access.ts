import {
  type ActivityScope,
  type ActivityScopeInput,
  type Actor,
  activityScopeSchema,
} from '@activitykit/schema';
import { initTRPC, TRPCError } from '@trpc/server';
import { toTRPCError } from '../errors.ts';

/** What `authorize` returns for a signed-in reader: what they may see and do, and who they are. */
export interface ActivityAuthorization {
  /** The reader's scope: tenants, roles and privileges (`canDelete`, `canRestore`, `canNote`). */
  scope: ActivityScopeInput;
  /** Who acts: stamped on notes, restores and bulk deletes. */
  actor: Actor;
}

/**
 * Decides what the caller of an activity procedure may see: their authorization, or `null` /
 * `undefined` when nobody is signed in (`UNAUTHORIZED`). A scope whose `tenants` is `[]` is
 * `FORBIDDEN` on every procedure.
 */
export type ActivityAuthorize<TContext> = (
  ctx: TContext,
) => ActivityAuthorization | null | undefined | Promise<ActivityAuthorization | null | undefined>;

/** An authorization with its scope validated and defaults filled in. */
export interface ResolvedAccess {
  scope: ActivityScope;
  actor: Actor;
}

/** Runs `authorize` and enforces default deny. */
export async function resolveAccess<TContext>(
  authorize: ActivityAuthorize<TContext>,
  ctx: TContext,
): Promise<ResolvedAccess> {
  const granted = await authorize(ctx);
  if (!granted) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Sign in to see the activity log.',
    });
  }
  const parsed = activityScopeSchema.safeParse(granted.scope);
  if (!parsed.success) {
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message:
        'authorize() returned an invalid scope; return { scope: { tenants: ["acme"] }, actor } ' +
        '(or tenants: "*" for administrators).',
      cause: parsed.error,
    });
  }
  if (parsed.data.tenants !== '*' && parsed.data.tenants.length === 0) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message:
        'Your account may not see the activity of any tenant; ask an administrator for access.',
    });
  }
  return { scope: parsed.data, actor: granted.actor };
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

/** `true` when the scope covers `tenantId`. */
export function scopeHasTenant(scope: ActivityScope, tenantId: string): boolean {
  return scope.tenants === '*' || scope.tenants.includes(tenantId);
}
