export { createTestDb, type TestDb } from './createTestDb.ts';
export { cleanUp } from './cleanUp.ts';
