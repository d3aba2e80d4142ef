import type { ActivityEventInput } from '@activitykit/schema';
import { ActivityHttpError } from '../errors.ts';
import type { CapturedRequest } from './capturedRequest.ts';

/** A sign-in attempt: a login (or a failed one) or a one-time-password step. */
export function isSignIn(event: ActivityEventInput): boolean {
  return (
    event.kind === 'login' || event.kind === 'login_failed' || event.action.startsWith('auth.otp_')
  );
}

/**
 * Records a sign-in attempt that nobody signed in can place, in the tenant `signInTenant` names
 * for it. Without one it is not recorded — the store's default tenant could be another tenant's —
 * and `onError` says what to set. Never throws.
 */
export async function recordSignIn(
  activity: CapturedRequest,
  event: ActivityEventInput,
  store: (activity: CapturedRequest, event: ActivityEventInput) => void,
): Promise<void> {
  const { config, req } = activity;
  const given = event.metadata?.identifier;
  const identifier = typeof given === 'string' ? given : config.identifier(req);
  let tenantId: unknown;
  try {
    tenantId = await config.signInTenant?.(
      identifier === undefined ? { req } : { identifier, req },
    );
  } catch (error) {
    config.onError(
      refusal(event, `signInTenant threw (${String(error).slice(0, 200)})`, error),
      req,
    );
    return;
  }
  if (typeof tenantId === 'string' && tenantId.trim() !== '') {
    store(activity, { ...event, tenantId });
    return;
  }
  const why = !config.signInTenant
    ? 'nobody is signed in and no signInTenant option is set'
    : tenantId === undefined
      ? 'signInTenant named no tenant for it'
      : `signInTenant returned ${JSON.stringify(tenantId)?.slice(0, 40)}, not a tenant id`;
  config.onError(refusal(event, why), req);
}

function refusal(event: ActivityEventInput, why: string, cause?: unknown): ActivityHttpError {
  return new ActivityHttpError(
    'INVALID_OPTIONS',
    `A sign-in attempt (${event.action}) was not recorded: ${why}. Its tenant is unknown, and the ` +
      "store's default tenant could show it to another tenant. Set activityCapture({ signInTenant: " +
      '({ identifier, req }) => tenantId }) — from the account of the identifier, the host, the ' +
      'path or a header; a single-tenant app returns its one tenant id, and a tenant only your ' +
      'administrators read suits identifiers that match no account.',
    { cause },
  );
}
