import type { ActivityEventInput } from '@activitykit/schema';
import { ActivityError } from './errors.ts';

/** Where a sign-in attempt nobody signed in can place goes (see {@link placeSignIn}). */
export type SignInPlacement = { tenantId: string } | { refused: ActivityError };

/**
 * The tenant of a sign-in attempt that nobody signed in can place, as the app's `signInTenant`
 * option names it — the one rule of `@activitykit/express` and `@activitykit/trpc`. Without an
 * answer the attempt is refused, not put into the store's default tenant (which could be another
 * tenant's, and would show the typed e-mail there): the refusal says what to set. Never throws.
 *
 * @example
 * ```ts
 * const placed = await placeSignIn({
 *   event,
 *   ask: options.signInTenant && (() => options.signInTenant({ identifier, req })),
 *   advice: 'activityCapture({ signInTenant: ({ identifier, req }) => tenantId })',
 * });
 * if ('refused' in placed) onError(placed.refused);
 * else store.record({ ...event, tenantId: placed.tenantId });
 * ```
 */
export async function placeSignIn(request: {
  event: ActivityEventInput;
  /** Asks the app's `signInTenant`; `undefined` when the app set none. */
  ask: (() => unknown) | undefined;
  /** How the option is set in this adapter, quoted in the refusal. */
  advice: string;
}): Promise<SignInPlacement> {
  const { event, ask, advice } = request;
  const refuse = (why: string, cause?: unknown): SignInPlacement => ({
    refused: new ActivityError(
      'INVALID_OPTIONS',
      `A sign-in attempt (${event.action}) was not recorded: ${why}. Its tenant is unknown, and ` +
        "the store's default tenant could show it to another tenant. Set " +
        `${advice} — from the account of the identifier, the host, the path or a header; a ` +
        'single-tenant app returns its one tenant id, and a tenant only your administrators read ' +
        'suits identifiers that match no account.',
      { cause },
    ),
  });
  if (!ask) return refuse('nobody is signed in and no signInTenant option is set');
  let tenantId: unknown;
  try {
    tenantId = await ask();
  } catch (error) {
    return refuse(`signInTenant threw (${String(error).slice(0, 200)})`, error);
  }
  if (typeof tenantId === 'string' && tenantId.trim() !== '') return { tenantId };
  return refuse(
    tenantId === undefined
      ? 'signInTenant named no tenant for it'
      : `signInTenant returned ${JSON.stringify(tenantId)?.slice(0, 40)}, not a tenant id`,
  );
}
