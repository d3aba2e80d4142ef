/**
 * Ingest benchmark: the ActivityKit writer against raw `insertMany` of the very same documents, on
 * the same server, per batch size. Events/s are medians over several runs; each run writes to a
 * fresh collection. The writer is fed as a server feeds it (yielding to I/O every 100 events); raw
 * `insertMany` gets the finished documents, so the writer's figure includes building, validating and
 * redacting every event. Usage:
 *   pnpm --filter @activitykit/bench ingest [--events 20000] [--runs 5] [--batches 100,500,1000]
 *     [--days 120]   (a history spread over 120 days, as a seed writes it; default: events of now)
 * Uses MONGODB_URI when set, else starts a dev database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createActivityStore } from '@activitykit/core';
import { startDevDb } from '@activitykit/devdb';
import { type Document, MongoClient } from 'mongodb';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    batches: { type: 'string', default: '100,500,1000' },
    days: { type: 'string', default: '0' },
  },
});
const EVENTS = Number(values.events);
/** Spread the events, oldest first, over this many days before now (`0`: all happen now). */
const DAYS = Number(values.days);
const START = Date.now();
const RUNS = Number(values.runs);
const BATCHES = values.batches.split(',').map(Number);

const db = await startDevDb();
const client = await MongoClient.connect(db.uri);
const database = client.db('bench_ingest');
const journalDir = await mkdtemp(join(tmpdir(), 'ak-bench-journal-'));
let collections = 0;
const fresh = () => `run_${++collections}`;

function input(i: number) {
  return {
    ...(DAYS > 0
      ? { occurredAt: new Date(START - ((EVENTS - i) * DAYS * 86_400_000) / EVENTS) }
      : {}),
    tenantId: i % 2 ? 'acme' : 'beta',
    action: 'order.status_changed',
    actor: { id: `u${i % 50}`, type: 'user' as const, name: `User ${i % 50}`, role: 'staff' },
    subject: { type: 'order', id: String(i), label: `Order #${i}` },
    refs: [{ type: 'customer', id: String(i % 997), label: `Customer ${i % 997}` }],
    changes: [{ path: 'status', before: 'new', after: 'paid' }],
    context: {
      ip: `10.0.${i % 7}.${i % 200}`,
      location: i % 3 ? 'north' : 'south',
      requestId: `req-${i}`,
    },
    metadata: { amount: i % 1000, currency: 'EUR' },
  };
}

/** Writes EVENTS events through the store's writer; returns events/s and the collection. */
async function writerRun(batchSize: number): Promise<{ rate: number; collection: string }> {
  const collection = fresh();
  const store = createActivityStore({
    client,
    dbName: database.databaseName,
    collection,
    journalDir,
    writer: { batchSize },
  });
  await store.ensureIndexes();
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    store.record(input(i));
    // Like a server between requests: let I/O run every 100 events.
    if (i % 100 === 99) await new Promise(setImmediate);
  }
  await store.flush();
  const seconds = (performance.now() - started) / 1000;
  const { written, failed } = store.metrics();
  if (written !== EVENTS || failed !== 0)
    throw new Error(`writer stored ${written}/${EVENTS}, failed ${failed}`);
  await store.close();
  return { rate: EVENTS / seconds, collection };
}

/** Raw `insertMany` of the given documents, `batchSize` at a time, into a fresh indexed collection. */
async function rawRun(docs: Document[], batchSize: number, indexesFrom: string): Promise<number> {
  const target = database.collection(fresh());
  const indexes = (await database.collection(indexesFrom).listIndexes().toArray()).filter(
    (ix) => ix.name !== '_id_',
  );
  await target.createIndexes(indexes.map(({ key, name }) => ({ key, name })));
  const started = performance.now();
  for (let i = 0; i < docs.length; i += batchSize) {
    await target.insertMany(docs.slice(i, i + batchSize), { ordered: false });
  }
  return docs.length / ((performance.now() - started) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const rows: string[] = [];
process.stderr.write(`ingest: ${EVENTS} events × ${RUNS} runs on ${db.engine}\n`);
for (const batchSize of BATCHES) {
  const writerRates: number[] = [];
  const rawRates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { rate, collection } = await writerRun(batchSize);
    writerRates.push(rate);
    const docs = await database.collection(collection).find().toArray();
    rawRates.push(await rawRun(docs, batchSize, collection));
    process.stderr.write('.');
  }
  const writer = median(writerRates);
  const raw = median(rawRates);
  rows.push(
    `| ${batchSize} | ${Math.round(raw)} | ${Math.round(writer)} | ${(writer / raw).toFixed(2)}× |`,
  );
}
process.stderr.write('\n');
process.stdout.write(
  [
    `Ingest of ${EVENTS} events, median of ${RUNS} runs, on ${db.engine} (${new Date().toISOString().slice(0, 10)}):`,
    '',
    '| batch size | raw insertMany (events/s) | ActivityKit writer (events/s) | writer / raw |',
    '| ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n'),
);
await database.dropDatabase();
await client.close();
await db.stop();
await rm(journalDir, { recursive: true, force: true });
