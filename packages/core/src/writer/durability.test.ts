import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOnSources } from '@activitykit/test-utils';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { createActivityStore } from '../createActivityStore.ts';
import type { EventDocument } from '../internal/document.ts';
import { ownServer, tempDir } from '../test/ownDevDb.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the writer when MongoDB goes away', () => {
  it('stores every one of 10k events exactly once across a server outage', async () => {
    const dataDir = await tempDir('ak-outage-db-');
    let db = await ownServer(dataDir);
    const port = Number(new URL(db.uri).port);
    const errors: unknown[] = [];
    const store = createActivityStore({
      uri: db.uri,
      dbName: 'outage',
      journalDir: await tempDir('ak-outage-journal-'),
      defaultTenantId: 'acme',
      writer: {
        batchSize: 200,
        // Bounded below the 4k events recorded while the server is down, so the outage must go
        // through the journal however slowly the machine runs the retries.
        maxQueue: 1000,
        flushIntervalMs: 10,
        maxRetries: 2,
        retryBaseMs: 50,
        probeIntervalMs: 200,
        insertTimeoutMs: 1000,
      },
      onError: (error) => errors.push(error),
    });
    await store.ensureIndexes();

    const ids = new Set<string>();
    const recordSome = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const event = store.record({
          action: 'order.created',
          subject: { type: 'order', id: String(i) },
        });
        ids.add(event?.id ?? '');
        if (i % 100 === 0) await sleep(5);
      }
    };
    await recordSome(0, 3000);
    await db.stop();
    const downSince = Date.now();
    await recordSome(3000, 7000);
    // Down for three seconds at least, and until the writer has given up retrying and said so: on
    // a loaded machine its retries take longer, and a server back before that is no outage to it.
    await expect
      .poll(() => store.metrics().degraded && errors.length > 0, { timeout: 60_000 })
      .toBe(true);
    await sleep(Math.max(0, 3000 - (Date.now() - downSince)));
    db = await ownServer(dataDir, port);
    await recordSome(7000, 10_000);
    await store.flush();
    await expect
      .poll(
        () => (store.metrics().degraded ? -1 : store.metrics().spilled - store.metrics().replayed),
        {
          timeout: 30_000,
          interval: 100,
        },
      )
      .toBe(0);
    await store.flush();

    const client = await MongoClient.connect(db.uri);
    try {
      const stored = await client
        .db('outage')
        .collection<EventDocument>('activity_events')
        .find({}, { projection: { _id: 1 } })
        .toArray();
      expect(stored.length).toBe(10_000);
      expect(new Set(stored.map((doc) => doc._id))).toEqual(ids);
    } finally {
      await client.close();
    }
    const metrics = store.metrics();
    expect(metrics.spilled).toBeGreaterThan(0);
    expect(metrics.replayed).toBe(metrics.spilled);
    expect(metrics.failed).toBe(0);
    expect(errors.length).toBeGreaterThan(0); // the outage was reported, not hidden
    await store.close();
  }, 120_000);

  it('replays what an earlier process journaled when the next one starts', async () => {
    const journalDir = await tempDir('ak-replay-journal-');
    const idsFile = join(await tempDir('ak-replay-ids-'), 'ids.json');
    const script = new URL('../test/recordOffline.ts', import.meta.url);
    await runOnSources(script, [journalDir, '500', idsFile]);
    const offline = JSON.parse(await readFile(idsFile, 'utf8')) as {
      ids: string[];
      metrics: { spilled: number };
    };
    expect(offline.metrics.spilled).toBe(500);

    const db = await ownServer(await tempDir('ak-replay-db-'));
    const store = createActivityStore({
      uri: db.uri,
      dbName: 'replay',
      journalDir,
      defaultTenantId: 'acme',
    });
    await expect.poll(() => store.metrics().replayed, { timeout: 30_000 }).toBe(500);
    const page = await store.list({ limit: 200 }, { tenants: ['acme'] });
    expect(page.items.length).toBe(200);
    expect(offline.ids).toEqual(expect.arrayContaining(page.items.map((e) => e.id)));
    await store.close();
  }, 60_000);
});
