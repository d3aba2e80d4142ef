import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IndexDescription, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevDb, DevDbError, startDevDb } from './index.ts';
import { defaultCacheDir } from './internal/cacheDir.ts';
import { ensureFerretDbBinary } from './internal/ferretdb.ts';

const scratch: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withClient<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('the embedded FerretDB', () => {
  let db: DevDb;
  let client: MongoClient;

  beforeAll(async () => {
    db = await startDevDb({ engine: 'ferretdb' });
    client = await MongoClient.connect(db.uri);
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('answers on a free port of 127.0.0.1', () => {
    expect(db.engine).toBe('ferretdb');
    expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(isRunning(db.pid)).toBe(true);
  });

  it('stores, sorts and limits with insertMany and find', async () => {
    const events = client.db('crud').collection('events');
    await events.insertMany(
      Array.from({ length: 50 }, (_, i) => ({ n: i, kind: i % 3 === 0 ? 'delete' : 'update' })),
    );
    const newest = await events.find({ kind: 'delete' }).sort({ n: -1 }).limit(3).toArray();
    expect(newest.map((e) => e.n)).toEqual([48, 45, 42]);
    expect(await events.countDocuments()).toBe(50);
  });

  it('enforces a unique compound index and lists it', async () => {
    const events = client.db('crud').collection('unique');
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
    const sales = client.db('crud').collection('sales');
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
    const counters = client.db('crud').collection<{ _id: string; seq: number }>('counters');
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
describe('FerretDB 1.24 limitations the kit works around', () => {
  let db: DevDb;
  let client: MongoClient;

  beforeAll(async () => {
    db = await startDevDb({ engine: 'ferretdb' });
    client = await MongoClient.connect(db.uri);
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('computes only the first accumulator of a $group', async () => {
    const sales = client.db('limits').collection('sales');
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
    const counters = client.db('limits').collection<{ _id: string; seq: number }>('counters');
    await counters.insertOne({ _id: 'x', seq: 0 });
    await Promise.all(
      Array.from({ length: 20 }, () => counters.updateOne({ _id: 'x' }, { $inc: { seq: 1 } })),
    );
    expect((await counters.findOne({ _id: 'x' }))?.seq).toBeLessThan(20);
  });

  it('has no change streams', async () => {
    const error = await client
      .db('limits')
      .collection('x')
      .aggregate([{ $changeStream: {} }])
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
  });

  it('refuses TTL and partial indexes', async () => {
    const coll = client.db('limits').collection('indexes');
    await expect(coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 })).rejects.toThrow(
      /expireAfterSeconds" is not implemented/,
    );
    await expect(
      coll.createIndex({ b: 1 }, { partialFilterExpression: { b: { $exists: true } } }),
    ).rejects.toThrow(/partialFilterExpression" is not implemented/);
  });

  it('has no $elemMatch on several fields, but matches dotted paths into arrays', async () => {
    const coll = client.db('limits').collection('refs');
    await coll.insertOne({ refs: [{ type: 'customer', id: '42' }] });
    await expect(
      coll.find({ refs: { $elemMatch: { type: 'customer', id: '42' } } }).toArray(),
    ).rejects.toThrow(/unknown operator/);
    expect(await coll.countDocuments({ 'refs.id': '42' })).toBe(1);
  });

  it('refuses arrays nested directly in arrays', async () => {
    await expect(
      client
        .db('limits')
        .collection('nested')
        .insertOne({ m: [[1, 2]] }),
    ).rejects.toThrow(/nested arrays are not supported/);
  });

  it('drops the connection when createIndexes repeats several existing indexes', async () => {
    const coll = client.db('limits').collection('reindex');
    const indexes: IndexDescription[] = [
      { key: { a: 1 }, name: 'a' },
      { key: { b: 1 }, name: 'b' },
    ];
    await coll.createIndexes(indexes);
    await expect(coll.createIndexes(indexes)).rejects.toThrow(/closed/);
  });

  it('has no multi-document transactions', async () => {
    const session = client.startSession();
    try {
      await expect(
        session.withTransaction(() =>
          client.db('limits').collection('tx').insertOne({ a: 1 }, { session }),
        ),
      ).rejects.toThrow();
    } finally {
      await session.endSession();
    }
  });
});

describe('startDevDb', () => {
  it('keeps the data of a given data directory across a restart', async () => {
    const dataDir = join(await tempDir('devdb-keep-'), 'data');
    const first = await startDevDb({ engine: 'ferretdb', dataDir });
    await withClient(first.uri, (c) =>
      c.db('keep').collection('notes').insertOne({ body: 'hello' }),
    );
    await first.stop();

    const second = await startDevDb({ engine: 'ferretdb', dataDir });
    try {
      const note = await withClient(second.uri, (c) =>
        c.db('keep').collection('notes').findOne({}),
      );
      expect(note?.body).toBe('hello');
    } finally {
      await second.stop();
    }
    expect((await stat(dataDir)).isDirectory()).toBe(true);
  });

  it('runs two servers at once, each with its own data', async () => {
    const [a, b] = await Promise.all([
      startDevDb({ engine: 'ferretdb' }),
      startDevDb({ engine: 'ferretdb' }),
    ]);
    try {
      expect(a.uri).not.toBe(b.uri);
      await withClient(a.uri, (c) => c.db('two').collection('x').insertOne({ from: 'a' }));
      const inB = await withClient(b.uri, (c) => c.db('two').collection('x').countDocuments());
      expect(inB).toBe(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('leaves no process and no temporary directory behind after stop', async () => {
    const db = await startDevDb({ engine: 'ferretdb' });
    const { pid, dataDir } = db;
    expect(isRunning(pid)).toBe(true);
    await db.stop();
    await db.stop();
    expect(isRunning(pid)).toBe(false);
    await expect(stat(dataDir ?? '')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a server that crashes instead of hiding it', async () => {
    const crashes: DevDbError[] = [];
    const db = await startDevDb({ engine: 'ferretdb', onCrash: (error) => crashes.push(error) });
    process.kill(db.pid ?? 0, 'SIGKILL');
    await expect.poll(() => crashes.length).toBe(1);
    expect(crashes[0]).toBeInstanceOf(DevDbError);
    expect(crashes[0]?.code).toBe('CRASHED');
    expect(crashes[0]?.message).toMatch(/stopped unexpectedly with signal SIGKILL/);
    await db.stop();
  });

  it('uses MONGODB_URI as it is when set', async () => {
    const real = await startDevDb({ engine: 'ferretdb' });
    try {
      const external = await startDevDb({ env: { MONGODB_URI: real.uri } });
      expect(external).toMatchObject({ engine: 'external', uri: real.uri, pid: undefined });
      await external.stop();
      expect(isRunning(real.pid)).toBe(true);
    } finally {
      await real.stop();
    }
  });

  it('says so when MONGODB_URI does not answer', async () => {
    const error = await startDevDb({
      env: { MONGODB_URI: 'mongodb://127.0.0.1:1/' },
      startTimeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevDbError);
    expect(error).toMatchObject({ code: 'START_FAILED' });
    expect((error as Error).message).toMatch(/MONGODB_URI .* did not answer a ping/);
  });

  it('prefers a mongod found on PATH over the embedded FerretDB', async () => {
    // A real MongoDB-compatible server behind mongod's command line: the FerretDB binary, wrapped.
    const ferretdb = await ensureFerretDbBinary({
      cacheDir: defaultCacheDir(),
      goBinary: undefined,
      log: () => {},
    });
    const bin = await tempDir('devdb-path-');
    const calls = join(bin, 'calls.log');
    const script = [
      '#!/bin/sh',
      `echo "$@" >> '${calls}'`,
      'while [ $# -gt 0 ]; do case "$1" in --dbpath) d="$2"; shift;; --port) p="$2"; shift;; esac; shift; done',
      `exec '${ferretdb}' --listen=127.0.0.1:$p --data-dir="$d"`,
    ].join('\n');
    await writeFile(join(bin, 'mongod'), script);
    await chmod(join(bin, 'mongod'), 0o755);

    const db = await startDevDb({ env: { PATH: bin } });
    try {
      expect(db.engine).toBe('mongod');
      await withClient(db.uri, (c) => c.db('m').collection('x').insertOne({ ok: 1 }));
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(calls, 'utf8')).toMatch(
        /--dbpath .+ --port \d+ --bind_ip 127\.0\.0\.1/,
      );
    } finally {
      await db.stop();
    }
    expect(isRunning(db.pid)).toBe(false);
  });

  it('asks for MONGODB_URI or Go when it has to build and there is no Go', async () => {
    const error = await startDevDb({
      engine: 'ferretdb',
      cacheDir: await tempDir('devdb-nogo-'),
      goBinary: '/nonexistent/go',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevDbError);
    expect(error).toMatchObject({ code: 'GO_NOT_FOUND' });
    expect((error as Error).message).toMatch(/Set MONGODB_URI .* or install Go ≥ 1\.24/);
  });

  it('rejects options that are out of range, naming each', async () => {
    const error = await startDevDb({
      port: 70_000,
      logLevel: 'loud' as 'info',
      env: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as Error).message).toMatch(/port must be an integer .* got 70000/);
    expect((error as Error).message).toMatch(/logLevel must be one of .* got "loud"/);
  });
});
