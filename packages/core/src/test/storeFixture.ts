import type { ActivityEventInput } from '@activitykit/schema';
import { createStoreFixture, type TestDb } from '@activitykit/test-utils';
import { type ActivityStore, type ActivityStoreOptions, createActivityStore } from '../index.ts';
import type { EventDocument } from '../internal/document.ts';

/**
 * A store on its own collection of the test file's database, with its own journal directory;
 * closed (and the journal removed) after the test or the file (test-utils' `createStoreFixture`).
 */
export async function createTestStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<{
  store: ActivityStore;
  events: () => import('mongodb').Collection<EventDocument>;
  journalDir: string;
}> {
  const { store, collection, journalDir } = await createStoreFixture(
    testDb,
    createActivityStore,
    options,
  );
  return { store, events: () => testDb.db.collection<EventDocument>(collection), journalDir };
}

/**
 * Records `inputs[0]` through `store` and `inputs[1]` through a second store on the same collection
 * (a second writer, as another process would be), and waits until both are stored.
 */
export async function recordByTwoWriters(
  testDb: TestDb,
  target: { store: ActivityStore; collection: string; journalDir: string },
  inputs: [ActivityEventInput[], ActivityEventInput[]],
): Promise<void> {
  const other = createActivityStore({
    client: testDb.client,
    dbName: testDb.db.databaseName,
    collection: target.collection,
    journalDir: target.journalDir,
    writer: { flushIntervalMs: 10 },
  });
  for (const input of inputs[0]) target.store.record(input);
  for (const input of inputs[1]) other.record(input);
  await Promise.all([target.store.flush(), other.flush()]);
  await other.close();
}
