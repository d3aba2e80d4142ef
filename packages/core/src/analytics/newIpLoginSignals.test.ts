import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import type { SecuritySignalOptions } from './securitySignal.ts';
import { recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('new_ip');
const { store, events } = await createTestStore(testDb);
const RANGE = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };

function login(
  who: string,
  at: string,
  extra: { ip: string; tenantId?: string; failed?: boolean },
): ActivityEventInput {
  return {
    tenantId: extra.tenantId ?? 'acme',
    action: extra.failed ? 'auth.login_failed' : 'auth.login',
    outcome: extra.failed ? 'failure' : 'success',
    actor: user(who, { name: who.replace('u-', '').toUpperCase() }),
    context: { ip: extra.ip },
    occurredAt: new Date(at),
  };
}

let byId = new Map<string, ActivityEvent>();
beforeAll(async () => {
  const recorded = await recordAll(store, [
    // alice: known at 10.0.0.1, new at 10.0.0.2 (twice in the range)
    login('u-alice', '2026-10-20T09:00:00Z', { ip: '10.0.0.1' }),
    login('u-alice', '2026-11-02T09:00:00Z', { ip: '10.0.0.1' }),
    login('u-alice', '2026-11-02T10:00:00Z', { ip: '10.0.0.2' }),
    login('u-alice', '2026-11-02T15:00:00Z', { ip: '10.0.0.2' }),
    // bob: 10.0.0.3 last seen 62 days before, 10.0.0.4 a week before
    login('u-bob', '2026-09-01T09:00:00Z', { ip: '10.0.0.3' }),
    login('u-bob', '2026-10-25T09:00:00Z', { ip: '10.0.0.4' }),
    login('u-bob', '2026-11-02T11:00:00Z', { ip: '10.0.0.3' }),
    // carol: her very first login
    login('u-carol', '2026-11-02T12:00:00Z', { ip: '10.0.0.5' }),
    // erin: known at 10.0.0.7; 10.0.0.6 is known only for dave
    login('u-dave', '2026-10-21T09:00:00Z', { ip: '10.0.0.6' }),
    login('u-erin', '2026-10-21T09:00:00Z', { ip: '10.0.0.7' }),
    login('u-erin', '2026-11-02T13:00:00Z', { ip: '10.0.0.6' }),
    // frank: only a failed login came from 10.0.0.9 before
    login('u-frank', '2026-10-21T09:00:00Z', { ip: '10.0.0.8' }),
    login('u-frank', '2026-10-30T09:00:00Z', { ip: '10.0.0.9', failed: true }),
    login('u-frank', '2026-11-02T14:00:00Z', { ip: '10.0.0.9' }),
    // gina: 10.0.1.1 known only in tenant beta
    login('u-gina', '2026-10-21T09:00:00Z', { ip: '10.0.1.1', tenantId: 'beta' }),
    login('u-gina', '2026-10-22T09:00:00Z', { ip: '10.0.1.2' }),
    login('u-gina', '2026-11-02T16:00:00Z', { ip: '10.0.1.1' }),
    // hank: a new IP, but in tenant beta, outside the match
    login('u-hank', '2026-10-22T09:00:00Z', { ip: '10.0.2.1', tenantId: 'beta' }),
    login('u-hank', '2026-11-02T16:00:00Z', { ip: '10.0.2.2', tenantId: 'beta' }),
  ]);
  byId = new Map(
    recorded.map((event) => [`${event.actor.id}@${event.occurredAt.toISOString()}`, event]),
  );
});

const idOf = (who: string, at: string) => byId.get(`${who}@${new Date(at).toISOString()}`)?.id;

async function newIpSignals(options: Partial<SecuritySignalOptions> = {}) {
  const signals = await detectSecuritySignals(events(), {
    match: { tenantId: 'acme' },
    range: RANGE,
    types: ['new_ip_login'],
    ...options,
  });
  return new Map(signals.map((signal) => [signal.key, signal]));
}

describe('logins from a new IP', () => {
  it('flags the first login from an IP the user never used, and not one from a known IP', async () => {
    const signals = await newIpSignals();
    expect(signals.get('u-alice')).toEqual({
      id: `new_ip_login:acme:u-alice:${Date.parse('2026-11-02T10:00:00Z')}`,
      type: 'new_ip_login',
      severity: 'medium',
      key: 'u-alice',
      tenantId: 'acme',
      window: { from: new Date('2026-11-02T10:00:00Z'), to: new Date('2026-11-02T10:00:00Z') },
      count: 2,
      description:
        'ALICE logged in from a new IP address 10.0.0.2 at 2026-11-02 10:00 (2 logins from it in this period)',
      eventIds: [idOf('u-alice', '2026-11-02T10:00:00Z'), idOf('u-alice', '2026-11-02T15:00:00Z')],
    });
    expect([...signals.values()].filter((signal) => signal.key === 'u-alice')).toHaveLength(1);
  });

  it('remembers IPs from before the range, as far back as lookbackDays', async () => {
    expect((await newIpSignals()).has('u-bob')).toBe(false);
    const shortMemory = await newIpSignals({ newIpLogin: { lookbackDays: 30 } });
    expect(shortMemory.get('u-bob')?.description).toMatch(/new IP address 10\.0\.0\.3/);
  });

  it("does not call a user's very first login a new IP", async () => {
    expect((await newIpSignals()).has('u-carol')).toBe(false);
  });

  it("treats IPs per user: another user's logins, failed logins and other tenants do not count", async () => {
    const signals = await newIpSignals();
    expect(signals.get('u-erin')?.eventIds).toEqual([idOf('u-erin', '2026-11-02T13:00:00Z')]);
    expect(signals.get('u-frank')?.eventIds).toEqual([idOf('u-frank', '2026-11-02T14:00:00Z')]);
    expect(signals.get('u-gina')?.eventIds).toEqual([idOf('u-gina', '2026-11-02T16:00:00Z')]);
    expect(signals.has('u-hank')).toBe(false);
    expect([...signals.keys()].sort()).toEqual(['u-alice', 'u-erin', 'u-frank', 'u-gina']);
  });

  it('checks at most maxPairs (user, IP) pairs, the rarest first', async () => {
    // Pairs with one login come first, by tenant, user and IP: alice at 10.0.0.1 (known), bob
    // (known), carol (first login), erin (new), frank (new), gina (new); alice's new IP, with two
    // logins, comes last.
    expect((await newIpSignals({ newIpLogin: { maxPairs: 3 } })).size).toBe(0);
    expect([...(await newIpSignals({ newIpLogin: { maxPairs: 4 } })).keys()]).toEqual(['u-erin']);
    const six = await newIpSignals({ newIpLogin: { maxPairs: 6 } });
    expect([...six.keys()].sort()).toEqual(['u-erin', 'u-frank', 'u-gina']);
  });
});
