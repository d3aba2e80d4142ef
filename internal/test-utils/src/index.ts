export { createTestDb, type TestDb } from './createTestDb.ts';
