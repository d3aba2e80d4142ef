import { createActivityStore } from '@activitykit/core';
import type { MongoClient } from 'mongodb';
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
}

/**
 * Drops the demo database and seeds it again through a store of its own (large batches), with a
 * progress bar on stderr.
 */
export async function runSeed(options: RunSeedOptions): Promise<SeedSummary> {
  const db = options.client.db(options.dbName);
  await db.dropDatabase();
  const store = createActivityStore({
    client: options.client,
    dbName: options.dbName,
    journalDir: options.journalDir,
    writer: { batchSize: 1000, maxQueue: 50_000, flushIntervalMs: 50 },
  });
  const bar =
    options.progress === false
      ? undefined
      : createProgressBar('seeding events', { total: options.events });
  try {
    await store.ensureIndexes();
    return await seedDemo({
      db,
      store,
      events: options.events,
      ...(options.days !== undefined && { days: options.days }),
      onProgress: (written) => bar?.update(written),
    });
  } finally {
    bar?.finish();
    await store.close();
  }
}
