import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp, type TestDb } from '@activitykit/test-utils';
import { type ActivityStore, type ActivityStoreOptions, createActivityStore } from '../index.ts';
import type { EventDocument } from '../internal/document.ts';

let counter = 0;

/**
 * A store on its own collection of the test file's database, with its own journal directory;
 * closed (and the journal removed) after the file's tests.
 */
export async function createTestStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<{
  store: ActivityStore;
  events: () => import('mongodb').Collection<EventDocument>;
  journalDir: string;
}> {
  counter += 1;
  const journalDir = await mkdtemp(join(tmpdir(), 'ak-store-journal-'));
  const collection = `events_${counter}`;
  const store = createActivityStore({
    client: testDb.client,
    dbName: testDb.db.databaseName,
    collection,
    journalDir,
    writer: { flushIntervalMs: 10 },
    ...options,
  } as ActivityStoreOptions);
  await store.ensureIndexes();
  cleanUp(async () => {
    await store.close();
    await rm(journalDir, { recursive: true, force: true });
  });
  return { store, events: () => testDb.db.collection<EventDocument>(collection), journalDir };
}
