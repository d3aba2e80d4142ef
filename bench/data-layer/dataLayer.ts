/**
 * Data-layer capture benchmark: `updateOne`, `insertMany` and `updateMany` through a collection
 * wrapped by `captureCollection` against the plain driver, on the same server, in one run. Each run
 * times both on fresh collections seeded with the same documents (plain first in even runs, captured
 * first in odd ones); the figures are medians over the runs, the ratios medians of each run's
 * ratio. "calls" times the writes as the app awaits them; "stored" adds `store.flush()`, until
 * every event is in MongoDB; "capture alone" hands the events to a store that keeps nothing (what
 * the wrapper's reads and diffs cost, without the writer's inserts on the same server). Usage:
 *   pnpm --filter @activitykit/bench data-layer [--runs 5] [--updates 300] [--batches 20] [--many 1000]
 * Uses MONGODB_URI when set, else starts a dev database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ActivityStore, createActivityStore } from '@activitykit/core';
import { startDevDb } from '@activitykit/devdb';
import { captureCollection } from '@activitykit/mongodb';
import { type Collection, MongoClient, ObjectId } from 'mongodb';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    updates: { type: 'string', default: '300' },
    batches: { type: 'string', default: '20' },
    many: { type: 'string', default: '1000' },
  },
});
const RUNS = Number(values.runs);
const UPDATES = Number(values.updates);
const BATCHES = Number(values.batches);
const BATCH = 100;
const MANY = Number(values.many);

interface Customer {
  _id: ObjectId;
  name: string;
  email: string;
  address: { street: string; city: string; zip: string };
  tags: string[];
  status: string;
  visits: number;
  updatedAt: Date;
}

const customer = (i: number): Customer => ({
  _id: new ObjectId(),
  name: `Customer ${i}`,
  email: `customer${i}@example.test`,
  address: {
    street: `${i} Main St`,
    city: i % 2 ? 'Oslo' : 'Bergen',
    zip: String(1000 + (i % 900)),
  },
  tags: ['member', i % 3 ? 'north' : 'south'],
  status: 'active',
  visits: i % 17,
  updatedAt: new Date(Date.UTC(2026, 0, 1 + (i % 300))),
});

const db = await startDevDb();
const client = await MongoClient.connect(db.uri);
const database = client.db('bench_data_layer');
const journalDir = await mkdtemp(join(tmpdir(), 'ak-bench-journal-'));
const store = createActivityStore({
  client,
  dbName: database.databaseName,
  collection: 'events',
  journalDir,
  defaultTenantId: 'bench',
});
await store.ensureIndexes();
let collections = 0;

/** A fresh collection holding `count` customers. */
async function seeded(count: number): Promise<{ plain: Collection<Customer>; docs: Customer[] }> {
  const plain = database.collection<Customer>(`run_${++collections}`);
  const docs = Array.from({ length: count }, (_, i) => customer(i));
  if (docs.length > 0) await plain.insertMany(docs.map((doc) => ({ ...doc })));
  return { plain, docs };
}

type Scenario = (target: Collection<Customer>, docs: Customer[]) => Promise<number>;

const scenarios: { name: string; seed: number; ops: string; run: Scenario }[] = [
  {
    name: 'updateOne',
    seed: 1000,
    ops: `${UPDATES} updates of one document by _id`,
    run: async (target, docs) => {
      for (let i = 0; i < UPDATES; i++) {
        const doc = docs[(i * 7919) % docs.length] as Customer;
        await target.updateOne(
          { _id: doc._id },
          { $set: { 'address.city': `City ${i}`, updatedAt: new Date() }, $inc: { visits: 1 } },
        );
      }
      return UPDATES;
    },
  },
  {
    name: 'insertMany',
    seed: 0,
    ops: `${BATCHES} × insertMany of ${BATCH}`,
    run: async (target) => {
      for (let b = 0; b < BATCHES; b++) {
        await target.insertMany(Array.from({ length: BATCH }, (_, i) => customer(b * BATCH + i)));
      }
      return BATCHES * BATCH;
    },
  },
  {
    name: 'updateMany',
    seed: MANY,
    ops: `one updateMany of ${MANY} documents`,
    run: async (target) => {
      await target.updateMany(
        { status: 'active' },
        { $set: { status: 'archived', updatedAt: new Date() } },
      );
      return MANY;
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(run: () => Promise<number>, after?: () => Promise<unknown>) {
  const started = performance.now();
  const ops = await run();
  const calls = (performance.now() - started) / 1000;
  await after?.();
  const stored = (performance.now() - started) / 1000;
  return { calls: ops / calls, stored: ops / stored };
}

const rows: string[] = [];
process.stderr.write(`data-layer: ${RUNS} runs on ${db.engine}\n`);
for (const scenario of scenarios) {
  const plainRates: number[] = [];
  const callRates: number[] = [];
  const storedRates: number[] = [];
  const callRatios: number[] = [];
  const storedRatios: number[] = [];
  const bareRatios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const plainRun = await seeded(scenario.seed);
    const capturedRun = await seeded(scenario.seed);
    const wrapped = captureCollection(capturedRun.plain, { type: 'customer', store });
    const bareRun = await seeded(scenario.seed);
    // The capture alone: the same reads, diffs and events, handed to a store that keeps nothing.
    const bare = captureCollection(bareRun.plain, {
      type: 'customer',
      store: { record: (() => undefined) as unknown as ActivityStore['record'] },
    });
    const runPlain = async () =>
      (await timed(() => scenario.run(plainRun.plain, plainRun.docs))).calls;
    const runCaptured = () => timed(() => scenario.run(wrapped, capturedRun.docs), store.flush);
    // Plain first in even runs, captured first in odd ones: drift in the machine's load cancels.
    let plain: number;
    let captured: { calls: number; stored: number };
    if (run % 2 === 0) {
      plain = await runPlain();
      captured = await runCaptured();
    } else {
      captured = await runCaptured();
      plain = await runPlain();
    }
    const bareRate = (await timed(() => scenario.run(bare, bareRun.docs))).calls;
    bareRatios.push(bareRate / plain);
    plainRates.push(plain);
    callRates.push(captured.calls);
    storedRates.push(captured.stored);
    callRatios.push(captured.calls / plain);
    storedRatios.push(captured.stored / plain);
    await Promise.all([plainRun.plain.drop(), capturedRun.plain.drop(), bareRun.plain.drop()]);
    process.stderr.write('.');
  }
  rows.push(
    `| ${scenario.name} | ${scenario.ops} | ${Math.round(median(plainRates))} | ` +
      `${Math.round(median(callRates))} | ${median(callRatios).toFixed(2)}× | ` +
      `${Math.round(median(storedRates))} | ${median(storedRatios).toFixed(2)}× | ` +
      `${median(bareRatios).toFixed(2)}× |`,
  );
}
process.stderr.write('\n');
const { written, failed } = store.metrics();
process.stdout.write(
  [
    `Data-layer capture, median of ${RUNS} runs, on ${db.engine} (${new Date().toISOString().slice(0, 10)}); ` +
      `${written} events stored, ${failed} failed:`,
    '',
    '| write | what | plain (docs/s) | captured, calls (docs/s) | calls / plain | captured, events stored (docs/s) | stored / plain | capture alone / plain |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n'),
);
await store.close();
await database.dropDatabase();
await client.close();
await db.stop();
await rm(journalDir, { recursive: true, force: true });
