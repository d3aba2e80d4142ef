import {
  type ActivityStore,
  type ActivityStoreOptions,
  createActivityStore,
} from '@activitykit/core';
import type { ActivityEvent } from '@activitykit/schema';
import { createStoreFixture, type TestDb } from '@activitykit/test-utils';
import type { Document, Filter } from 'mongodb';

/** An event as the store keeps it in MongoDB (its id is `_id`). */
export type StoredEvent = Omit<ActivityEvent, 'id'> & { _id: string };

/**
 * A store on its own events collection of the test file's database (tenant `acme` by default),
 * and `events(filter)`: what it holds once its writer has written everything recorded so far.
 */
export async function createCaptureStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<{
  store: ActivityStore;
  events: (filter?: Filter<Document>) => Promise<StoredEvent[]>;
}> {
  const { store, collection } = await createStoreFixture(testDb, createActivityStore, {
    defaultTenantId: 'acme',
    ...options,
  });
  const events = async (filter: Filter<Document> = {}) => {
    await store.flush();
    return testDb.db
      .collection<StoredEvent>(collection)
      .find(filter as Filter<StoredEvent>)
      .sort({ _id: 1 })
      .toArray();
  };
  return { store, events };
}
