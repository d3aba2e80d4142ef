import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp } from './cleanUp.ts';
import type { TestDb } from './createTestDb.ts';

/** What every test store is made with: its own collection and journal, writing every 10 ms. */
export interface TestStoreBase {
  client: TestDb['client'];
  dbName: string;
  collection: string;
  journalDir: string;
  writer: { flushIntervalMs: number };
}

/** A store as the fixture needs it: one whose indexes it makes and that it closes. */
export interface ClosableStore {
  ensureIndexes(): Promise<unknown>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A store on its own collection of the test file's database, with its own journal directory,
 * closed (and its journal removed) when the test — or, outside a test, the file — is done. The
 * store is made by `create` (core's `createActivityStore`), so this package needs no store of its
 * own; `options` override the base.
 *
 * @example
 * ```ts
 * const { store, collection } = await createStoreFixture(testDb, createActivityStore, { clock });
 * ```
 */
export async function createStoreFixture<TStore extends ClosableStore, TOptions>(
  testDb: TestDb,
  create: (options: TOptions) => TStore,
  options: Partial<TOptions> = {},
): Promise<{ store: TStore; collection: string; journalDir: string }> {
  counter += 1;
  const journalDir = await mkdtemp(join(tmpdir(), 'ak-store-journal-'));
  const collection = `events_${counter}`;
  const base: TestStoreBase = {
    client: testDb.client,
    dbName: testDb.db.databaseName,
    collection,
    journalDir,
    writer: { flushIntervalMs: 10 },
  };
  const store = create({ ...base, ...options } as TOptions);
  await store.ensureIndexes();
  cleanUp(async () => {
    await store.close();
    await rm(journalDir, { recursive: true, force: true });
  });
  return { store, collection, journalDir };
}
