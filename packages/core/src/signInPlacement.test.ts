import { describe, expect, it } from 'vitest';
import { placeSignIn } from './signInPlacement.ts';

const event = {
  action: 'auth.login_failed',
  kind: 'login_failed' as const,
  metadata: { identifier: 'x@y.test' },
};
const advice = 'activityCapture({ signInTenant })';

describe('placeSignIn', () => {
  it('places an attempt in the tenant signInTenant names', async () => {
    expect(await placeSignIn({ event, ask: async () => 'acme', advice })).toEqual({
      tenantId: 'acme',
    });
  });

  it('refuses, saying what to set, without signInTenant, when it names none, names junk or throws', async () => {
    const cases: [(() => unknown) | undefined, RegExp][] = [
      [undefined, /no signInTenant option is set/],
      [() => undefined, /named no tenant/],
      [() => '  ', /returned " {2}", not a tenant id/],
      [() => 42, /returned 42, not a tenant id/],
      [
        () => {
          throw new Error('lookup failed');
        },
        /signInTenant threw \(Error: lookup failed\)/,
      ],
    ];
    for (const [ask, why] of cases) {
      const placed = await placeSignIn({ event, ask, advice });
      expect('refused' in placed && placed.refused.code).toBe('INVALID_OPTIONS');
      const message = 'refused' in placed ? placed.refused.message : '';
      expect(message).toMatch(why);
      expect(message).toContain('auth.login_failed');
      expect(message).toContain(advice);
    }
  });
});
