import type { ActivityEventInput, EventKind, StatsBucket } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, recordByTwoWriters } from '../test/storeFixture.ts';
import { computeActivityStats } from './computeActivityStats.ts';

/*
 * Stats of whole tenants come from the write-time counters; the events themselves, counted by the
 * aggregation pipelines of `computeActivityStats`, must give the same figures — for any range, zone
 * and bucket, with several writers, and after deletes.
 */

const testDb = await createTestDb('rollup-stats');
const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);
const DAY = 86_400_000;
const { store, events, journalDir } = await createTestStore(testDb, {
  bulkDelete: { enabled: true },
  clock: () => new Date(NOW),
  retention: { days: 30 },
});

const actors = [
  { id: 'u-ann', type: 'user', name: 'Ann Lee', role: 'admin' },
  { id: 'u-ben', type: 'user', name: 'Ben Ode', role: 'staff' },
  { id: 'u.dot', type: 'api_key', name: 'Key with a dot' },
  { id: 'system', type: 'system', name: 'System' },
] as const;
const actions: [string, EventKind][] = [
  ['customer.created', 'create'],
  ['customer.updated', 'update'],
  ['order.deleted', 'delete'],
  ['auth.login', 'login'],
  ['auth.login_failed', 'login_failed'],
  ['auth.logout', 'logout'],
  ['odd-thing.done_x', 'other'],
];

function history(count: number, seed: number): ActivityEventInput[] {
  return Array.from({ length: count }, (_, n) => {
    const i = n * 31 + seed;
    const [action, kind] = actions[i % actions.length] as [string, EventKind];
    const actor = actors[(i * 3) % actors.length] ?? actors[0];
    return {
      tenantId: i % 4 === 0 ? 'beta' : 'acme',
      occurredAt: new Date(NOW - ((i * 7_919_000) % (40 * DAY))),
      action,
      kind,
      category: i % 5 === 0 ? 'billing.eu' : undefined,
      actor: { ...actor, ...(i % 11 === 0 ? { name: `${actor.name} (renamed)` } : {}) },
      outcome: kind === 'login' && i % 3 === 0 ? 'failure' : 'success',
      subject: { type: 'customer', id: String(i % 9) },
    };
  });
}

const zones = ['UTC', 'Europe/Moscow', 'Asia/Kolkata', 'America/New_York', 'Asia/Kathmandu'];
const ranges = fc.record({
  fromDays: fc.integer({ min: 0, max: 45 }),
  fromMinutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  spanHours: fc.integer({ min: 1, max: 40 * 24 }),
  timeZone: fc.constantFrom(...zones),
  bucket: fc.constantFrom<StatsBucket>('hour', 'day', 'week'),
  tenants: fc.constantFrom<string[] | '*'>(['acme'], ['beta'], ['acme', 'beta'], '*'),
});

/** Stats from the counters equal those counted from the events, for `numRuns` generated ranges. */
async function compare(numRuns: number) {
  await fc.assert(
    fc.asyncProperty(
      ranges,
      async ({ fromDays, fromMinutes, spanHours, timeZone, bucket, tenants }) => {
        const from = new Date(NOW - fromDays * DAY - fromMinutes * 60_000);
        // Hour buckets over 40 days would be too many for one series.
        const spanMs = Math.min(spanHours, bucket === 'hour' ? 100 : spanHours) * 3_600_000;
        const to = new Date(from.getTime() + spanMs);
        const fromCounters = await store.stats(
          { from, to },
          { tenants },
          { timeZone, bucket, topActions: 5, topActors: 3 },
        );
        const fromEvents = await computeActivityStats(events(), {
          match: tenants === '*' ? {} : { tenantId: { $in: tenants } },
          range: { from, to },
          timeZone,
          bucket,
          topActions: 5,
          topActors: 3,
        });
        expect(fromCounters).toEqual(fromEvents);
      },
    ),
    { numRuns },
  );
}

beforeAll(async () => {
  // Two writers (two stores, as two processes) record into the same collection.
  await recordByTwoWriters(testDb, { store, collection: events().collectionName, journalDir }, [
    history(250, 1),
    history(150, 2),
  ]);
});

describe('stats from the write-time counters', () => {
  it('equal the figures counted from the events, for any range, zone, bucket and tenants', async () => {
    await compare(8);
  });

  it('still equal them after a bulk delete and a retention sweep', async () => {
    const deletes = await store.list({ kinds: ['update'], limit: 40 }, { tenants: '*' });
    await store.bulkDelete(
      { ids: deletes.items.map((event) => event.id) },
      { tenants: '*', canDelete: true },
      { actor: { id: 'u-ann', type: 'user' } },
    );
    const swept = await store.sweepExpired();
    expect(swept.deleted).toBeGreaterThan(0);
    await store.flush();
    // The ranges are the first property's to cover; this one checks what deletes subtract, in
    // fewer runs (each counts every event again: eight of them outlasted 30 s on a busy machine).
    await compare(4);
  });

  it('count an unfiltered tenant without reading its events', async () => {
    const stats = await store.stats({ preset: 'last_30_days' }, { tenants: ['acme'] });
    expect(stats.total).toBeGreaterThan(100);
  });
});
