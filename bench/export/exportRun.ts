/**
 * One export run of the export benchmark, in its own process so that its peak RSS is its own:
 *   node --conditions=@activitykit/source export/exportRun.ts --format csv --events 1000000 --out /tmp/x.csv
 * Prints one JSON line: format, events, seconds, rows/s, bytes, RSS at start and peak RSS (MiB).
 * `--source db` reads the events from MONGODB_URI (seeded by export.ts) instead of making them.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  type ActivityStore,
  createActivityStore,
  exportCsv,
  exportNdjson,
  exportPdf,
  iterateEvents,
} from '@activitykit/core';
import { type ActivityEvent, syntheticEvents } from './syntheticEvents.ts';

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'csv' },
    events: { type: 'string', default: '1000000' },
    source: { type: 'string', default: 'synthetic' },
    out: { type: 'string', default: '/dev/null' },
    collection: { type: 'string', default: 'bench_export' },
  },
});
const EVENTS = Number(values.events);
const MiB = (kib: number) => Math.round(kib / 1024);
const rssBefore = process.memoryUsage().rss / 1024;

let store: ActivityStore | undefined;
let events: AsyncIterable<ActivityEvent>;
if (values.source === 'db') {
  store = createActivityStore({
    uri: process.env.MONGODB_URI as string,
    dbName: 'bench_export',
    collection: values.collection,
    journalDir: '/tmp/ak-bench-export-journal',
  });
  events = iterateEvents(store, { scope: { tenants: '*' } });
} else {
  events = syntheticEvents(EVENTS);
}

let counted = 0;
async function* counting(source: AsyncIterable<ActivityEvent>): AsyncGenerator<ActivityEvent> {
  for await (const event of source) {
    counted += 1;
    yield event;
  }
}

function exportOf(format: string): Readable | undefined {
  const source = counting(events);
  if (format === 'csv') return exportCsv(source, { timeZone: 'Europe/Moscow', locale: 'ru' });
  if (format === 'ndjson') return exportNdjson(source);
  if (format === 'pdf') {
    return exportPdf(source, {
      title: 'Activity log',
      filters: 'after:2026-01-01',
      timeZone: 'Europe/Moscow',
      maxRows: EVENTS,
    });
  }
  return undefined;
}

const started = performance.now();
const stream = exportOf(values.format);
if (stream) await pipeline(stream, createWriteStream(values.out));
else for await (const _ of counting(events)); // `none`: the source alone, for comparison
const seconds = (performance.now() - started) / 1000;
await store?.close();

process.stdout.write(
  `${JSON.stringify({
    format: values.format,
    source: values.source,
    events: counted,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(counted / seconds),
    bytes: stream && values.out !== '/dev/null' ? (await stat(values.out)).size : 0,
    rssStartMiB: MiB(rssBefore),
    peakRssMiB: MiB(process.resourceUsage().maxRSS),
  })}\n`,
);
