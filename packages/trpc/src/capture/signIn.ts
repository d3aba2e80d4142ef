import { placeSignIn } from '@activitykit/core';
import type { ActivityEventInput } from '@activitykit/schema';

/**
 * A sign-in attempt whose procedure did not name a tenant, for `activityMiddleware`'s
 * `signInTenant` option.
 */
export interface SignInAttempt<TContext> {
  /** The attempted identifier (an e-mail, a username…), never the password. */
  identifier?: string;
  /** The procedure's context. */
  ctx: TContext;
  /** The input as the client sent it (it may have failed validation). */
  input: unknown;
}

/** What {@link tenantOfSignIn} needs: the app's resolver and where refusals go. */
export interface SignInPlacement<TContext> {
  signInTenant:
    | ((attempt: SignInAttempt<TContext>) => string | undefined | Promise<string | undefined>)
    | undefined;
  onError: (error: unknown) => void;
}

/**
 * The tenant of a sign-in attempt that neither its procedure nor the tenant resolver placed, from
 * `signInTenant` (core's `placeSignIn`, the rule `@activitykit/express` follows too). Without one
 * the attempt is not recorded — the store's default tenant could be another tenant's, and its
 * typed e-mail would show there — and `onError` says what to set. Never throws.
 */
export async function tenantOfSignIn<TContext>(
  event: ActivityEventInput,
  attempt: { ctx: TContext; input: unknown },
  { signInTenant, onError }: SignInPlacement<TContext>,
): Promise<string | undefined> {
  const identifier = event.metadata?.identifier;
  const full: SignInAttempt<TContext> =
    typeof identifier === 'string' ? { ...attempt, identifier } : attempt;
  const placed = await placeSignIn({
    event,
    ask: signInTenant && (() => signInTenant(full)),
    advice: 'activityMiddleware({ signInTenant: ({ identifier, ctx, input }) => tenantId })',
  });
  if ('tenantId' in placed) return placed.tenantId;
  onError(placed.refused);
  return undefined;
}
