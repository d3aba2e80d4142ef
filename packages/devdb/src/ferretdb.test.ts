import { type IndexDescription, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevDb, startDevDb } from './index.ts';

const BACKENDS = ['ferretdb-postgres', 'ferretdb-sqlite'] as const;

/**
 * A FerretDB on `engine` and a client of it for the tests of the calling `describe`: started before
 * them, closed and stopped after. Read `server.db` and `server.client` inside the tests.
 */
function serverFor(engine: (typeof BACKENDS)[number]): { db: DevDb; client: MongoClient } {
  const server = {} as { db: DevDb; client: MongoClient };
  beforeAll(async () => {
    server.db = await startDevDb({ engine });
    server.client = await MongoClient.connect(server.db.uri);
  });
  afterAll(async () => {
    await server.client?.close();
    await server.db?.stop();
  });
  return server;
}

describe.each(BACKENDS)('the embedded FerretDB on %s', (engine) => {
  const server = serverFor(engine);

  it('answers on a free port of 127.0.0.1', () => {
    expect(server.db.engine).toBe(engine);
    expect(server.db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('stores, sorts and limits with insertMany and find', async () => {
    const events = server.client.db('crud').collection('events');
    await events.insertMany(
      Array.from({ length: 50 }, (_, i) => ({ n: i, kind: i % 3 === 0 ? 'delete' : 'update' })),
    );
    const newest = await events.find({ kind: 'delete' }).sort({ n: -1 }).limit(3).toArray();
    expect(newest.map((e) => e.n)).toEqual([48, 45, 42]);
    expect(await events.countDocuments()).toBe(50);
  });

  it('enforces a unique compound index and lists it', async () => {
    const events = server.client.db('crud').collection('unique');
    await events.createIndex({ tenantId: 1, id: 1 }, { unique: true, name: 'tenant_id' });
    await events.createIndex({ tenantId: 1, occurredAt: -1, id: -1 }, { name: 'tenant_time' });
    await events.insertOne({ tenantId: 't1', id: 'a' });
    await events.insertOne({ tenantId: 't2', id: 'a' });
    const duplicate = await events.insertOne({ tenantId: 't1', id: 'a' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect((duplicate as MongoServerError).code).toBe(11000);
    const names = (await events.listIndexes().toArray()).map((index) => index.name);
    expect(names).toEqual(expect.arrayContaining(['_id_', 'tenant_id', 'tenant_time']));
  });

  it('aggregates with $match, $group and $sort', async () => {
    const sales = server.client.db('crud').collection('sales');
    await sales.insertMany([
      { shop: 'north', total: 10, paid: true },
      { shop: 'north', total: 5, paid: true },
      { shop: 'south', total: 7, paid: true },
      { shop: 'south', total: 100, paid: false },
    ]);
    const totals = await sales
      .aggregate([
        { $match: { paid: true } },
        { $group: { _id: '$shop', total: { $sum: '$total' } } },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(totals).toEqual([
      { _id: 'north', total: 15 },
      { _id: 'south', total: 7 },
    ]);
  });

  it('returns the updated document from findOneAndUpdate', async () => {
    const counters = server.client.db('crud').collection<{ _id: string; seq: number }>('counters');
    await counters.insertOne({ _id: 'orders', seq: 0 });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const after = await counters.findOneAndUpdate(
        { _id: 'orders' },
        { $inc: { seq: 1 } },
        { returnDocument: 'after' },
      );
      seen.push(after?.seq ?? -1);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const missing = await counters.findOneAndUpdate({ _id: 'none' }, { $set: { seq: 1 } });
    expect(missing).toBeNull();
  });
});

// What FerretDB 1.24 does differently from MongoDB, pinned so that the packages' fallbacks stay
// needed (and so that we notice when a newer FerretDB no longer needs them). See the README.
describe.each(BACKENDS)('FerretDB 1.24 limitations the kit works around, on %s', (engine) => {
  const server = serverFor(engine);

  it('computes only the first accumulator of a $group', async () => {
    const sales = server.client.db('limits').collection('sales');
    await sales.insertMany([
      { shop: 'n', total: 10 },
      { shop: 'n', total: 5 },
    ]);
    const [row] = await sales
      .aggregate([{ $group: { _id: '$shop', total: { $sum: '$total' }, count: { $sum: 1 } } }])
      .toArray();
    expect(row).toEqual({ _id: 'n', total: 15, count: 0 });
  });

  it('loses concurrent $inc updates of one document', async () => {
    const counters = server.client
      .db('limits')
      .collection<{ _id: string; seq: number }>('counters');
    await counters.insertOne({ _id: 'x', seq: 0 });
    await Promise.all(
      Array.from({ length: 20 }, () => counters.updateOne({ _id: 'x' }, { $inc: { seq: 1 } })),
    );
    expect((await counters.findOne({ _id: 'x' }))?.seq).toBeLessThan(20);
  });

  it('has no change streams', async () => {
    const error = await server.client
      .db('limits')
      .collection('x')
      .aggregate([{ $changeStream: {} }])
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
  });

  it('refuses TTL and partial indexes', async () => {
    const coll = server.client.db('limits').collection('indexes');
    await expect(coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 })).rejects.toThrow(
      /expireAfterSeconds" is not implemented/,
    );
    await expect(
      coll.createIndex({ b: 1 }, { partialFilterExpression: { b: { $exists: true } } }),
    ).rejects.toThrow(/partialFilterExpression" is not implemented/);
  });

  it('has no $elemMatch on several fields, but matches dotted paths into arrays', async () => {
    const coll = server.client.db('limits').collection('refs');
    await coll.insertOne({ refs: [{ type: 'customer', id: '42' }] });
    await expect(
      coll.find({ refs: { $elemMatch: { type: 'customer', id: '42' } } }).toArray(),
    ).rejects.toThrow(/unknown operator/);
    expect(await coll.countDocuments({ 'refs.id': '42' })).toBe(1);
  });

  it('refuses arrays nested directly in arrays', async () => {
    await expect(
      server.client
        .db('limits')
        .collection('nested')
        .insertOne({ m: [[1, 2]] }),
    ).rejects.toThrow(/nested arrays are not supported/);
  });

  it('drops the connection when createIndexes repeats several existing indexes', async () => {
    const coll = server.client.db('limits').collection('reindex');
    const indexes: IndexDescription[] = [
      { key: { a: 1 }, name: 'a' },
      { key: { b: 1 }, name: 'b' },
    ];
    await coll.createIndexes(indexes);
    await expect(coll.createIndexes(indexes)).rejects.toThrow(/closed/);
  });

  it('has no multi-document transactions', async () => {
    const session = server.client.startSession();
    try {
      await expect(
        session.withTransaction(() =>
          server.client.db('limits').collection('tx').insertOne({ a: 1 }, { session }),
        ),
      ).rejects.toThrow();
    } finally {
      await session.endSession();
    }
  });
});
