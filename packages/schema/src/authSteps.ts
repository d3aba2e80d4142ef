/**
 * The events of sign-in steps, one table for every capture path (Express routes and helpers, tRPC
 * procedure meta and helpers): which action, kind and outcome a login, logout or one-time-password
 * step records, and how much of an attempted identifier is kept.
 */
import type { EventKind } from './event.ts';

/** A sign-in step: a password login, a logout, or a one-time password asked for or checked. */
export type AuthStep = 'login' | 'logout' | 'otp_request' | 'otp_verify';

/** What a sign-in step records. */
export interface AuthStepEvent {
  action: string;
  kind: EventKind;
  outcome: 'success' | 'failure';
}

/**
 * The action, kind and outcome of a sign-in step that succeeded or failed: a failed login is
 * `auth.login_failed` and a failed code check `auth.otp_failed`, both of kind `login_failed` so the
 * failed-login rules count them; asking for a code is `other`.
 *
 * @example
 * ```ts
 * authStepEvent('otp_verify', 'failure'); // { action: 'auth.otp_failed', kind: 'login_failed', outcome: 'failure' }
 * ```
 */
export function authStepEvent(step: AuthStep, outcome: 'success' | 'failure'): AuthStepEvent {
  const failed = outcome === 'failure';
  switch (step) {
    case 'login':
      return failed
        ? { action: 'auth.login_failed', kind: 'login_failed', outcome }
        : { action: 'auth.login', kind: 'login', outcome };
    case 'logout':
      return { action: 'auth.logout', kind: 'logout', outcome };
    case 'otp_request':
      return { action: 'auth.otp_requested', kind: 'other', outcome };
    case 'otp_verify':
      return failed
        ? { action: 'auth.otp_failed', kind: 'login_failed', outcome }
        : { action: 'auth.otp_verified', kind: 'other', outcome };
  }
}

/** The longest attempted identifier kept (an e-mail address is at most 320 characters). */
export const MAX_IDENTIFIER_LENGTH = 320;

/**
 * The attempted identifier of a sign-in as stored: trimmed and cut to
 * {@link MAX_IDENTIFIER_LENGTH}; `undefined` for anything but non-blank text.
 *
 * @example
 * ```ts
 * attemptedIdentifier('  ann@acme.test '); // 'ann@acme.test'
 * ```
 */
export function attemptedIdentifier(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, MAX_IDENTIFIER_LENGTH);
}
