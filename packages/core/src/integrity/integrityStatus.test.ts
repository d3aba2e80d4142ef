import { type ActivityEvent, minUlidAt, ulidTime } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import type { ActivityStoreOptions } from '../options.ts';
import { createTestStore } from '../test/storeFixture.ts';
import type { CheckpointDocument } from './checkpoint.ts';
import { integrityStatus } from './integrityStatus.ts';
import { generateSealingKeys } from './keys.ts';

const testDb = await createTestDb('integrity_status');
const keys = generateSealingKeys();
const DAY = 86_400_000;

/** A store that seals on demand only, 5 events per checkpoint, everything recorded so far. */
async function sealingStore(extra: Partial<ActivityStoreOptions> = {}) {
  const fixture = await createTestStore(testDb, {
    defaultTenantId: 'acme',
    integrity: {
      privateKey: keys.privateKey,
      sealIntervalMs: false,
      sealDelayMs: 0,
      maxEntries: 5,
    },
    ...extra,
  });
  const checkpoints = testDb.db.collection<CheckpointDocument>(
    `${fixture.events().collectionName}_checkpoints`,
  );
  return { ...fixture, checkpoints };
}

async function recordMany(
  store: Awaited<ReturnType<typeof sealingStore>>['store'],
  count: number,
  event: { tenantId?: string; occurredAt?: Date } = {},
): Promise<ActivityEvent[]> {
  const recorded: ActivityEvent[] = [];
  for (let i = 0; i < count; i++) {
    const stored = await store.record(
      { action: 'order.created', subject: { type: 'order', id: String(i) }, ...event },
      { durable: true },
    );
    if (stored) recorded.push(stored);
  }
  return recorded;
}

describe('store.integrityStatus', () => {
  it('counts every event as unsealed before the first seal, and none after it', async () => {
    const { store } = await sealingStore();
    await recordMany(store, 12);
    await recordMany(store, 3, { tenantId: 'beta' });
    expect(await store.integrityStatus({ tenants: '*' })).toEqual({
      sealing: true,
      canVerify: true,
      tenants: [
        { tenantId: 'acme', unsealed: 12 },
        { tenantId: 'beta', unsealed: 3 },
      ],
    });

    await store.seal();
    const sealed = await store.integrityStatus({ tenants: '*' });
    expect(sealed.tenants.map((t) => [t.tenantId, t.unsealed, t.lastCheckpoint?.seq])).toEqual([
      ['acme', 0, 3],
      ['beta', 0, 1],
    ]);
  });

  it('shows the newest checkpoint without its entries, and counts what was recorded after it', async () => {
    const { store } = await sealingStore();
    const acme = await recordMany(store, 12);
    await store.seal();
    await recordMany(store, 4);
    await recordMany(store, 2, { tenantId: 'beta' });

    const status = await store.integrityStatus({ tenants: ['acme'] });
    expect(status.tenants).toEqual([
      {
        tenantId: 'acme',
        lastCheckpoint: {
          tenantId: 'acme',
          seq: 3,
          fromId: acme[9]?.id,
          toId: acme[11]?.id,
          count: 2,
          createdAt: expect.any(Date),
        },
        unsealed: 4,
      },
    ]);
  });

  it('counts events of the days after the seal, one equality probe a day, as MongoDB does by id', async () => {
    // The store's "today" is three days ahead, so the days after the seal are probed as well.
    const now = Date.now();
    const { store, events, checkpoints } = await sealingStore({
      clock: () => new Date(now + 3 * DAY),
    });
    await recordMany(store, 6, { occurredAt: new Date(now) });
    await store.seal();
    await recordMany(store, 1, { occurredAt: new Date(now) });
    await recordMany(store, 2, { occurredAt: new Date(now + DAY) });
    await recordMany(store, 3, { occurredAt: new Date(now + 2 * DAY) });

    const [acme] = (await store.integrityStatus({ tenants: ['acme'] })).tenants;
    expect(acme?.unsealed).toBe(6);
    // The same count by an `_id` range, as the store asks MongoDB (FerretDB answers it slowly).
    const byRange = await integrityStatus(
      { tenants: ['acme'] },
      {
        events: events(),
        checkpoints,
        profile: async () => 'mongodb',
        clock: () => new Date(now + 3 * DAY),
        sealing: true,
        get: store.get,
        knownTenants: async () => ['acme'],
        heads: new Map(),
      },
    );
    expect(byRange.tenants[0]?.unsealed).toBe(6);
  });

  it('lists only the tenants of the scope, and refuses a missing scope', async () => {
    const { store } = await sealingStore();
    await recordMany(store, 2);
    await recordMany(store, 2, { tenantId: 'beta' });
    const partner = await store.integrityStatus({ tenants: ['acme', 'gamma'] });
    expect(partner.tenants.map((t) => [t.tenantId, t.unsealed])).toEqual([
      ['acme', 2],
      ['gamma', 0],
    ]);
    await expect(store.integrityStatus(undefined as never)).rejects.toMatchObject({
      code: 'INVALID_SCOPE',
    });
  });

  it('says a store without a sealing key does not seal', async () => {
    const { store } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    await store.record({ action: 'order.created' }, { durable: true });
    expect(await store.integrityStatus({ tenants: ['acme'] })).toEqual({
      sealing: false,
      canVerify: false,
      tenants: [{ tenantId: 'acme', unsealed: 1 }],
    });
  });
});

describe('store.checkpointOf', () => {
  it('names the checkpoint that seals an event, and none for an unsealed one', async () => {
    const { store } = await sealingStore();
    const acme = await recordMany(store, 12);
    await store.seal();
    const [later] = await recordMany(store, 1);
    const scope = { tenants: ['acme'] };

    expect(await store.checkpointOf(acme[6]?.id ?? '', scope)).toEqual({
      tenantId: 'acme',
      seq: 2,
      fromId: acme[4]?.id,
      toId: acme[9]?.id,
      count: 5,
      createdAt: expect.any(Date),
    });
    expect((await store.checkpointOf(acme[0]?.id ?? '', scope))?.seq).toBe(1);
    expect(await store.checkpointOf(later?.id ?? '', scope)).toBeUndefined();
  });

  it("keeps a reader out of another tenant's event: NOT_FOUND, as get", async () => {
    const { store } = await sealingStore();
    const [beta] = await recordMany(store, 1, { tenantId: 'beta' });
    await store.seal();
    await expect(store.checkpointOf(beta?.id ?? '', { tenants: ['acme'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await store.checkpointOf(beta?.id ?? '', { tenants: '*' }))?.tenantId).toBe('beta');
    await expect(
      store.checkpointOf('01KBX000000000000000000000', { tenants: '*' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not claim an event stored late into a sealed range', async () => {
    const { store, events } = await sealingStore();
    const acme = await recordMany(store, 6);
    await store.seal();
    const original = await events().findOne({ _id: acme[2]?.id ?? '' });
    // An id between two sealed ones (after acme[2] in its millisecond), as a journal replay stores it.
    const lateId = minUlidAt(ulidTime(acme[2]?.id ?? '')).replace(/0{16}$/, 'ZZZZZZZZZZZZZZZZ');
    expect(lateId > (acme[2]?.id ?? '') && lateId < (acme[4]?.id ?? '')).toBe(true);
    await events().insertOne({
      ...(original as NonNullable<typeof original>),
      _id: lateId,
      replayedAt: new Date(),
    });
    expect(await store.checkpointOf(lateId, { tenants: ['acme'] })).toBeUndefined();
    expect((await store.checkpointOf(acme[3]?.id ?? '', { tenants: ['acme'] }))?.seq).toBe(1);
  });
});
