export { label, referenceStarts } from './bucketReference.ts';
export { cleanUp } from './cleanUp.ts';
export { createTestDb, type TestDb } from './createTestDb.ts';
export { type FlushableStore, flushedUntil } from './flushedUntil.ts';
export { listen } from './listen.ts';
export { runOnSources } from './runOnSources.ts';
export { type ClosableStore, createStoreFixture, type TestStoreBase } from './storeFixture.ts';
