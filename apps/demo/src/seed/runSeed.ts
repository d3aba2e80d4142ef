import { createActivityStore } from '@activitykit/core';
import type { MongoClient } from 'mongodb';
import { type DemoSealing, resetAnchor, storeIntegrity } from '../sealing.ts';
import { createProgressBar } from './progress.ts';
import { type SeedSummary, seedDemo } from './seedDemo.ts';

/** Options of {@link runSeed}. */
export interface RunSeedOptions {
  client: MongoClient;
  dbName: string;
  /** How many events. */
  events: number;
  /** How many days of history, ending now. Defaults to `90`. */
  days?: number;
  /** The writer's journal directory. */
  journalDir: string;
  /** Show a progress bar on stderr. Defaults to `true`. */
  progress?: boolean;
  /** Seal the seeded history with this key and anchor file, starting it afresh. Defaults to none. */
  sealing?: DemoSealing;
}

/** What {@link runSeed} wrote, and what it sealed (with `sealing`). */
export interface RunSeedSummary extends SeedSummary {
  sealed?: { checkpoints: number; events: number; ms: number };
}

/**
 * Drops the demo database and seeds it again through a store of its own (large batches), with a
 * progress bar on stderr; with `sealing`, then seals the whole history once, so that it shows as
 * sealed from the first page view (the server seals what comes after).
 */
export async function runSeed(options: RunSeedOptions): Promise<RunSeedSummary> {
  const db = options.client.db(options.dbName);
  await db.dropDatabase();
  const { sealing } = options;
  // The checkpoints went with the database: the new history starts a new chain, and a new anchor.
  if (sealing) await resetAnchor(sealing);
  const store = createActivityStore({
    client: options.client,
    dbName: options.dbName,
    journalDir: options.journalDir,
    writer: { batchSize: 1000, maxQueue: 50_000, flushIntervalMs: 50 },
    // Sealed once below, everything up to now (no writer on another host to wait for).
    ...(sealing && {
      integrity: storeIntegrity(sealing, { sealIntervalMs: false, sealDelayMs: 0 }),
    }),
  });
  const bar =
    options.progress === false
      ? undefined
      : createProgressBar('seeding events', { total: options.events });
  try {
    await store.ensureIndexes();
    const summary = await seedDemo({
      db,
      store,
      events: options.events,
      ...(options.days !== undefined && { days: options.days }),
      onProgress: (written) => bar?.update(written),
    }).finally(() => bar?.finish());
    if (!sealing) return summary;
    if (options.progress !== false) process.stderr.write('sealing the history…\n');
    const started = performance.now();
    const sealed = await store.seal();
    return { ...summary, sealed: { ...sealed, ms: Math.round(performance.now() - started) } };
  } finally {
    await store.close();
  }
}

/** `sealed 30,000 events into 16 checkpoints in 14.2 s`. */
export function sealedLine(sealed: { checkpoints: number; events: number; ms: number }): string {
  return `sealed ${sealed.events.toLocaleString('en')} events into ${sealed.checkpoints.toLocaleString('en')} checkpoints in ${(sealed.ms / 1000).toFixed(1)} s`;
}
