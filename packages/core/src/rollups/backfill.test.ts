import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { type ActivityStore, createActivityStore } from '../index.ts';
import { type EventDocument, toDocument } from '../internal/document.ts';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('backfill');

describe('events stored before the rollups existed', () => {
  it('are given their day and hour and counted once, by one of the stores that start', async () => {
    const { events: other, journalDir } = await createTestStore(testDb);
    // A collection no store of this version has opened yet.
    const events = () => testDb.db.collection<EventDocument>(`${other().collectionName}_old`);
    const at = Date.UTC(2026, 10, 20, 9, 30);
    // As an older version stored them: no day, no hour, no counters.
    const old = Array.from({ length: 30 }, (_, i) => {
      const {
        day: _day,
        hour: _hour,
        ...doc
      } = toDocument({
        id: `01KA${String(i).padStart(22, '0')}`,
        tenantId: 'acme',
        occurredAt: new Date(at - i * 3_600_000),
        action: 'customer.updated',
        kind: 'update',
        category: 'customer',
        outcome: 'success',
        actor: { id: 'u-ann', type: 'user', name: 'Ann' },
        refs: [],
        context: {},
      });
      return doc as EventDocument;
    });
    await events().insertMany(old);
    const range = { from: new Date(at - 2 * 86_400_000), to: new Date(at + 3_600_000) };
    const [store, ...starting] = Array.from({ length: 3 }, (_, index) =>
      createActivityStore({
        client: testDb.client,
        dbName: testDb.db.databaseName,
        collection: events().collectionName,
        journalDir: `${journalDir}/${index}`,
      }),
    );
    try {
      await vi.waitFor(
        async () => {
          expect(await events().countDocuments({ hour: { $exists: false } })).toBe(0);
          const stats = await (store as ActivityStore).stats(range, { tenants: ['acme'] });
          expect(stats.total).toBe(30);
        },
        { timeout: 20_000, interval: 200 },
      );
      const page = await (store as ActivityStore).list(
        { ...range, limit: 50 },
        { tenants: ['acme'] },
      );
      expect(page.items).toHaveLength(30);
    } finally {
      // Counted once although three stores started on it.
      expect((await (store as ActivityStore).stats(range, { tenants: ['acme'] })).total).toBe(30);
      await Promise.all([store, ...starting].map((each) => each?.close()));
    }
  });
});

describe('a role change stored before the rollups existed', () => {
  it('is marked and counted by the backfill, so the signals find it on a day only it counted', async () => {
    const { journalDir, events: other } = await createTestStore(testDb);
    const events = () => testDb.db.collection<EventDocument>(`${other().collectionName}_roles`);
    const at = Date.UTC(2026, 10, 18, 11, 0);
    const {
      day: _day,
      hour: _hour,
      marks: _marks,
      ...old
    } = toDocument({
      id: '01KB0000000000000000000001',
      tenantId: 'acme',
      occurredAt: new Date(at),
      action: 'user.updated',
      kind: 'update',
      category: 'users',
      outcome: 'success',
      actor: { id: 'u-ann', type: 'user', name: 'Ann' },
      subject: { type: 'user', id: 'u-bob' },
      changes: [{ path: 'role', before: 'staff', after: 'admin' }],
      refs: [],
      context: {},
    });
    await events().insertOne(old as EventDocument);
    const store = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: events().collectionName,
      journalDir: `${journalDir}/roles`,
    });
    try {
      const range = { from: new Date(at - 86_400_000), to: new Date(at + 86_400_000) };
      await vi.waitFor(
        async () => {
          const signals = await store.securitySignals(
            range,
            { tenants: ['acme'] },
            {
              types: ['permission_change'],
            },
          );
          expect(signals.map((signal) => [signal.key, signal.severity])).toEqual([
            ['u-ann', 'high'],
          ]);
        },
        { timeout: 20_000, interval: 200 },
      );
      expect((await events().findOne({}))?.marks).toEqual([
        'permission_change',
        `permission_change@${new Date(at).toISOString().slice(0, 7)}`,
        'signal',
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('an event this process stored', () => {
  it('is in the next list and stats at once, without waiting for a flush', async () => {
    const { store } = await createTestStore(testDb);
    for (let i = 0; i < 5; i++) {
      const at = new Date(Date.UTC(2026, 9, 1 + i * 7, 10));
      const event = await store.record(
        {
          tenantId: 'acme',
          occurredAt: at,
          action: 'customer.updated',
          actor: { id: 'u1', type: 'user' },
        },
        { durable: true },
      );
      const page = await store.list({ limit: 10 }, { tenants: ['acme'] });
      expect(page.items[0]?.id).toBe(event?.id);
      const stats = await store.stats(
        { from: new Date(Date.UTC(2026, 8, 1)), to: new Date(Date.UTC(2026, 11, 1)) },
        { tenants: ['acme'] },
      );
      expect(stats.total).toBe(i + 1);
    }
  });
});

describe('a one-actor filter sent as an actor key', () => {
  it('finds the names a case-insensitive regular expression matches (ſ for s, the Kelvin sign for k)', async () => {
    const { store } = await createTestStore(testDb);
    const names = ['\u017fam Spade', '\u212Aate Lin', 'Sam Ode', 'Tom Sawyer'];
    for (const [i, name] of names.entries()) {
      store.record({
        tenantId: 'acme',
        action: 'customer.updated',
        actor: { id: `u${i}`, type: 'user', name },
      });
    }
    await store.flush();
    const namesFor = async (actor: string) =>
      (await store.list({ actors: [actor] }, { tenants: ['acme'] })).items
        .map((event) => event.actor.name)
        .sort();
    expect(await namesFor('sam')).toEqual(['Sam Ode', '\u017fam Spade'].sort());
    expect(await namesFor('kat')).toEqual(['\u212Aate Lin']);
  });
});
