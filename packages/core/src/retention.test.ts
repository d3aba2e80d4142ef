import { describe as describeEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from './test/storeFixture.ts';

const testDb = await createTestDb('retention');
const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00Z');

describe('retention', () => {
  it('sweeps per tenant — 30 days for a plan-limited tenant, 365 for the rest — and records each sweep', async () => {
    const { store, events } = await createTestStore(testDb, {
      clock: () => now,
      retention: { days: 365, tenants: { startup: 30 }, batchSize: 7 },
    });
    const ages = [1, 29, 31, 100, 364, 366, 400];
    for (const tenantId of ['startup', 'pro']) {
      for (const age of ages) {
        await store.record(
          { tenantId, action: 'order.created', occurredAt: new Date(now.getTime() - age * DAY) },
          { durable: true },
        );
      }
      for (let i = 0; i < 20; i++) {
        await store.record(
          { tenantId, action: 'order.updated', occurredAt: new Date(now.getTime() - 500 * DAY) },
          { durable: true },
        );
      }
    }
    const result = await store.sweepExpired();
    expect(result.tenants).toEqual([
      { tenantId: 'pro', deleted: 22, before: new Date(now.getTime() - 365 * DAY), days: 365 },
      { tenantId: 'startup', deleted: 25, before: new Date(now.getTime() - 30 * DAY), days: 30 },
    ]);
    expect(await events().countDocuments({ tenantId: 'startup', action: 'order.created' })).toBe(2);
    expect(await events().countDocuments({ tenantId: 'pro', action: 'order.created' })).toBe(5);
    const sweeps = await store.list({ actions: ['retention.swept'] }, { tenants: '*' });
    expect(sweeps.items.map((e) => [e.tenantId, e.metadata?.deleted, e.actor.type]).sort()).toEqual(
      [
        ['pro', 22, 'system'],
        ['startup', 25, 'system'],
      ],
    );
    for (const sweep of sweeps.items) {
      // The log's own record: no English label stored on it, the sentence is describe's.
      expect(sweep.subject).toEqual({ type: 'activity_log', id: sweep.tenantId });
      expect(sweep.description).toBe(describeEvent(sweep, 'en'));
    }
    expect((await store.sweepExpired()).deleted).toBe(0);
  });

  it('stamps each event with when its tenant retention lets it go', async () => {
    const { store, events } = await createTestStore(testDb, {
      retention: { tenants: { startup: 30 } },
    });
    const event = await store.record(
      { tenantId: 'startup', action: 'order.created' },
      { durable: true },
    );
    const doc = await events().findOne({ _id: event?.id ?? '' });
    expect((doc?.expiresAt?.getTime() ?? 0) - (doc?.occurredAt.getTime() ?? 0)).toBe(30 * DAY);
  });

  it('reports whether the server keeps a TTL index (FerretDB does not, so the sweeper does)', async () => {
    const { store } = await createTestStore(testDb);
    const report = await store.ensureIndexes();
    const info = await testDb.db.admin().command({ buildInfo: 1 });
    expect(report.ttl).toBe(!('ferretdbVersion' in info));
  });
});
