import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, runOnSources } from '@activitykit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivityStore } from '../createActivityStore.ts';
import { createTestStore } from '../test/storeFixture.ts';
import type { CheckpointDocument } from './checkpoint.ts';
import { generateSealingKeys } from './keys.ts';
import {
  SEALING_KEYS,
  type SealedStore,
  type SealedStoreOptions,
  sealedStoreIn,
} from './test/sealedStore.ts';

const testDb = await createTestDb('integrity');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const sealedStore = (count?: number, extra?: SealedStoreOptions) =>
  sealedStoreIn(testDb, count, extra);
const verify = (store: SealedStore['store'], publicKey = SEALING_KEYS.publicKey) =>
  store.verify({ tenantId: 'acme' }, { publicKey });
const keys = SEALING_KEYS;

describe('sealing and verify', () => {
  it('seals every event into signed, chained checkpoints and verifies clean', async () => {
    const { store, sealed } = await sealedStore();
    expect(sealed).toEqual({ checkpoints: 4, events: 100 });
    const report = await verify(store);
    expect(report).toMatchObject({
      ok: true,
      wrongKey: false,
      checkedCheckpoints: 4,
      checkedEvents: 100,
    });
    expect(report.unsealed.count).toBe(0);
    expect((await store.seal()).checkpoints).toBe(0);
  });

  it('names an event edited in the database', async () => {
    const { store, events, ids } = await sealedStore();
    await events().updateOne({ _id: ids[10] }, { $set: { 'actor.name': 'Mallory' } });
    await events().updateOne({ _id: ids[70] }, { $set: { changes: [] } });
    const report = await verify(store);
    expect(report.ok).toBe(false);
    expect(report.modified.map((m) => m.id)).toEqual([ids[10], ids[70]]);
    expect(report.deleted).toEqual([]);
  });

  it('names an event deleted from the database', async () => {
    const { store, events, ids } = await sealedStore();
    await events().deleteOne({ _id: ids[42] });
    const report = await verify(store);
    expect(report.deleted).toEqual([expect.objectContaining({ id: ids[42], seq: 2 })]);
    expect(report.ok).toBe(false);
  });

  it('names an event inserted behind the kit into a sealed range', async () => {
    const { store, events, ids } = await sealedStore();
    const original = await events().findOne({ _id: ids[5] });
    const forgedId = `${(ids[5] ?? '').slice(0, 25)}${(ids[5] ?? '').endsWith('Z') ? 'Y' : 'Z'}`;
    expect(forgedId > (ids[4] ?? '') && forgedId < (ids[99] ?? '')).toBe(true);
    await events().insertOne({
      ...(original as NonNullable<typeof original>),
      _id: forgedId,
      description: 'forged',
    });
    const report = await verify(store);
    expect(report.inserted.map((m) => m.id)).toEqual([forgedId]);
  });

  it('reports a wrong key', async () => {
    const { store } = await sealedStore(10);
    const report = await verify(store, generateSealingKeys().publicKey);
    expect(report).toMatchObject({ ok: false, wrongKey: true });
  });

  it('catches a checkpoint rewritten to cover an edit', async () => {
    const { store, events, ids, checkpoints } = await sealedStore(30);
    await events().updateOne({ _id: ids[1] }, { $set: { description: 'rewritten' } });
    const [first] = await checkpoints.find({}).sort({ seq: 1 }).limit(1).toArray();
    const entries = (first?.entries ?? []).map((entry) =>
      entry.i === ids[1] ? { ...entry, h: 'forgedhash' } : entry,
    );
    await checkpoints.updateOne({ _id: first?._id ?? '' }, { $set: { entries } });
    const report = await verify(store);
    expect(report.invalidCheckpoints).toContainEqual({ seq: 1, reason: 'hash' });
  });

  it('catches the newest events deleted together with their checkpoints, through the anchor', async () => {
    const { store, events, ids, checkpoints } = await sealedStore();
    await checkpoints.deleteMany({ seq: { $gte: 3 } });
    await events().deleteMany({ _id: { $gt: ids[49] ?? '' } });
    const withAnchor = await verify(store);
    expect(withAnchor.ok).toBe(false);
    expect(withAnchor.missingCheckpoints).toEqual([
      { seq: 3, toId: ids[74], count: 25, source: 'anchor' },
      { seq: 4, toId: ids[99], count: 25, source: 'anchor' },
    ]);
    // Without the anchor the truncated chain still verifies: this is what the anchor is for.
    const withoutAnchor = await store.verify(
      { tenantId: 'acme' },
      { publicKey: keys.publicKey, anchor: { write: async () => {} } },
    );
    expect(withoutAnchor.ok).toBe(true);
  });

  it('does not read retention sweeps or recorded bulk deletes as tampering', async () => {
    // The store's clock runs an hour ahead, so sealing (up to "now") covers everything recorded here.
    const now = Date.now() + 3_600_000;
    const { store, ids } = await sealedStore(60, {
      clock: () => new Date(now),
      retention: { days: 30 },
    });
    const old = await store.record(
      { action: 'order.created', occurredAt: new Date(now - 40 * 86_400_000) },
      { durable: true },
    );
    await store.seal();
    await store.sweepExpired();
    const admin = { id: 'u-admin', type: 'user' as const, name: 'Ada' };
    const result = await store.bulkDelete(
      { ids: ids.slice(0, 5) },
      { tenants: ['acme'], canDelete: true },
      { actor: admin },
    );
    expect(result.deleted).toBe(5);
    await store.seal();
    const report = await verify(store);
    expect(report.explained).toEqual({ expired: 1, bulkDeleted: 5 });
    expect(report.deleted).toEqual([]);
    expect(report.ok).toBe(true);
    expect(old?.id).toBeDefined();
  });

  it('lists events newer than the last checkpoint as unsealed', async () => {
    const { store } = await sealedStore(10);
    for (let i = 0; i < 3; i++) await store.record({ action: 'order.created' }, { durable: true });
    const report = await verify(store);
    expect(report.unsealed.count).toBe(3);
    expect(report.ok).toBe(true);
  });
});

describe('two writer processes', () => {
  it('seal correctly while both write and seal at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ak-two-'));
    dirs.push(dir);
    const keyFile = join(dir, 'key.pem');
    await writeFile(keyFile, keys.privateKey);
    const script = new URL('../test/writeAndSeal.ts', import.meta.url);
    const collection = 'two_writers';
    const run = (name: string) =>
      runOnSources(script, [
        testDb.uri,
        testDb.db.databaseName,
        collection,
        keyFile,
        '300',
        join(dir, name),
      ]);
    await Promise.all([run('a'), run('b')]);

    const checkpoints = testDb.db.collection<CheckpointDocument>(`${collection}_checkpoints`);
    expect(await checkpoints.countDocuments()).toBeGreaterThan(1);
    const reader = createActivityStore({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection,
      journalDir: join(dir, 'r'),
    });
    const report = await reader.verify({ tenantId: 'acme' }, { publicKey: keys.publicKey });
    expect(report).toMatchObject({
      ok: true,
      inserted: [],
      modified: [],
      deleted: [],
      invalidCheckpoints: [],
    });
    expect(report.checkedEvents + report.unsealed.count).toBe(600);
    expect(report.checkedEvents).toBeGreaterThan(0);
    await reader.close();
  }, 60_000);
});

describe('bulk delete', () => {
  it('is off unless the store enables it, and needs canDelete', async () => {
    const { store } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const actor = { id: 'u1', type: 'user' as const };
    await expect(
      store.bulkDelete(
        { ids: ['01KAAAAAAAAAAAAAAAAAAAAAAA'] },
        { tenants: '*', canDelete: true },
        { actor },
      ),
    ).rejects.toMatchObject({ code: 'DISABLED' });
    const { store: enabled } = await createTestStore(testDb, {
      defaultTenantId: 'acme',
      bulkDelete: { enabled: true },
    });
    await expect(
      enabled.bulkDelete({ ids: ['01KAAAAAAAAAAAAAAAAAAAAAAA'] }, { tenants: '*' }, { actor }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deletes by query within the scope only, and records who deleted which ids', async () => {
    const { store, events } = await createTestStore(testDb, { bulkDelete: { enabled: true } });
    for (const tenantId of ['acme', 'beta']) {
      for (let i = 0; i < 5; i++)
        await store.record(
          { tenantId, action: 'order.created', context: { ip: '10.0.0.9' } },
          { durable: true },
        );
    }
    const actor = { id: 'u-admin', type: 'user' as const, name: 'Ada' };
    const result = await store.bulkDelete(
      { query: { ips: ['10.0.0.9'] } },
      { tenants: ['acme'], canDelete: true },
      { actor },
    );
    expect(result.deleted).toBe(5);
    expect(await events().countDocuments({ tenantId: 'beta', action: 'order.created' })).toBe(5);
    const [record] = (
      await store.list({ actions: ['activity.bulk_deleted'] }, { tenants: ['acme'] })
    ).items;
    expect(record).toMatchObject({
      actor: { id: 'u-admin' },
      kind: 'delete',
      metadata: { total: 5 },
    });
    expect([...((record?.metadata?.ids as string[] | undefined) ?? [])].sort()).toEqual(
      [...result.ids].sort(),
    );
  });
});
