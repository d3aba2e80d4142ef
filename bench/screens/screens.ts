/**
 * Screens benchmark: replays what the UI asks the store for each screen (log pages, filters, an
 * event, a timeline, analytics) against a dev database holding N realistic events, and reports the
 * median, p90 and cold time of each screen and the number of database commands it sends (driver
 * command monitoring). The events are seeded once per size through the real writer (the ingest
 * rate is reported) and kept in the data directory for later runs. Usage (from bench/):
 *   pnpm screens [--events 10000] [--runs 7] [--timeout 120] [--budget 300] [--data-dir DIR]
 *     [--engine auto|ferretdb-postgres|ferretdb-sqlite] [--only "filter"] [--label before]
 *     [--reseed]
 * Uses MONGODB_URI when set (engine auto), else an embedded dev database in --data-dir (default: a
 * folder in the system's temporary directory). Results: the table on stdout and
 * screens/results/<engine>-<events>[-<label>].json.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type DevDbEngineChoice, startDevDb } from '@activitykit/devdb';
import { MongoClient } from 'mongodb';
import { measureScreen, type ScreenResult } from './measureScreen.ts';
import { markdownTable, type ScreensReport, writeReport } from './report.ts';
import { SCREENS, type ScreenContext } from './screenList.ts';
import { seedOnce } from './seedOnce.ts';
import { openSession } from './session.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '7' },
    timeout: { type: 'string', default: '120' },
    budget: { type: 'string', default: '300' },
    'data-dir': { type: 'string', default: join(tmpdir(), 'activitykit-bench-screens') },
    engine: { type: 'string', default: 'auto' },
    only: { type: 'string' },
    machine: { type: 'string', default: 'a shared 2-core machine' },
    label: { type: 'string' },
    reseed: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);
if (!Number.isInteger(EVENTS) || EVENTS < 100 || !Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write('--events needs a whole number ≥ 100 and --runs one ≥ 1\n');
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`${line}\n`);

const db = await startDevDb({
  dataDir: values['data-dir'],
  engine: values.engine as DevDbEngineChoice,
});
log(`database: ${db.engine}${db.dataDir ? ` in ${db.dataDir} (kept for later runs)` : ''}`);
const journalDir = await mkdtemp(join(tmpdir(), 'ak-bench-screens-journal-'));
const dbName = `bench_screens_${EVENTS}`;
const client = await MongoClient.connect(db.uri);
const engine = db.engine === 'external' ? await serverName(client) : db.engine;
const seed = await seedOnce({
  client,
  dbName,
  events: EVENTS,
  journalDir,
  log,
  reseed: values.reseed,
});
await client.close();
log(
  seed.reused
    ? `reusing ${EVENTS} events seeded ${seed.seededAt.toISOString()} (${Math.round(seed.rate)} events/s then)`
    : `seeded ${EVENTS} events in ${seed.seconds.toFixed(1)} s: ${Math.round(seed.rate)} events/s`,
);

const timeoutMs = Number(values.timeout) * 1000;
const sessionOptions = { uri: db.uri, dbName, journalDir, now: seed.now };
let session = await openSession(sessionOptions);
const context: Omit<ScreenContext, 'store'> = { seed };
const screens: ScreenResult[] = [];
for (const screen of SCREENS) {
  if (values.only && !screen.name.includes(values.only)) continue;
  log(`${screen.name}…`);
  const result = await measureScreen(screen, {
    runs: RUNS,
    timeoutMs,
    budgetMs: Number(values.budget) * 1000,
    session,
    context,
  });
  screens.push(result);
  const { name: _, ...figures } = result;
  log(`  ${JSON.stringify(figures)}`);
  if (result.timedOutAfterMs) {
    // The hung operation may still run on the server; a new client leaves it behind.
    await session.close();
    session = await openSession(sessionOptions);
  }
}
await session.close();

const report: ScreensReport = {
  engine,
  events: EVENTS,
  ingest: { rate: seed.rate, seconds: seed.seconds, reused: seed.reused },
  runs: RUNS,
  timeoutMs,
  date: new Date().toISOString().slice(0, 10),
  node: process.versions.node,
  machine: values.machine,
  ...(values.label && { label: values.label }),
  screens,
};
const name = [engine, EVENTS, values.label].filter(Boolean).join('-');
const file = fileURLToPath(new URL(`./results/${name}.json`, import.meta.url));
await writeReport(file, report);
process.stdout.write(markdownTable(report));
log(`written to ${file}`);
await db.stop();
await rm(journalDir, { recursive: true, force: true });
// A screen abandoned after its timeout may still hold the event loop.
process.exit(0);

/** `mongodb-8.0.4`, or `ferretdb-1.24.0` for a FerretDB behind MONGODB_URI. */
async function serverName(client: MongoClient): Promise<string> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  const ferret = info.ferretdb as { version?: string } | undefined;
  return ferret ? `ferretdb-${ferret.version ?? 'unknown'}` : `mongodb-${String(info.version)}`;
}
