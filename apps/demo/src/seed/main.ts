/**
 * `pnpm demo:seed [--events N] [--days D]`: (re)creates the demo's data — users, customers, orders,
 * bookings, sales and months of activity history — on the demo's dev database
 * (`.activitykit/demo-db`, or `MONGODB_URI`), and seals the history with the demo's key (its
 * anchor file starts afresh). Stop a running `pnpm demo` first.
 */
import { parseArgs } from 'node:util';
import { startDevDb } from '@activitykit/devdb';
import { MongoClient } from 'mongodb';
import { DEMO_DB_DIR, DEMO_DB_NAME, DEMO_JOURNAL_DIR, DEMO_SEALING_DIR } from '../paths.ts';
import { loadSealing } from '../sealing.ts';
import { runSeed, sealedLine } from './runSeed.ts';
import { DEFAULT_SEED_EVENTS } from './seedDemo.ts';

const { values } = parseArgs({
  options: { events: { type: 'string' }, days: { type: 'string', default: '90' } },
  allowPositionals: false,
});
const events = values.events === undefined ? DEFAULT_SEED_EVENTS : Number(values.events);
const days = Number(values.days);
if (!Number.isInteger(events) || events < 100 || !Number.isInteger(days) || days < 1) {
  process.stderr.write(
    '--events must be a whole number of at least 100, --days one of at least 1\n',
  );
  process.exit(2);
}
const sealing = await loadSealing(DEMO_SEALING_DIR);
const devDb = await startDevDb({ dataDir: DEMO_DB_DIR });
const client = await MongoClient.connect(devDb.uri);
try {
  const summary = await runSeed({
    client,
    dbName: DEMO_DB_NAME,
    events,
    days,
    journalDir: DEMO_JOURNAL_DIR,
    sealing,
  });
  process.stdout.write(
    `seeded ${summary.events.toLocaleString('en')} events and ${summary.records.toLocaleString('en')} records in ${(summary.ms / 1000).toFixed(1)} s (${Math.round(summary.events / (summary.ms / 1000)).toLocaleString('en')} events/s)\n`,
  );
  if (summary.sealed) process.stdout.write(`${sealedLine(summary.sealed)}\n`);
} finally {
  await client.close();
  await devDb.stop();
}
