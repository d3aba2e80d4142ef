import { spawn } from 'node:child_process';
import { chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type DevDb, DevDbError, startDevDb } from './index.ts';
import { embeddedOnlyEnv, tempDir, withClient } from './test/helpers.ts';
import { commandName, processTree, stillRunning } from './test/processes.ts';

async function withPostgres<T>(db: DevDb, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function setting(client: pg.Client, name: string): Promise<string> {
  const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
  return Object.values(rows[0] ?? {})[0] ?? '';
}

describe.runIf(process.platform === 'linux')('FerretDB on PostgreSQL', () => {
  it('exposes the PostgreSQL server under it, tuned for FerretDB, for expression indexes', async () => {
    const db = await startDevDb({ engine: 'ferretdb-postgres' });
    try {
      await withClient(db.uri, (c) =>
        c
          .db('shop')
          .collection('orders')
          .insertMany([
            { tenantId: 't1', total: 1 },
            { tenantId: 't2', total: 2 },
          ]),
      );
      await withPostgres(db, async (client) => {
        expect(await setting(client, 'plan_cache_mode')).toBe('force_custom_plan');
        expect(await setting(client, 'fsync')).toBe('off'); // a throwaway data directory
        expect(await setting(client, 'shared_buffers')).toBe('256MB');
        // Each MongoDB database is a schema; FerretDB's metadata names each collection's table.
        const { rows } = await client.query<{ table: string }>(
          `SELECT _jsonb->>'table' AS table FROM shop._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'orders'`,
        );
        const table = rows[0]?.table ?? '';
        expect(table).toMatch(/^orders/);
      });
      const found = await withClient(db.uri, (c) =>
        c.db('shop').collection('orders').find({ tenantId: 't2' }).toArray(),
      );
      expect(found.map((order) => order.total)).toEqual([2]);
    } finally {
      await db.stop();
    }
  });

  it('gives each single-field index FerretDB makes a GIN twin that serves its pushed-down equality, and drops it with the index', async () => {
    const dataDir = join(await tempDir('devdb-gin-'), 'data');
    const table = async (client: pg.Client, collection: string) => {
      const { rows } = await client.query<{ table: string }>(
        `SELECT _jsonb->>'table' AS table FROM shop._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
        [collection],
      );
      return client.escapeIdentifier(rows[0]?.table ?? '');
    };
    const ginIndexes = async (client: pg.Client) =>
      (
        await client.query<{ indexdef: string }>(
          `SELECT indexdef FROM pg_indexes WHERE schemaname = 'shop' AND tablename LIKE 'orders%' AND indexdef LIKE '%USING gin%'`,
        )
      ).rows
        .map((row) => row.indexdef.replace(/^.* USING /, ''))
        .sort();
    let db = await startDevDb({ engine: 'ferretdb-postgres', dataDir });
    try {
      await withClient(db.uri, async (c) => {
        const orders = c.db('shop').collection('orders');
        await orders.insertMany([
          { tenantId: 't1', total: 1 },
          { tenantId: 't2', total: 2 },
        ]);
        await orders.createIndex({ tenantId: 1 }, { name: 'tenant' });
        await orders.createIndex({ tenantId: 1, total: -1 }, { name: 'tenant_total' });
      });
      await withPostgres(db, async (client) => {
        // The _id index and the single-field one get twins; a compound index does not.
        expect(await ginIndexes(client)).toEqual([
          "gin (((_jsonb -> '_id'::text)))",
          "gin (((_jsonb -> 'tenantId'::text)))",
        ]);
        await client.query('SET enable_seqscan = off'); // tiny tables are scanned otherwise
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT _jsonb FROM shop.${await table(client, 'orders')} WHERE _jsonb->'tenantId' @> '"t2"'`,
        );
        expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/_gin/);
      });
      const found = await withClient(db.uri, async (c) => {
        await c.db('shop').collection('orders').dropIndex('tenant');
        return c.db('shop').collection('orders').find({ tenantId: 't2' }).toArray();
      });
      expect(found.map((order) => order.total)).toEqual([2]);
      await withPostgres(db, async (client) =>
        expect(await ginIndexes(client)).toEqual(["gin (((_jsonb -> '_id'::text)))"]),
      );
      // An index made while the twins were not set up (an older data directory) gets one at start.
      await withPostgres(db, async (client) => {
        await client.query('DROP EVENT TRIGGER activitykit_gin_twin_created');
        await client.query(
          `CREATE INDEX later ON shop.${await table(client, 'orders')} ((_jsonb->'total'))`,
        );
      });
    } finally {
      await db.stop();
    }
    db = await startDevDb({ engine: 'ferretdb-postgres', dataDir });
    try {
      await withPostgres(db, async (client) =>
        expect(await ginIndexes(client)).toEqual([
          "gin (((_jsonb -> '_id'::text)))",
          "gin (((_jsonb -> 'total'::text)))",
        ]),
      );
    } finally {
      await db.stop();
    }
  });

  it('keeps fsync on for a kept data directory', async () => {
    const db = await startDevDb({
      engine: 'ferretdb-postgres',
      dataDir: join(await tempDir('devdb-durable-'), 'data'),
    });
    try {
      expect(await withPostgres(db, (client) => setting(client, 'fsync'))).toBe('on');
    } finally {
      await db.stop();
    }
  });

  it('starts after a crash left a lock file whose pid now belongs to another process', async () => {
    const dataDir = join(await tempDir('devdb-stale-'), 'data');
    const first = await startDevDb({ engine: 'ferretdb-postgres', dataDir });
    await withClient(first.uri, (c) => c.db('s').collection('x').insertOne({ body: 'kept' }));
    const lockFile = join(dataDir, 'postgres', 'postmaster.pid');
    const lock = await readFile(lockFile, 'utf8');
    await first.stop();

    // The lock file as a killed server leaves it, its pid now taken by an unrelated process of the
    // same user (PostgreSQL takes a process it may not signal for a stale lock's).
    const owner = await stat(join(dataDir, 'postgres'));
    const other = spawn('sleep', ['60'], { stdio: 'ignore', uid: owner.uid, gid: owner.gid });
    try {
      await writeFile(lockFile, lock.replace(/^\d+/, String(other.pid)), { mode: 0o600 });
      await chown(lockFile, owner.uid, owner.gid);
      const second = await startDevDb({ engine: 'ferretdb-postgres', dataDir, log: () => {} });
      try {
        const note = await withClient(second.uri, (c) => c.db('s').collection('x').findOne({}));
        expect(note?.body).toBe('kept');
      } finally {
        await second.stop();
      }
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('reports PostgreSQL dying as a crash, and starts again on the same data', async () => {
    const dataDir = join(await tempDir('devdb-pgcrash-'), 'data');
    const crashes: DevDbError[] = [];
    const db = await startDevDb({
      engine: 'ferretdb-postgres',
      dataDir,
      onCrash: (error) => crashes.push(error),
    });
    await withClient(db.uri, (c) => c.db('c').collection('x').insertOne({ body: 'kept' }));
    // Commits are asynchronous (synchronous_commit = off): a crash of PostgreSQL loses what the WAL
    // writer has not flushed yet (it does every 200 ms). A checkpoint flushes everything.
    await withPostgres(db, (client) => client.query('CHECKPOINT'));
    const tree = await processTree(db.pid ?? 0);
    const postmaster = tree[1] ?? 0;
    expect(await commandName(postmaster)).toBe('postgres');
    process.kill(postmaster, 'SIGKILL');
    await expect.poll(() => crashes.length).toBe(1);
    expect(crashes[0]).toMatchObject({ code: 'CRASHED' });
    expect(crashes[0]?.message).toMatch(/PostgreSQL server exited unexpectedly/);
    await db.stop();
    await expect.poll(() => stillRunning(tree), { timeout: 30_000 }).toEqual([]);

    const again = await startDevDb({ engine: 'ferretdb-postgres', dataDir });
    try {
      const note = await withClient(again.uri, (c) => c.db('c').collection('x').findOne({}));
      expect(note?.body).toBe('kept');
    } finally {
      await again.stop();
    }
  });

  it('refuses a data directory that another dev database is using', async () => {
    const dataDir = join(await tempDir('devdb-busy-'), 'data');
    const first = await startDevDb({ engine: 'ferretdb-postgres', dataDir });
    try {
      const crashes: DevDbError[] = [];
      const error = await startDevDb({
        engine: 'ferretdb-postgres',
        dataDir,
        onCrash: (crash) => crashes.push(crash),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DevDbError);
      expect((error as Error).message).toMatch(/in use by a running PostgreSQL server/);
      // A server that never started is an error of startDevDb, not a crash as well.
      expect(crashes).toEqual([]);
      await withClient(first.uri, (c) => c.db('b').command({ ping: 1 }));
    } finally {
      await first.stop();
    }
  });
});

describe.runIf(process.platform === 'linux' && process.getuid?.() === 0)(
  'as root, with a data directory PostgreSQL cannot reach',
  () => {
    it('says why for engine ferretdb-postgres, and falls back to SQLite by default', async () => {
      const hidden = join(await tempDir('devdb-hidden-'), 'private');
      await mkdir(hidden, { mode: 0o700 });
      const dataDir = join(hidden, 'data');

      const error = await startDevDb({ engine: 'ferretdb-postgres', dataDir }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'POSTGRES_UNAVAILABLE' });
      expect((error as Error).message).toMatch(
        new RegExp(`cannot reach .*: ${hidden} does not let others in.*chmod o\\+x`),
      );

      const said: string[] = [];
      const db = await startDevDb({
        env: embeddedOnlyEnv(),
        dataDir,
        log: (message) => said.push(message),
      });
      try {
        expect(db.engine).toBe('ferretdb-sqlite');
        expect(said.join('\n')).toMatch(/Starting FerretDB on its SQLite backend instead/);
        await withClient(db.uri, (c) => c.db('f').collection('x').insertOne({ ok: true }));
      } finally {
        await db.stop();
      }
    });
  },
);
