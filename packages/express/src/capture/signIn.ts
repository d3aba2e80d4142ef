import { placeSignIn } from '@activitykit/core';
import type { ActivityEventInput } from '@activitykit/schema';
import type { CapturedRequest } from './capturedRequest.ts';

/** A sign-in attempt: a login (or a failed one) or a one-time-password step. */
export function isSignIn(event: ActivityEventInput): boolean {
  return (
    event.kind === 'login' || event.kind === 'login_failed' || event.action.startsWith('auth.otp_')
  );
}

/**
 * Records a sign-in attempt that nobody signed in can place, in the tenant `signInTenant` names
 * for it (core's `placeSignIn`). Without one it is not recorded — the store's default tenant could
 * be another tenant's — and `onError` says what to set. Never throws.
 */
export async function recordSignIn(
  activity: CapturedRequest,
  event: ActivityEventInput,
  store: (activity: CapturedRequest, event: ActivityEventInput) => void,
): Promise<void> {
  const { config, req } = activity;
  const given = event.metadata?.identifier;
  const identifier = typeof given === 'string' ? given : config.identifier(req);
  const { signInTenant } = config;
  const placed = await placeSignIn({
    event,
    ask:
      signInTenant &&
      (() => signInTenant(identifier === undefined ? { req } : { identifier, req })),
    advice: 'activityCapture({ signInTenant: ({ identifier, req }) => tenantId })',
  });
  if ('refused' in placed) config.onError(placed.refused, req);
  else store(activity, { ...event, tenantId: placed.tenantId });
}
