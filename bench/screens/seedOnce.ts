/**
 * Seeds the screens benchmark's history once per database: through the real writer, timed (the
 * ingest rate), then a meta document marks it complete, with what the screens need to ask for (an
 * event id, a busy customer, the end of the history). A later run that asks for the same size on
 * the same server finds the meta document and reuses the data.
 */
import { createActivityStore } from '@activitykit/core';
import type { MongoClient } from 'mongodb';
import { screenEvents } from './screenEvents.ts';
import { writerShape } from './writerShape.ts';

/** What a complete seed left in `bench_meta`. */
export interface SeedInfo {
  events: number;
  /** The end of the history (ms): the screens' clock, so their periods match every run. */
  now: number;
  /** Seconds the writer took, and its rate in events/s. */
  seconds: number;
  rate: number;
  /** An event of `acme` from the middle of the history. */
  eventId: string;
  /** The `acme` customer with the most events. */
  customer: { type: string; id: string };
  seededAt: Date;
  /** What the writer that seeded stored (see `writerShape`). */
  writerShape: string;
}

/** Options of {@link seedOnce}. */
export interface SeedOnceOptions {
  client: MongoClient;
  dbName: string;
  events: number;
  journalDir: string;
  log: (line: string) => void;
  /** Seed again even when a complete seed of this size is there. Defaults to `false`. */
  reseed?: boolean;
}

const META = 'bench_meta';

/**
 * The seed of `dbName`: reused when complete at this size and made by a writer that stores what the
 * current one does, else written now (the database first dropped).
 */
export async function seedOnce(options: SeedOnceOptions): Promise<SeedInfo & { reused: boolean }> {
  const db = options.client.db(options.dbName);
  const meta = db.collection<SeedInfo & { _id: string }>(META);
  const found = await meta.findOne({ _id: 'seed' });
  const shape = await writerShape(options.client, options);
  if (found && found.events === options.events && !options.reseed) {
    if (found.writerShape === shape) return { ...found, reused: true };
    options.log(
      `seeding again: the writer now stores ${shape}\n  (the seed has ${found.writerShape})`,
    );
  }

  await db.dropDatabase();
  const store = createActivityStore({
    client: options.client,
    dbName: options.dbName,
    journalDir: options.journalDir,
  });
  await store.ensureIndexes();
  const now = Date.now();
  const perCustomer = new Map<string, number>();
  let eventId = '';
  const started = performance.now();
  let i = 0;
  for (const input of screenEvents({ total: options.events, now })) {
    const event = store.record(input);
    if (input.tenantId === 'acme') {
      for (const ref of input.refs ?? []) {
        if (ref.type === 'customer') perCustomer.set(ref.id, (perCustomer.get(ref.id) ?? 0) + 1);
      }
      if (!eventId && i >= options.events / 2 && event) eventId = event.id;
    }
    i += 1;
    // Like a server between requests: let I/O run; keep the queue well below its limit.
    if (i % 100 === 0) await new Promise(setImmediate);
    if (store.metrics().pending >= 10_000) await store.flush();
    if (i % Math.ceil(options.events / 10) === 0) {
      const { written } = store.metrics();
      const seconds = (performance.now() - started) / 1000;
      options.log(
        `seeding: ${written.toLocaleString('en')} of ${i.toLocaleString('en')} recorded events stored, ${Math.round(written / seconds)}/s`,
      );
    }
  }
  await store.flush();
  const seconds = (performance.now() - started) / 1000;
  const { written, failed } = store.metrics();
  await store.close();
  if (written !== options.events || failed !== 0) {
    throw new Error(`the writer stored ${written} of ${options.events} events (${failed} failed)`);
  }
  const [busiest] = [...perCustomer].sort((a, b) => b[1] - a[1]);
  const info: SeedInfo = {
    events: options.events,
    now,
    seconds,
    rate: options.events / seconds,
    eventId,
    customer: { type: 'customer', id: busiest?.[0] ?? 'acme-c0' },
    seededAt: new Date(),
    writerShape: shape,
  };
  await meta.replaceOne({ _id: 'seed' }, info, { upsert: true });
  return { ...info, reused: false };
}
