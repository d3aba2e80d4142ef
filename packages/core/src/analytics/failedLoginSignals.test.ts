import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import type { SecuritySignalOptions } from './securitySignal.ts';
import { plusMinutes, recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('failed_logins');
const RANGE = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
/** 10:10 UTC: a burst starting here spans three quarter hours. */
const T0 = '2026-11-02T10:10:00Z';
const ANONYMOUS = { id: 'anonymous', type: 'anonymous' as const };

function failed(minute: number, extra: Partial<ActivityEventInput> = {}): ActivityEventInput {
  return {
    action: 'auth.login_failed',
    outcome: 'failure',
    occurredAt: plusMinutes(T0, minute),
    ...extra,
  };
}

async function signalsFor(
  inputs: ActivityEventInput[],
  options: Partial<SecuritySignalOptions> = {},
) {
  const { store, events } = await createTestStore(testDb);
  const recorded = await recordAll(store, inputs);
  const signals = await detectSecuritySignals(events(), {
    match: { tenantId: 'acme' },
    range: RANGE,
    types: ['failed_login_burst_user', 'failed_login_burst_ip'],
    ...options,
  });
  return { signals, ids: recorded.map((event) => event.id) };
}

const alice = user('u-alice', { name: 'Alice Smith' });

describe('failed-login bursts', () => {
  it('flags five failed logins of one user within 15 minutes, across quarter hours', async () => {
    const { signals, ids } = await signalsFor(
      [0, 3, 6, 9, 14].map((minute, i) =>
        failed(minute, { actor: alice, context: { ip: `10.0.0.${i + 1}` } }),
      ),
    );
    expect(signals).toEqual([
      {
        id: `failed_login_burst_user:acme:u-alice:${Date.parse(T0)}`,
        type: 'failed_login_burst_user',
        severity: 'medium',
        key: 'u-alice',
        tenantId: 'acme',
        window: { from: new Date(T0), to: plusMinutes(T0, 14) },
        count: 5,
        description:
          '5 failed logins for Alice Smith from 5 IP addresses between 2026-11-02 10:10 and 10:24 ' +
          '(5 or more within 15 minutes)',
        eventIds: ids,
      },
    ]);
  });

  it('does not flag five failures that no 15-minute window holds, nor four in a minute', async () => {
    const spread = [0, 4, 8, 12, 15].map((minute) =>
      failed(minute, { actor: alice, context: { ip: '10.0.0.1' } }),
    );
    const quick = [60, 60.2, 60.4, 60.6].map((minute) =>
      failed(minute, { actor: user('u-bob'), context: { ip: '10.0.0.2' } }),
    );
    const { signals } = await signalsFor([...spread, ...quick]);
    expect(signals).toEqual([]);
  });

  it('keys unknown users by the attempted identifier, whatever its case', async () => {
    const identifiers = ['Mallory@Acme.test', 'mallory@acme.test ', 'MALLORY@acme.test'];
    const { signals } = await signalsFor([
      ...[0, 1, 2, 3, 4].map((minute, i) =>
        failed(minute, {
          actor: ANONYMOUS,
          metadata: { identifier: identifiers[i % 3] },
          context: { ip: `10.0.1.${i}` },
        }),
      ),
      // Without an identifier an anonymous failure belongs to no account.
      ...[5, 6].map((minute) => failed(minute, { actor: ANONYMOUS, context: { ip: '10.0.2.1' } })),
    ]);
    expect(signals.map((s) => [s.type, s.key, s.count])).toEqual([
      ['failed_login_burst_user', 'mallory@acme.test', 5],
    ]);
  });

  it('counts a login whose outcome is failure as a failed login', async () => {
    const { signals } = await signalsFor(
      [0, 1, 2, 3, 4].map((minute) =>
        failed(minute, { action: 'auth.login', actor: alice, context: { ip: '10.0.0.1' } }),
      ),
    );
    // Same severity and time: ordered by id.
    expect(signals.map((s) => [s.type, s.key, s.count])).toEqual([
      ['failed_login_burst_ip', '10.0.0.1', 5],
      ['failed_login_burst_user', 'u-alice', 5],
    ]);
  });

  it('flags an IP trying many accounts as high, in Russian when asked', async () => {
    const { signals } = await signalsFor(
      [0, 1, 2, 3, 4, 5].map((minute) =>
        failed(minute, {
          actor: ANONYMOUS,
          metadata: { identifier: `user${minute}@acme.test` },
          context: { ip: '203.0.113.9' },
        }),
      ),
      { locale: 'ru' },
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      type: 'failed_login_burst_ip',
      severity: 'high',
      key: '203.0.113.9',
      count: 6,
      description:
        '6 неудачных попыток входа с IP 203.0.113.9 (учётных записей: 6) с 2026-11-02 10:10 по 10:15 ' +
        '(не менее 5 за 15 мин)',
    });
  });

  it('reports separate bursts separately, most severe first, with event ids capped', async () => {
    const early = [0, 1, 2, 3, 4, 5].map((minute) =>
      failed(minute, { actor: alice, context: { ip: `10.0.0.${minute}` } }),
    );
    const late = Array.from({ length: 25 }, (_, i) =>
      failed(240 + i, { actor: alice, context: { ip: `10.0.3.${i}` } }),
    );
    const { signals, ids } = await signalsFor([...early, ...late], { limitEvents: 10 });
    expect(signals.map((s) => [s.severity, s.count, s.eventIds.length])).toEqual([
      ['high', 25, 10],
      ['medium', 6, 6],
    ]);
    expect(signals[0]?.eventIds).toEqual(ids.slice(6, 16));
    expect(signals[0]?.window).toEqual({ from: plusMinutes(T0, 240), to: plusMinutes(T0, 264) });
  });

  it('ignores failures before the range, of another tenant, and successful logins', async () => {
    const { signals } = await signalsFor([
      // Three just before midnight and two after: only two are in the range.
      ...[-5, -3, -1].map((minute) =>
        failed(minute, { actor: alice, occurredAt: plusMinutes(RANGE.from, minute) }),
      ),
      ...[0, 1].map((minute) =>
        failed(minute, { actor: alice, occurredAt: plusMinutes(RANGE.from, minute) }),
      ),
      ...[0, 1, 2, 3, 4].map((minute) => failed(minute, { tenantId: 'beta', actor: alice })),
      ...[0, 1, 2, 3, 4].map((minute) =>
        failed(minute, { action: 'auth.login', outcome: 'success', actor: alice }),
      ),
    ]);
    expect(signals).toEqual([]);
  });
});
