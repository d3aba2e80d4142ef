export { cleanUp } from './cleanUp.ts';
export { createTestDb, type TestDb } from './createTestDb.ts';
