import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { serverProfileSource } from '../query/server.ts';
import { findFilters, monitored } from '../test/monitored.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { generateSealingKeys } from './keys.ts';

/*
 * A seal reads what is new since the last checkpoint, not the tenant's whole log: on FerretDB a
 * range on `_id` decodes every event of the tenant in Go (the demo, sealing every 15 s, kept a core
 * busy doing that), so after its first whole pass a store reads the hours of the new ids, and it
 * knows its newest checkpoint instead of reading every checkpoint, entries and all.
 */

const testDb = await createTestDb('sealer_reads');
const client = await MongoClient.connect(testDb.uri, { monitorCommands: true });
afterAll(() => client.close());
const profile = await serverProfileSource(testDb.db)();
const { privateKey, publicKey } = generateSealingKeys();
const DAY = 86_400_000;

/** A store that seals on demand, everything recorded so far; `collection` to share another's. */
async function sealingStore(extra: { collection?: string } = {}) {
  return createTestStore(testDb, {
    client,
    defaultTenantId: 'acme',
    integrity: { privateKey, sealIntervalMs: false, sealDelayMs: 0, maxEntries: 50 },
    ...extra,
  });
}

async function recordMany(
  store: Awaited<ReturnType<typeof sealingStore>>['store'],
  count: number,
  occurredAt?: Date,
): Promise<ActivityEvent[]> {
  const recorded: ActivityEvent[] = [];
  for (let i = 0; i < count; i++) {
    const stored = await store.record(
      {
        action: 'order.created',
        subject: { type: 'order', id: String(i) },
        ...(occurredAt && { occurredAt }),
      },
      { durable: true },
    );
    if (stored) recorded.push(stored);
  }
  return recorded;
}

describe('store.seal after its first seal', () => {
  it('seals an event recorded since, even one dated months back, reading only the hours of the new ids', async () => {
    const { store, events } = await sealingStore();
    await recordMany(store, 6);
    expect(await store.seal()).toEqual({ checkpoints: 1, events: 6 });

    const [backdated] = await recordMany(store, 1, new Date(Date.now() - 90 * DAY));
    const [recent] = await recordMany(store, 1);
    const [sealed, commands] = await monitored(client, () => store.seal());

    expect(sealed).toEqual({ checkpoints: 1, events: 2 });
    const scope = { tenants: ['acme'] };
    expect((await store.checkpointOf(backdated?.id ?? '', scope))?.seq).toBe(2);
    expect((await store.checkpointOf(recent?.id ?? '', scope))?.seq).toBe(2);
    const report = await store.verify({ tenantId: 'acme' }, { publicKey });
    expect(report).toMatchObject({ ok: true, inserted: [], modified: [], deleted: [] });

    const reads = findFilters(commands, events().collectionName);
    if (profile === 'equality') {
      // One probe per hour of the new ids by equality: no range for FerretDB to decode the tenant for.
      expect(reads.length).toBeGreaterThan(0);
      for (const filter of reads) {
        expect(Object.keys(filter).sort()).toEqual(['idHour', 'tenantId']);
      }
    } else {
      expect(reads).toEqual([
        { tenantId: 'acme', _id: { $gt: expect.any(String), $lt: expect.any(String) } },
      ]);
    }
  });

  it('chains on its own newest checkpoint without reading the others, and on another sealer’s', async () => {
    const first = await sealingStore();
    const collection = first.events().collectionName;
    const checkpoints = `${collection}_checkpoints`;
    await recordMany(first.store, 4);
    await first.store.seal();
    await recordMany(first.store, 3);
    const [, commands] = await monitored(client, () => first.store.seal());
    // Only a probe for a checkpoint after its own (another sealer's), by `_id`.
    for (const filter of findFilters(commands, checkpoints)) {
      expect(Object.keys(filter)).toEqual(['_id']);
    }

    // Another process seals on the same collection; the first then chains on its checkpoint.
    const second = await sealingStore({ collection });
    await recordMany(second.store, 2);
    expect(await second.store.seal()).toEqual({ checkpoints: 1, events: 2 });
    await recordMany(first.store, 5);
    expect(await first.store.seal()).toEqual({ checkpoints: 1, events: 5 });

    const report = await first.store.verify({ tenantId: 'acme' }, { publicKey });
    expect(report).toMatchObject({ ok: true, checkedCheckpoints: 4, missingCheckpoints: [] });
    const status = await first.store.integrityStatus({ tenants: ['acme'] });
    expect(status.tenants).toEqual([
      expect.objectContaining({
        tenantId: 'acme',
        unsealed: 0,
        lastCheckpoint: expect.objectContaining({ seq: 4, count: 5 }),
      }),
    ]);
  });

  it('seals events stored without idHour after an earlier version’s checkpoint in one whole pass', async () => {
    const older = await sealingStore();
    await recordMany(older.store, 3);
    await older.store.seal();
    const legacy = await recordMany(older.store, 4);
    // As an earlier version stored them: no `idHour` on the events, no `idHours` on the checkpoint.
    const ids = legacy.map((event) => event.id);
    await older.events().updateMany({ _id: { $in: ids } }, { $unset: { idHour: '' } });
    const checkpoints = testDb.db.collection(`${older.events().collectionName}_checkpoints`);
    await checkpoints.updateMany({}, { $unset: { idHours: '' } });

    const { store } = await sealingStore({ collection: older.events().collectionName });
    expect(await store.seal()).toEqual({ checkpoints: 1, events: 4 });
    for (const event of legacy) {
      expect((await store.checkpointOf(event.id, { tenants: ['acme'] }))?.seq).toBe(2);
    }
    expect((await store.verify({ tenantId: 'acme' }, { publicKey })).ok).toBe(true);
  });

  it('reads by the hours of the ids from its first seal after a checkpoint of this version', async () => {
    const older = await sealingStore();
    await recordMany(older.store, 3);
    await older.store.seal();
    const [backdated] = await recordMany(older.store, 1, new Date(Date.now() - 30 * DAY));

    const { store } = await sealingStore({ collection: older.events().collectionName });
    const [sealed, commands] = await monitored(client, () => store.seal());
    expect(sealed).toEqual({ checkpoints: 1, events: 1 });
    expect((await store.checkpointOf(backdated?.id ?? '', { tenants: ['acme'] }))?.seq).toBe(2);
    if (profile === 'equality') {
      for (const filter of findFilters(commands, older.events().collectionName)) {
        expect(Object.keys(filter).sort()).toEqual(['idHour', 'tenantId']);
      }
    }
  });
});

describe('store.integrityStatus after its first read', () => {
  it('reads no checkpoint but by _id, and follows another sealer’s', async () => {
    const first = await sealingStore();
    const checkpoints = `${first.events().collectionName}_checkpoints`;
    await recordMany(first.store, 3);
    await first.store.seal();
    await first.store.integrityStatus({ tenants: '*' });
    await recordMany(first.store, 2);

    const [status, commands] = await monitored(client, () =>
      first.store.integrityStatus({ tenants: '*' }),
    );
    expect(status.tenants).toEqual([
      expect.objectContaining({
        tenantId: 'acme',
        unsealed: 2,
        lastCheckpoint: expect.objectContaining({ seq: 1, count: 3 }),
      }),
    ]);
    for (const filter of findFilters(commands, checkpoints)) {
      expect(Object.keys(filter)).toEqual(['_id']);
    }
    // The tenants with checkpoints the counters might not know were read by the first status.
    expect(commands.filter((command) => command.commandName === 'distinct')).toEqual([]);

    // Another process seals what is new: this store's next status shows that checkpoint.
    const second = await sealingStore({ collection: first.events().collectionName });
    expect(await second.store.seal()).toEqual({ checkpoints: 1, events: 2 });
    const after = await first.store.integrityStatus({ tenants: ['acme'] });
    expect(after.tenants).toEqual([
      expect.objectContaining({
        unsealed: 0,
        lastCheckpoint: expect.objectContaining({ seq: 2, count: 2 }),
      }),
    ]);
  });
});
