import { describe, expect, it } from 'vitest';
import { attemptedIdentifier, authStepEvent, MAX_IDENTIFIER_LENGTH } from './authSteps.ts';

describe('authStepEvent', () => {
  it('gives each sign-in step its action and kind; failed logins and code checks count as failed logins', () => {
    expect(authStepEvent('login', 'success')).toEqual({
      action: 'auth.login',
      kind: 'login',
      outcome: 'success',
    });
    expect(authStepEvent('login', 'failure')).toEqual({
      action: 'auth.login_failed',
      kind: 'login_failed',
      outcome: 'failure',
    });
    expect(authStepEvent('logout', 'success')).toMatchObject({
      action: 'auth.logout',
      kind: 'logout',
    });
    expect(authStepEvent('otp_request', 'success')).toMatchObject({
      action: 'auth.otp_requested',
      kind: 'other',
    });
    expect(authStepEvent('otp_verify', 'success')).toMatchObject({
      action: 'auth.otp_verified',
      kind: 'other',
    });
    expect(authStepEvent('otp_verify', 'failure')).toEqual({
      action: 'auth.otp_failed',
      kind: 'login_failed',
      outcome: 'failure',
    });
  });
});

describe('attemptedIdentifier', () => {
  it('keeps non-blank text, trimmed and cut to 320 characters', () => {
    expect(attemptedIdentifier('  ann@acme.test ')).toBe('ann@acme.test');
    expect(attemptedIdentifier(`${'a'.repeat(400)}@x.test`)).toHaveLength(MAX_IDENTIFIER_LENGTH);
    for (const nothing of ['', '   ', 42, null, undefined, { $ne: null }]) {
      expect(attemptedIdentifier(nothing)).toBeUndefined();
    }
  });
});
