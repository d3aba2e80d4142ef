import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { inject } from 'vitest';
import { cleanUp } from './cleanUp.ts';
import './providedContext.ts';

export interface TestDb {
  /** Connection string of the run's dev database. */
  uri: string;
  /** A connected client; closed after the file's tests. */
  client: MongoClient;
  /** This test file's own database; dropped after the file's tests. */
  db: Db;
}

/**
 * Gives the calling test file its own database on the run's dev database, dropped (and the client
 * closed) once the file's tests are done. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * const { db } = await createTestDb('writer');
 * it('stores an event', async () => {
 *   await db.collection('events').insertOne({ action: 'customer.created' });
 * });
 * ```
 */
export async function createTestDb(label = 'test'): Promise<TestDb> {
  const uri = inject('mongoUri');
  const client = await MongoClient.connect(uri);
  const name = `${label.replace(/[^a-zA-Z0-9]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const db = client.db(name);
  cleanUp(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });
  return { uri, client, db };
}
