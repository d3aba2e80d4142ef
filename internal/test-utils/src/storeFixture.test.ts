import { access } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { TestDb } from './createTestDb.ts';
import { createStoreFixture, type TestStoreBase } from './storeFixture.ts';

// The fixture only names the database and hands its client on: no server is needed here (this
// package's tests run without one), so a named database and a client token stand in.
const testDb = {
  client: { token: 'client' },
  db: { databaseName: 'store_fixture' },
} as unknown as TestDb;

/** A stand-in for core's store: this package must not depend on core. */
function recordingStore(options: TestStoreBase & { label?: string }) {
  const calls: string[] = [];
  return {
    options,
    calls,
    ensureIndexes: async () => void calls.push('ensureIndexes'),
    close: async () => void calls.push('close'),
  };
}

describe('createStoreFixture', () => {
  let made: ReturnType<typeof recordingStore> | undefined;

  it('makes a store on its own collection and journal of the test database, indexes made', async () => {
    const { store, collection, journalDir } = await createStoreFixture(testDb, recordingStore, {
      label: 'x',
    });
    made = store;
    expect(store.options).toMatchObject({
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection,
      journalDir,
      writer: { flushIntervalMs: 10 },
      label: 'x',
    });
    const other = await createStoreFixture(testDb, recordingStore);
    expect(other.collection).not.toBe(collection);
    expect(store.calls).toEqual(['ensureIndexes']);
    await access(journalDir);
  });

  it('closed it and removed its journal when that test finished', async () => {
    expect(made?.calls).toEqual(['ensureIndexes', 'close']);
    await expect(access(made?.options.journalDir as string)).rejects.toThrow();
  });
});
