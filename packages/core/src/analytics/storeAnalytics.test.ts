import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { plusMinutes, recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('store_analytics');
const now = new Date('2026-11-01T20:00:00Z');
const { store } = await createTestStore(testDb, { clock: () => now });
// Through the store itself: `store.stats` and `store.securitySignals` are this module, wired in.
const analytics = store;
const NY = 'America/New_York';

beforeAll(async () => {
  const staff = user('u-staff', { role: 'staff' });
  const admin = user('u-admin', { role: 'admin' });
  const inputs: ActivityEventInput[] = [];
  for (const tenantId of ['acme', 'beta']) {
    // 6 failed logins at 01:30 EDT (05:30 UTC) on 1 November, then one success.
    for (let k = 0; k < 6; k++) {
      inputs.push({
        tenantId,
        action: 'auth.login_failed',
        outcome: 'failure',
        actor: staff,
        context: { ip: '203.0.113.1' },
        occurredAt: plusMinutes('2026-11-01T05:30:00Z', k),
      });
    }
    inputs.push({
      tenantId,
      action: 'auth.login',
      actor: staff,
      occurredAt: new Date('2026-11-01T14:00:00Z'),
    });
    inputs.push({
      tenantId,
      action: 'order.created',
      actor: admin,
      occurredAt: new Date('2026-11-01T15:00:00Z'),
    });
    // yesterday in New York
    inputs.push({
      tenantId,
      action: 'order.created',
      actor: admin,
      occurredAt: new Date('2026-10-31T15:00:00Z'),
    });
  }
  await recordAll(store, inputs);
});

describe('store analytics', () => {
  it("answers stats for a preset in the viewer's zone, within the scope", async () => {
    const stats = await analytics.stats({ preset: 'today', timeZone: NY }, { tenants: ['acme'] });
    expect(stats.range).toEqual({
      from: new Date('2026-11-01T04:00:00Z'),
      to: new Date('2026-11-02T05:00:00Z'),
    });
    expect(stats.series).toHaveLength(25);
    expect(stats.total).toBe(8);
    expect(stats.auth).toMatchObject({ logins: 1, failures: 6, uniqueUsers: 1 });
    const adminsOnly = await analytics.stats(
      { preset: 'today', q: 'kind:create' },
      { tenants: ['acme', 'beta'], roles: ['admin'] },
      { timeZone: NY },
    );
    expect(adminsOnly.byKind).toEqual([{ key: 'create', count: 2 }]);
  });

  it('sees nothing through an empty scope, and refuses bad input like list does', async () => {
    const empty = await analytics.stats({ preset: 'today' }, { tenants: [] });
    expect(empty.total).toBe(0);
    await expect(
      analytics.stats({ preset: 'today', nope: 1 } as never, { tenants: '*' }),
    ).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
    await expect(analytics.stats({}, undefined as never)).rejects.toMatchObject({
      code: 'INVALID_SCOPE',
    });
    await expect(
      analytics.securitySignals({}, { tenants: '*' }, { timeZone: 'Mars/Base' }),
    ).rejects.toMatchObject({ code: 'INVALID_QUERY' });
  });

  it("finds security signals in the scope's tenants only", async () => {
    const signals = await analytics.securitySignals(
      { preset: 'today', timeZone: NY },
      { tenants: ['acme'] },
      { types: ['failed_login_burst_user'] },
    );
    expect(signals.map((s) => [s.key, s.count])).toEqual([['u-staff', 6]]);
    expect(signals[0]?.description).toMatch(/between 2026-11-01 01:30 and 01:35/);
    const all = await analytics.securitySignals(
      { preset: 'today', timeZone: NY },
      { tenants: '*' },
      {
        types: ['failed_login_burst_user'],
      },
    );
    // The same user id in two tenants is two accounts: two bursts, not one of 12.
    expect(all.map((s) => [s.tenantId, s.key, s.count])).toEqual([
      ['acme', 'u-staff', 6],
      ['beta', 'u-staff', 6],
    ]);
  });
});
