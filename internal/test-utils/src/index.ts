export { cleanUp } from './cleanUp.ts';
export { createTestDb, type TestDb } from './createTestDb.ts';
export { type ClosableStore, createStoreFixture, type TestStoreBase } from './storeFixture.ts';
