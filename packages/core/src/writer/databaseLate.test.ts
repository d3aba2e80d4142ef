import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { type ActivityStore, createActivityStore } from '../createActivityStore.ts';
import type { EventDocument } from '../internal/document.ts';
import { ownServer, tempDir } from '../test/ownDevDb.ts';

// Regression tests of issue 12 §2: a store whose MongoDB was not there for its first connection
// kept a closed driver topology for good ("Topology is closed"), so nothing was ever stored again.

// Servers of our own (ownDevDb.ts), since these tests start them late or stop them; the stores
// close before those servers stop.
const stores: ActivityStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close().catch(() => {})));
});
/** A TCP port nothing listens on (yet). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(address),
      );
    });
  });
}

/** Generous: a FerretDB start and a few connection attempts on a loaded machine. */
const PATIENCE = { timeout: 90_000, interval: 200 };

async function lateStore(uri: string, dbName: string) {
  const errors: unknown[] = [];
  const store = createActivityStore({
    uri,
    dbName,
    journalDir: await tempDir('ak-late-journal-'),
    defaultTenantId: 'acme',
    writer: {
      flushIntervalMs: 10,
      maxRetries: 1,
      retryBaseMs: 50,
      probeIntervalMs: 200,
      insertTimeoutMs: 1000,
    },
    onError: (error) => errors.push(error),
  });
  stores.push(store);
  const ids = new Set<string>();
  let durable: 'waiting' | 'stored' | 'failed' = 'waiting';
  const recordSome = (count: number) => {
    for (let i = 0; i < count; i++) {
      const event = store.record({
        action: 'order.created',
        subject: { type: 'order', id: `${i}` },
      });
      ids.add(event?.id ?? '');
    }
    const stored = store.record({ action: 'order.paid' }, { durable: true });
    stored?.then(
      (event) => {
        ids.add(event?.id ?? '');
        durable = 'stored';
      },
      () => {
        durable = 'failed';
      },
    );
  };
  return { store, errors, ids, recordSome, durable: () => durable };
}

/** MongoDB answers the writer again and every journaled event is stored. */
function caughtUp(store: ActivityStore): boolean {
  const metrics = store.metrics();
  return !metrics.degraded && metrics.replayed === metrics.spilled;
}

/** Every recorded id is a row, exactly once, and nothing else is. */
async function expectStoredOnce(uri: string, dbName: string, ids: Set<string>) {
  const client = await MongoClient.connect(uri);
  try {
    const rows = await client
      .db(dbName)
      .collection<EventDocument>('activity_events')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    expect(rows.length).toBe(ids.size);
    expect(new Set(rows.map((row) => row._id))).toEqual(ids);
  } finally {
    await client.close();
  }
}

describe('a store whose MongoDB is not there for its first connection', () => {
  it('connects once the server starts: stores what was recorded meanwhile, resolves durable records and reads', async () => {
    const port = await freePort();
    const uri = `mongodb://127.0.0.1:${port}/`;
    const late = await lateStore(uri, 'late_start');
    late.recordSome(40);
    // Down: the events go to the journal and the failure is reported.
    await expect.poll(() => late.store.metrics().spilled, PATIENCE).toBe(41);
    expect(late.errors.length).toBeGreaterThan(0);
    expect(late.durable()).toBe('waiting');

    const db = await ownServer(await tempDir('ak-late-db-'), port);
    // Reads work as soon as the server answers, without waiting for the writer.
    await expect(late.store.list({ limit: 1 }, { tenants: ['acme'] })).resolves.toHaveProperty(
      'items',
    );
    await expect.poll(late.durable, PATIENCE).toBe('stored');
    await expect.poll(() => caughtUp(late.store), PATIENCE).toBe(true);
    const page = await late.store.list({ limit: 100 }, { tenants: ['acme'] });
    expect(page.items.map((event) => event.id).sort()).toEqual([...late.ids].sort());

    // Recorded after it came: stored directly, not through the journal.
    const spilled = late.store.metrics().spilled;
    const after = await late.store.record({ action: 'order.shipped' }, { durable: true });
    late.ids.add(after?.id ?? '');
    expect(late.store.metrics()).toMatchObject({ spilled, failed: 0, degraded: false });
    await late.store.flush();
    await expectStoredOnce(db.uri, 'late_start', late.ids);
  }, 180_000);

  it('reconnects when the server dies before the first connection and comes back', async () => {
    const dataDir = await tempDir('ak-died-db-');
    const first = await ownServer(dataDir);
    const port = Number(new URL(first.uri).port);
    const late = await lateStore(first.uri, 'died_early');
    await first.stop();
    late.recordSome(40);
    await expect.poll(() => late.store.metrics().spilled, PATIENCE).toBe(41);
    await expect(late.store.list({ limit: 10 }, { tenants: ['acme'] })).rejects.toThrow();

    const db = await ownServer(dataDir, port);
    await expect.poll(late.durable, PATIENCE).toBe('stored');
    await expect.poll(() => caughtUp(late.store), PATIENCE).toBe(true);
    const page = await late.store.list({ limit: 100 }, { tenants: ['acme'] });
    expect(page.items).toHaveLength(41);
    await late.store.flush();
    await expectStoredOnce(db.uri, 'died_early', late.ids);
    expect(late.store.metrics().failed).toBe(0);
  }, 180_000);
});
