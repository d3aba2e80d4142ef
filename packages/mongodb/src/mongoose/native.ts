import type { Collection, Document } from 'mongodb';
import type { Model } from 'mongoose';

/**
 * The driver collection under a model, for the capture's own reads: raw documents, so no
 * virtuals, getters, `select: false` or query middleware of other plugins.
 */
export async function nativeCollection(model: Model<unknown>): Promise<Collection<Document>> {
  const connection = model.db;
  if (connection.readyState !== 1 || !connection.db) await connection.asPromise();
  if (!connection.db) throw new Error('The Mongoose connection has no database; connect first.');
  return connection.db.collection(model.collection.collectionName);
}
