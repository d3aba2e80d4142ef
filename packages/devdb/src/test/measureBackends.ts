// Measures the embedded FerretDB on each backend: start times, insertMany of N event-like documents,
// a timeline read and a look-up by _id. A script, not a test: numbers for the README.
//
//   node --conditions=@activitykit/source packages/devdb/src/test/measureBackends.ts [events] [runs]
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Collection, MongoClient, ObjectId } from 'mongodb';
import pg from 'pg';
import { type DevDbEngine, type DevDbOptions, startDevDb } from '../index.ts';
import { defaultCacheDir } from '../internal/cacheDir.ts';
import { ensureFerretDbBinary } from '../internal/ferretdb.ts';

const EVENTS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 7);
const TENANTS = 4;
const CUSTOMERS = 200;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** A temporary directory that PostgreSQL's own user can enter when we run as root. */
async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o711);
  return dir;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

/** About 700 bytes of BSON each, shaped like the kit's stored events. */
function events(count: number) {
  const start = Date.UTC(2026, 8, 1);
  return Array.from({ length: count }, (_, i) => {
    const customer = i % CUSTOMERS;
    const occurredAt = new Date(start + i * 60_000);
    return {
      _id: new ObjectId(),
      id: `evt_${i.toString(36).padStart(8, '0')}`,
      tenantId: `t${i % TENANTS}`,
      occurredAt,
      day: occurredAt.toISOString().slice(0, 10),
      kind: ['create', 'update', 'delete', 'view'][i % 4],
      category: 'orders',
      action: 'order.updated',
      actor: {
        type: 'user',
        id: `u${i % 37}`,
        name: `User ${i % 37}`,
        email: `u${i % 37}@example.com`,
      },
      refs: [
        { type: 'customer', id: String(customer) },
        { type: 'order', id: String(i) },
      ],
      refKeys: [`customer:${customer}`, `order:${i}`],
      description: `User ${i % 37} updated order ${i} of customer ${customer}`,
      changes: [{ field: 'status', before: 'pending', after: 'paid' }],
      context: {
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
        requestId: `req-${i}`,
      },
    };
  });
}

type Events = ReturnType<typeof events>;

/** Medians of a timeline page (`{ tenantId, refKeys }` sorted by time, 51) and a look-up by `_id`. */
async function reads(coll: Collection, docs: Events) {
  const timeline: number[] = [];
  const byId: number[] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run++) {
    const customer = (run * 37) % CUSTOMERS;
    const [page, pageMs] = await timed(() =>
      coll
        .find({ tenantId: `t${customer % TENANTS}`, refKeys: `customer:${customer}` })
        .sort({ occurredAt: -1 })
        .limit(51)
        .toArray(),
    );
    rows = page.length;
    timeline.push(pageMs);
    const doc = docs[(run * 1_337) % docs.length];
    const [found, idMs] = await timed(() => coll.findOne({ _id: doc?._id }));
    if (found?.id !== doc?.id) throw new Error('findOne found the wrong document');
    byId.push(idMs);
  }
  return `timeline page (${rows} rows) ${ms(median(timeline))}; findOne by _id ${ms(median(byId))}`;
}

/** GIN indexes on the expressions FerretDB's pushed-down filters use, made through `postgresUrl`. */
async function createGinIndexes(postgresUrl: string) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT _jsonb->>'table' AS name FROM measure._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'events'`,
    );
    const table = `measure.${client.escapeIdentifier(rows[0]?.name ?? '')}`;
    for (const field of ['tenantId', 'refKeys']) {
      await client.query(`CREATE INDEX ON ${table} USING gin ((_jsonb->'${field}'))`);
    }
    await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
}

async function measure(engine: DevDbEngine, options: DevDbOptions, label: string) {
  const db = await startDevDb({ ...options, engine, log: () => {} });
  const client = await MongoClient.connect(db.uri);
  try {
    const coll = client.db('measure').collection('events');
    const docs = events(EVENTS);
    const [, insertMs] = await timed(() => coll.insertMany(docs, { ordered: false }));
    const rate = Math.round(EVENTS / (insertMs / 1000));
    say(`${engine} (${label}), ${EVENTS} events: insertMany ${ms(insertMs)} (${rate}/s)`);
    say(`  ${await reads(coll, docs)} (medians of ${RUNS})`);
    if (db.postgresUrl) {
      await createGinIndexes(db.postgresUrl);
      say(`  with GIN indexes on tenantId and refKeys: ${await reads(coll, docs)}`);
    }
  } finally {
    await client.close();
    await db.stop();
  }
}

/** A cache with the built FerretDB but no cached PostgreSQL cluster: the first start on a machine. */
async function coldCache(): Promise<string> {
  const built = await ensureFerretDbBinary({
    cacheDir: defaultCacheDir(),
    goBinary: undefined,
    log: () => {},
  });
  const cacheDir = await mkdtemp(join(tmpdir(), 'devdb-measure-cache-'));
  await mkdir(join(cacheDir, 'devdb'));
  await copyFile(built, join(cacheDir, 'devdb', basename(built)));
  return cacheDir;
}

async function startTimes(engine: DevDbEngine) {
  const work = await scratchDir('devdb-measure-');
  const cacheDir = engine === 'ferretdb-postgres' ? await coldCache() : defaultCacheDir();
  try {
    const kept = join(work, 'kept');
    const times: Record<string, number> = {};
    for (const [label, options] of [
      ['first start (initdb)', { dataDir: kept, cacheDir }],
      ['restart on its data', { dataDir: kept, cacheDir }],
      ['new data directory', { dataDir: join(work, 'new'), cacheDir }],
    ] as const) {
      const [db, took] = await timed(() => startDevDb({ ...options, engine, log: () => {} }));
      times[label] = took;
      const [, stopMs] = await timed(() => db.stop());
      times[`${label}: stop`] = stopMs;
    }
    return times;
  } finally {
    await rm(work, { recursive: true, force: true });
    if (cacheDir !== defaultCacheDir()) await rm(cacheDir, { recursive: true, force: true });
  }
}

for (const engine of ['ferretdb-postgres', 'ferretdb-sqlite'] as const) {
  say(`\n${engine}: start times`);
  for (const [label, took] of Object.entries(await startTimes(engine)))
    say(`  ${label}: ${ms(took)}`);
  for (const kept of [false, true]) {
    const dataDir = kept ? await scratchDir('devdb-measure-kept-') : undefined;
    try {
      await measure(engine, { dataDir }, kept ? 'kept data directory' : 'temporary data directory');
    } finally {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  }
}
