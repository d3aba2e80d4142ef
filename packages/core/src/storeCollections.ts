import { MongoClient } from 'mongodb';
import { ActivityError } from './errors.ts';
import type { CheckpointDocument } from './integrity/checkpoint.ts';
import type { EventDocument } from './internal/document.ts';
import type { ActivityStoreOptions } from './options.ts';
import type { RestoreClaim } from './restore.ts';
import type { RollupCollectionDocument } from './rollups/rollupDocument.ts';

/**
 * The client, database and collections of a store, without connecting: the events collection
 * (`options.collection`) and those named after it — `_restores`, `_rollups`, `_checkpoints`. Throws
 * `INVALID_OPTIONS` without `client` or `uri`; `ownsClient` says whether `close()` closes the client.
 */
export function storeCollections(options: ActivityStoreOptions) {
  const ownsClient = !options.client;
  if (!options.client && !options.uri) {
    throw new ActivityError(
      'INVALID_OPTIONS',
      'createActivityStore needs { client } (your MongoClient) or { uri }.',
    );
  }
  const client =
    options.client ??
    new MongoClient(options.uri as string, { serverSelectionTimeoutMS: 2000, retryWrites: true });
  const database = client.db(options.dbName ?? uriDatabase(options.uri) ?? 'activitykit');
  const collection = database.collection<EventDocument>(options.collection ?? 'activity_events');
  const name = collection.collectionName;
  return {
    client,
    ownsClient,
    database,
    collection,
    claims: database.collection<RestoreClaim>(`${name}_restores`),
    rollupCollection: database.collection<RollupCollectionDocument>(`${name}_rollups`),
    checkpoints: database.collection<CheckpointDocument>(`${name}_checkpoints`),
  };
}

/** The database named in a connection string's path, if any. */
function uriDatabase(uri: string | undefined): string | undefined {
  const name = uri && /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
