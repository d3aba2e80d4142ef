import { resolve } from 'node:path';
import {
  type ActivityEventInput,
  createActionRegistry,
  createCategoryRegistry,
  createIdGenerator,
  createRedactor,
} from '@activitykit/schema';
import type { ActivityStore, RecordOptions } from './activityStore.ts';
import { createStoreAnalytics } from './analytics/storeAnalytics.ts';
import { storeBulkDelete } from './bulkDelete.ts';
import { loadPrivateKey } from './integrity/keys.ts';
import { provenExplanation } from './integrity/proofs.ts';
import { createStoreIntegrity } from './integrity/storeIntegrity.ts';
import { toDocument } from './internal/document.ts';
import { normalizeEvent } from './internal/normalize.ts';
import { addNote } from './notes.ts';
import { type ActivityStoreOptions, DEFAULT_WRITER_SETTINGS } from './options.ts';
import { cursorKeySource } from './query/cursorKey.ts';
import { createLiveHub } from './query/liveHub.ts';
import { createReader } from './query/reader.ts';
import { parseQuery, parseScope } from './query/readInputs.ts';
import { recentEvents } from './query/recentEvents.ts';
import { serverProfileSource } from './query/server.ts';
import { suggestActors } from './query/suggestActors.ts';
import { watchEvents } from './query/watch.ts';
import { restoreDeleted } from './restore.ts';
import { createRetention, sweepAndRecord } from './retention.ts';
import type { BackfillDocument } from './rollups/backfill.ts';
import { createRollupReader } from './rollups/readRollups.ts';
import { createRollupWriter } from './rollups/rollupWriter.ts';
import { indexesOnce, runEvery, startUp } from './startup.ts';
import { storeCollections } from './storeCollections.ts';
import { storeStreams } from './streams/storeStreams.ts';
import { createViewerTokens } from './viewer/viewerTokens.ts';
import { connectedFirst, createConnection } from './writer/connection.ts';
import { createJournal } from './writer/journal.ts';
import { createWriter } from './writer/writer.ts';

export type { ActivityStore, RecordOptions };

/**
 * Creates the activity store over a MongoDB collection.
 *
 * @example
 * ```ts
 * const store = createActivityStore({ uri: process.env.MONGODB_URI!, defaultTenantId: 'acme' });
 * store.record({
 *   action: 'customer.created',
 *   actor: { id: 'u1', type: 'user', name: 'Alice', role: 'staff' },
 *   subject: { type: 'customer', id: '42', label: 'Bob Jones' },
 * });
 * const page = await store.list({ preset: 'today', timeZone: 'Europe/Moscow' }, { tenants: ['acme'] });
 * await store.close();
 * ```
 */
export function createActivityStore(options: ActivityStoreOptions): ActivityStore {
  const { client, ownsClient, database, collection, claims, rollupCollection, checkpoints } =
    storeCollections(options);
  const profile = serverProfileSource(database);
  const privateKey = options.integrity?.privateKey
    ? loadPrivateKey(options.integrity.privateKey)
    : undefined;
  const clock = options.clock ?? (() => new Date());
  const onError =
    options.onError ??
    ((error: unknown) => process.stderr.write(`[activitykit] ${String(error)}\n`));
  const settings = { ...DEFAULT_WRITER_SETTINGS, ...options.writer };
  if (settings.maxQueue < 2 * settings.batchSize) settings.maxQueue = 2 * settings.batchSize;
  // Connects in the background until MongoDB answers (the driver alone gives up for good when its
  // first connection fails), so a store may start before its database.
  const connection = createConnection({ client, retryMs: settings.probeIntervalMs, onError });

  const rollupWriter = createRollupWriter(rollupCollection, {
    timeoutMs: settings.insertTimeoutMs,
  });
  const retention = createRetention(collection, options.retention ?? {}, (docs) =>
    rollupWriter.apply(docs, -1),
  );
  const journal = createJournal({ dir: resolve(options.journalDir ?? '.activitykit/journal') });
  const rollups = createRollupReader(rollupCollection);
  const writer = createWriter({
    collection,
    journal,
    settings,
    onError,
    connect: connection.ensure,
    afterStored: (docs) => rollupWriter.apply(docs, 1),
    privateKey,
  });
  const captureSwitches = new Map(Object.entries(options.capture ?? {}));
  const normalizeDeps = {
    nextId: createIdGenerator(),
    clock,
    defaultTenantId: options.defaultTenantId,
    redactor: createRedactor(options.redaction),
    categories: createCategoryRegistry({ extra: options.categories }),
    actions: options.actions ?? createActionRegistry(),
    locale: options.locale ?? 'en',
    metadataMaxBytes: options.metadataMaxBytes ?? 16_384,
  };
  const reader = createReader({
    collection,
    profile,
    rollups,
    countersSettled: rollupWriter.idle,
    filterOptions: () => ({ now: clock(), weekStartsOn: options.weekStartsOn ?? 1 }),
    cursorKey: cursorKeySource({
      secret: options.cursorSecret,
      meta: database.collection(`${collection.collectionName}_meta`),
    }),
  });

  // One poller per store for every live watcher of this process.
  const hub = createLiveHub({ read: (request) => recentEvents(collection, request), clock });

  const analytics = createStoreAnalytics({
    collection,
    reader,
    clock,
    weekStartsOn: options.weekStartsOn ?? 1,
    rollups,
    countersSettled: rollupWriter.idle,
  });

  const integrity = createStoreIntegrity({
    events: collection,
    checkpoints,
    privateKey,
    options,
    clock,
    flush: writer.flush,
    profile,
    get: reader.get,
    connected: connection.ensure,
    knownTenants: rollups.tenants,
  });
  const viewerTokens = createViewerTokens({
    options: options.viewerTokens,
    revocations: database.collection(`${collection.collectionName}_viewer_revocations`),
    profile,
    clock,
  });
  const ensureIndexes = indexesOnce({ events: collection, rollups: rollupCollection, profile });
  const startup = startUp({
    ready: connection.ready,
    ensureIndexes,
    replayJournal: writer.replayJournal,
    backfill: {
      collection,
      meta: database.collection<BackfillDocument>(rollupCollection.collectionName),
      rollups: rollupWriter,
      clock,
    },
    onError,
  });

  function recordEvent(input: ActivityEventInput, recordOptions?: RecordOptions) {
    const type = input.subject?.type;
    if (type && captureSwitches.get(type) === false) {
      return recordOptions?.durable ? Promise.resolve(undefined) : undefined;
    }
    const event = normalizeEvent(input, normalizeDeps);
    const stored = writer.enqueue(
      toDocument(event, retention.expiresAt(event.tenantId, event.occurredAt)),
      recordOptions?.durable === true,
    );
    return stored ? stored.then(() => event) : event;
  }
  const record = recordEvent as ActivityStore['record'];
  /** The store's own records of deletions, signed with the sealing key so verify trusts them. */
  const recordExplanation = (input: ActivityEventInput, recordOptions: { durable: true }) =>
    record(provenExplanation(input, privateKey), recordOptions);

  const streams = storeStreams({
    database,
    events: collection,
    options: options.streams,
    clock,
    weekStartsOn: options.weekStartsOn ?? 1,
    record,
    makeEvent: (input) => normalizeEvent(input, normalizeDeps),
    ready: connection.ready,
    onError,
    unstoredFrom: writer.oldestUnstored,
  });

  const store: ActivityStore = {
    record,
    streams: streams.api,
    list: reader.list,
    stream: reader.stream,
    get: reader.get,
    timeline: reader.timeline,
    watch: (query, scope, watchOptions = {}) =>
      watchEvents(
        { hub, list: reader.list, clock, weekStartsOn: options.weekStartsOn ?? 1 },
        { query, scope, options: watchOptions },
      ),
    stats: analytics.stats,
    securitySignals: analytics.securitySignals,
    suggestActors: (query, scope) => suggestActors(collection, query, scope),
    addNote: (note, scope) => {
      const parsed = parseScope(scope);
      return addNote(note, {
        scope: parsed,
        record: store.record,
        tenantOfRecord: async (ref) =>
          (await reader.timeline(ref, { limit: 1 }, parsed)).items[0]?.tenantId,
      });
    },
    restore: (eventId, scope, restoreOptions) =>
      restoreDeleted(
        { eventId, scope, options: restoreOptions },
        { get: reader.get, claims, options, record },
      ),
    bulkDelete: storeBulkDelete({
      collection,
      settings: options.bulkDelete,
      mongoFilter: reader.mongoFilter,
      onDeleted: (docs) => rollupWriter.apply(docs, -1),
      record: recordExplanation,
    }),
    seal: integrity.seal,
    verify: integrity.verify,
    integrityStatus: integrity.integrityStatus,
    checkpointOf: integrity.checkpointOf,
    createViewerToken: viewerTokens.create,
    verifyViewerToken: viewerTokens.verify,
    revokeViewerToken: viewerTokens.revoke,
    sweepExpired: (sweepOptions) =>
      sweepAndRecord({ retention, clock, record: recordExplanation }, sweepOptions),
    async explain(queryInput, scopeInput) {
      const query = parseQuery(queryInput);
      const direction = query.sort === 'desc' ? -1 : 1;
      return collection
        .find(reader.mongoFilter(query, parseScope(scopeInput)))
        .sort({ occurredAt: direction, _id: direction })
        .limit(query.limit + 1)
        .explain('queryPlanner');
    },
    ensureIndexes,
    capture: {
      isEnabled: (subjectType) => captureSwitches.get(subjectType) !== false,
      set: (subjectType, enabled) => void captureSwitches.set(subjectType, enabled),
    },
    metrics: writer.metrics,
    flush: writer.flush,
    async close() {
      await streams.delivery?.stop();
      hub.close();
      rollupWriter.close();
      clearInterval(sweeper);
      clearInterval(sealer);
      connection.stop();
      await integrity.settled();
      await startup;
      await writer.close();
      connection.close();
      if (ownsClient) await client.close();
    },
  };

  const sealer = privateKey
    ? runEvery(options.integrity?.sealIntervalMs ?? 60_000, store.seal, onError)
    : undefined;
  const sweeper = runEvery(options.retention?.sweepIntervalMs, store.sweepExpired, onError);
  return connectedFirst(store, connection.ensure);
}
