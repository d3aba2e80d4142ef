import { ActivityError } from '@activitykit/core';
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
 * `signInTenant`. Without one the attempt is not recorded — the store's default tenant could be
 * another tenant's, and its typed e-mail would show there — and `onError` says what to set, as in
 * `@activitykit/express`. Never throws.
 */
export async function tenantOfSignIn<TContext>(
  event: ActivityEventInput,
  attempt: { ctx: TContext; input: unknown },
  { signInTenant, onError }: SignInPlacement<TContext>,
): Promise<string | undefined> {
  const identifier = event.metadata?.identifier;
  const full: SignInAttempt<TContext> =
    typeof identifier === 'string' ? { ...attempt, identifier } : attempt;
  let tenantId: unknown;
  try {
    tenantId = await signInTenant?.(full);
  } catch (error) {
    onError(refusal(event, `signInTenant threw (${String(error).slice(0, 200)})`, error));
    return undefined;
  }
  if (typeof tenantId === 'string' && tenantId.trim() !== '') return tenantId;
  const why = !signInTenant
    ? 'nobody is signed in and no signInTenant option is set'
    : tenantId === undefined
      ? 'signInTenant named no tenant for it'
      : `signInTenant returned ${JSON.stringify(tenantId)?.slice(0, 40)}, not a tenant id`;
  onError(refusal(event, why));
  return undefined;
}

function refusal(event: ActivityEventInput, why: string, cause?: unknown): ActivityError {
  return new ActivityError(
    'INVALID_OPTIONS',
    `A sign-in attempt (${event.action}) was not recorded: ${why}. Its tenant is unknown, and the ` +
      "store's default tenant could show it to another tenant. Set activityMiddleware({ " +
      'signInTenant: ({ identifier, ctx, input }) => tenantId }) — from the account of the ' +
      'identifier, the host or a header; a single-tenant app returns its one tenant id.',
    { cause },
  );
}
