/**
 * Export benchmark: streams N realistic events to a file as CSV and NDJSON (and optionally PDF),
 * each format in its own process, and reports rows/s and peak RSS (`process.resourceUsage().maxRSS`).
 * A `none` run pulls the same events through without exporting, to show what the source costs.
 * Usage (from bench/):
 *   node --conditions=@activitykit/source export/export.ts [--events 1000000] [--formats none,csv,ndjson]
 *     [--pdf-events 20000] [--source synthetic|db] [--db-events 100000] [--keep]
 * `--source db` seeds --db-events events into the dev database (MONGODB_URI, else one is started)
 * and exports them through `iterateEvents` (store pages of 200).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createActivityStore } from '@activitykit/core';
import { startDevDb } from '@activitykit/devdb';
import { syntheticEvent } from './syntheticEvents.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    formats: { type: 'string', default: 'none,csv,ndjson' },
    'pdf-events': { type: 'string', default: '20000' },
    source: { type: 'string', default: 'synthetic' },
    'db-events': { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const run = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), 'ak-bench-export-'));
const fromDb = values.source === 'db';
const env: NodeJS.ProcessEnv = { ...process.env };
const db = fromDb ? await startDevDb() : undefined;

if (db) {
  env.MONGODB_URI = db.uri;
  const total = Number(values['db-events']);
  const store = createActivityStore({
    uri: db.uri,
    dbName: 'bench_export',
    collection: 'bench_export',
    journalDir: join(dir, 'journal'),
  });
  process.stderr.write(`seeding ${total} events on ${db.engine}…\n`);
  for (let i = 0; i < total; i++) {
    const { id: _, ...input } = syntheticEvent(i);
    store.record(input);
    if (i % 1000 === 999) await store.flush();
  }
  await store.close();
}

interface Result {
  format: string;
  events: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
  rssStartMiB: number;
  peakRssMiB: number;
}
const results: Result[] = [];
for (const format of values.formats.split(',')) {
  const events = format === 'pdf' ? values['pdf-events'] : values.events;
  const out = join(dir, `export.${format}`);
  const script = fileURLToPath(new URL('./exportRun.ts', import.meta.url));
  const args = [...process.execArgv, script, '--format', format, '--events', events, '--out', out];
  if (fromDb) args.push('--source', 'db');
  process.stderr.write(`${format}: ${fromDb ? 'from the database' : `${events} events`}…\n`);
  const { stdout } = await run(process.execPath, args, { env, maxBuffer: 1 << 20 });
  results.push(JSON.parse(stdout) as Result);
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
process.stdout.write(
  [
    `Export of ${fromDb ? 'events read from the database' : 'synthetic events'} to a file, ` +
      `Node ${process.versions.node} (${new Date().toISOString().slice(0, 10)}):`,
    '',
    '| format | events | seconds | rows/s | file (MB) | RSS at start (MiB) | peak RSS (MiB) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.format} | ${r.events} | ${r.seconds} | ${r.rowsPerSecond} | ${mb(r.bytes)} | ${r.rssStartMiB} | ${r.peakRssMiB} |`,
    ),
    '',
  ].join('\n'),
);
if (!values.keep) await rm(dir, { recursive: true, force: true });
else process.stderr.write(`files kept in ${dir}\n`);
await db?.stop();
