import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDocument } from '../internal/document.ts';
import { createRollupReader } from '../rollups/readRollups.ts';
import type { RollupCollectionDocument } from '../rollups/rollupDocument.ts';
import { findFilters, monitored } from '../test/monitored.ts';
import { createTestStore, recordByTwoWriters } from '../test/storeFixture.ts';
import { countLoginPairs, type LoginPair, pairsFromEvents } from './loginPairs.ts';
import { sortEvents } from './shared.ts';
import { user } from './test/recordAll.ts';

/*
 * The day counters keep each user's first successful login per IP (`lf`): the new-IP rule looks a
 * pair's first login up by its id instead of reading the user's day, and reads the day when that
 * event is gone.
 */

const testDb = await createTestDb('first-logins');
const client = await MongoClient.connect(testDb.uri, { monitorCommands: true });
afterAll(() => client.close());
const NOW = Date.UTC(2026, 11, 5, 15);
const target = await createTestStore(testDb, {
  client,
  clock: () => new Date(NOW),
  bulkDelete: { enabled: true },
});
const { store, events } = target;
const RANGE = { from: new Date('2026-11-25T00:00:00Z'), to: new Date('2026-12-05T00:00:00Z') };

const login = (who: string, at: string, ip: string): ActivityEventInput => ({
  tenantId: 'acme',
  action: 'auth.login',
  outcome: 'success',
  actor: user(who),
  context: { ip },
  occurredAt: new Date(at),
});

beforeAll(async () => {
  // Ann's two logins from 10.0.0.9 on one day, the later through this store, the earlier through
  // another writer; Bo's only login from 10.0.0.5.
  await recordByTwoWriters(testDb, { ...target, collection: events().collectionName }, [
    [
      login('u-ann', '2026-12-01T11:00:00Z', '10.0.0.9'),
      login('u-bo', '2026-12-02T10:00:00Z', '10.0.0.5'),
    ],
    [login('u-ann', '2026-12-01T09:00:00Z', '10.0.0.9')],
  ]);
});

/** The pairs counted from the counters, each with its first login and its logins. */
async function counted(): Promise<
  Map<string, { pair: LoginPair; first?: EventDocument; logins: string[] }>
> {
  const pairs = await countLoginPairs({
    collection: client
      .db(testDb.db.databaseName)
      .collection<EventDocument>(events().collectionName),
    rollups: createRollupReader(
      testDb.db.collection<RollupCollectionDocument>(`${events().collectionName}_rollups`),
    ),
    tenants: ['acme'],
    match: { tenantId: { $in: ['acme'] } },
    range: RANGE,
  });
  const entries = await Promise.all(
    pairs.map(async (pair) => {
      const first = await pair.first();
      const logins = (await pair.logins(5)).map((doc) => doc._id);
      return [`${pair.actorId}@${pair.ip}`, { pair, ...(first ? { first } : {}), logins }] as const;
    }),
  );
  return new Map(entries);
}

/** The same pairs read from every login. */
async function fromEvents() {
  const logins = await events()
    .find({
      tenantId: 'acme',
      kind: 'login',
      outcome: 'success',
      occurredAt: { $gte: RANGE.from, $lt: RANGE.to },
    })
    .toArray();
  const pairs = pairsFromEvents(sortEvents(logins));
  return new Map<string, { n: number; logins: string[] }>(
    await Promise.all(
      pairs.map(
        async (pair) =>
          [
            `${pair.actorId}@${pair.ip}`,
            { n: pair.n, logins: (await pair.logins(5)).map((doc) => doc._id) },
          ] as const,
      ),
    ),
  );
}

describe("a user's first login from an IP", () => {
  it('is looked up by the id its day counters keep, the earliest of every writer', async () => {
    const [pairs, commands] = await monitored(client, counted);
    const ann = pairs.get('u-ann@10.0.0.9');
    expect(ann?.first?.occurredAt).toEqual(new Date('2026-12-01T09:00:00Z'));
    expect(ann?.pair.n).toBe(2);
    const bo = pairs.get('u-bo@10.0.0.5');
    expect(bo?.first?.occurredAt).toEqual(new Date('2026-12-02T10:00:00Z'));
    // Bo's only login is his first: looked up, no day read for him.
    const reads = findFilters(commands, events().collectionName);
    expect(reads.filter((filter) => filter.day === '2026-12-02')).toEqual([]);
    expect(reads.filter((filter) => filter._id === bo?.first?._id)).toHaveLength(1);
    const expected = await fromEvents();
    for (const [key, { pair, logins }] of pairs) {
      expect({ n: pair.n, logins }, key).toEqual(expected.get(key));
    }
  });

  it('is read from its day when the event the counters keep was deleted', async () => {
    const before = (await counted()).get('u-ann@10.0.0.9')?.first;
    expect(before).toBeDefined();
    const deleted = await store.bulkDelete(
      { ids: [before?._id as string] },
      { tenants: ['acme'], canDelete: true },
      { actor: user('u-admin') },
    );
    expect(deleted.deleted).toBe(1);
    await store.flush();
    const ann = (await counted()).get('u-ann@10.0.0.9');
    expect(ann?.pair.n).toBe(1);
    expect(ann?.first?.occurredAt).toEqual(new Date('2026-12-01T11:00:00Z'));
    expect(ann?.logins).toEqual((await fromEvents()).get('u-ann@10.0.0.9')?.logins);
  });
});
