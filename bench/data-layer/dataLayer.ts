/**
 * Data-layer capture benchmark: `updateOne`, `insertMany` and `updateMany` through a collection
 * wrapped by `captureCollection` against the plain driver, on the same server, in one run. In each
 * run three variants take turns step by step (one update, one batch, one updateMany; the order
 * rotating every step) on their own fresh collections of the same documents, so the changing load
 * of a shared machine falls on all three alike: the plain driver; the capture alone (its reads,
 * diffs and events handed to a store that keeps nothing); and the capture with a real store, timed
 * as the app awaits its writes and again with `store.flush()` until every event is stored.
 * Rates are medians over the runs, ratios medians of each run's ratio to plain. Usage:
 *   pnpm --filter @activitykit/bench data-layer [--runs 5] [--updates 300] [--batches 20]
 *     [--many 1000] [--many-steps 4]
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
    'many-steps': { type: 'string', default: '4' },
  },
});
const RUNS = Number(values.runs);
const UPDATES = Number(values.updates);
const BATCHES = Number(values.batches);
const BATCH = 100;
const MANY = Number(values.many);
const MANY_STEPS = Number(values['many-steps']);

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

/** One step of a scenario on one collection: the documents it wrote. */
type Step = (target: Collection<Customer>, docs: Customer[], step: number) => Promise<number>;

const STATUSES = ['active', 'archived'];
const scenarios: { name: string; seed: number; steps: number; ops: string; step: Step }[] = [
  {
    name: 'updateOne',
    seed: 1000,
    steps: UPDATES,
    ops: `${UPDATES} updates of one document by _id`,
    step: async (target, docs, i) => {
      const doc = docs[(i * 7919) % docs.length] as Customer;
      await target.updateOne(
        { _id: doc._id },
        { $set: { 'address.city': `City ${i}`, updatedAt: new Date() }, $inc: { visits: 1 } },
      );
      return 1;
    },
  },
  {
    name: 'insertMany',
    seed: 0,
    steps: BATCHES,
    ops: `${BATCHES} × insertMany of ${BATCH}`,
    step: async (target, _docs, b) => {
      await target.insertMany(Array.from({ length: BATCH }, (_, i) => customer(b * BATCH + i)));
      return BATCH;
    },
  },
  {
    name: 'updateMany',
    seed: MANY,
    steps: MANY_STEPS,
    ops: `${MANY_STEPS} × updateMany of ${MANY} documents`,
    step: async (target, _docs, i) => {
      const result = await target.updateMany(
        { status: STATUSES[i % 2] as string },
        { $set: { status: STATUSES[(i + 1) % 2] as string, updatedAt: new Date() } },
      );
      return result.modifiedCount;
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const VARIANTS = ['plain', 'alone', 'captured'] as const;
type Variant = (typeof VARIANTS)[number];
/** A store that keeps nothing: the capture's own reads, diffs and events, without the writer. */
const nowhere = { record: (() => undefined) as unknown as ActivityStore['record'] };

/**
 * One run: the three variants step by step in turn (the order rotating every step), so that the
 * machine's changing load falls on all of them alike. Answers docs/s per variant, and the captured
 * one again with `store.flush()` at the end (every event stored).
 */
async function runOnce(scenario: (typeof scenarios)[number]) {
  const targets = {} as Record<Variant, { collection: Collection<Customer>; docs: Customer[] }>;
  for (const variant of VARIANTS) {
    const { plain, docs } = await seeded(scenario.seed);
    const collection =
      variant === 'plain'
        ? plain
        : captureCollection(plain, {
            type: 'customer',
            store: variant === 'alone' ? nowhere : store,
          });
    targets[variant] = { collection, docs };
  }
  const seconds = { plain: 0, alone: 0, captured: 0 };
  const written = { plain: 0, alone: 0, captured: 0 };
  for (let i = 0; i < scenario.steps; i++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(i + k) % VARIANTS.length] as Variant;
      const started = performance.now();
      written[variant] += await scenario.step(
        targets[variant].collection,
        targets[variant].docs,
        i,
      );
      seconds[variant] += (performance.now() - started) / 1000;
    }
  }
  const flushStarted = performance.now();
  await store.flush();
  const flushSeconds = (performance.now() - flushStarted) / 1000;
  await Promise.all(VARIANTS.map((variant) => targets[variant].collection.drop()));
  return {
    plain: written.plain / seconds.plain,
    alone: written.alone / seconds.alone,
    captured: written.captured / seconds.captured,
    stored: written.captured / (seconds.captured + flushSeconds),
  };
}

const rows: string[] = [];
process.stderr.write(`data-layer: ${RUNS} runs on ${db.engine}\n`);
for (const scenario of scenarios) {
  const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
  for (let run = 0; run < RUNS; run++) {
    runs.push(await runOnce(scenario));
    process.stderr.write('.');
  }
  const rate = (key: keyof (typeof runs)[number]) => median(runs.map((each) => each[key]));
  const ratio = (key: keyof (typeof runs)[number]) =>
    `${median(runs.map((each) => each[key] / each.plain)).toFixed(2)}×`;
  rows.push(
    `| ${scenario.name} | ${scenario.ops} | ${Math.round(rate('plain'))} | ` +
      `${Math.round(rate('alone'))} | ${ratio('alone')} | ${Math.round(rate('captured'))} | ` +
      `${ratio('captured')} | ${Math.round(rate('stored'))} | ${ratio('stored')} |`,
  );
}
process.stderr.write('\n');
const { written, failed } = store.metrics();
process.stdout.write(
  [
    `Data-layer capture, median of ${RUNS} runs, on ${db.engine} (${new Date().toISOString().slice(0, 10)}); ` +
      `${written} events stored, ${failed} failed:`,
    '',
    '| write | what | plain (docs/s) | capture alone (docs/s) | alone / plain | captured (docs/s) | captured / plain | captured, events stored (docs/s) | stored / plain |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n'),
);
await store.close();
await database.dropDatabase();
await client.close();
await db.stop();
await rm(journalDir, { recursive: true, force: true });
