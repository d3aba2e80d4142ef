import { resolve } from 'node:path';
import {
  type ActivityEvent,
  type ActivityEventInput,
  createActionRegistry,
  createCategoryRegistry,
  createIdGenerator,
  createRedactor,
  type RecordRef,
} from '@activitykit/schema';
import { MongoClient } from 'mongodb';
import type { ActivityStore, RecordOptions } from './activityStore.ts';
import { createStoreAnalytics } from './analytics/storeAnalytics.ts';
import { bulkDelete } from './bulkDelete.ts';
import { ActivityError } from './errors.ts';
import type { CheckpointDocument } from './integrity/checkpoint.ts';
import { loadPrivateKey, loadPublicKey } from './integrity/keys.ts';
import { type SealResult, sealOnce } from './integrity/sealer.ts';
import { verifyTenant } from './integrity/verify.ts';
import { type EventDocument, toDocument } from './internal/document.ts';
import {
  ensureEventIndexes,
  ensureIndexes as ensureMissingIndexes,
  type IndexReport,
  rollupIndexes,
} from './internal/indexes.ts';
import { normalizeEvent } from './internal/normalize.ts';
import { addNote } from './notes.ts';
import { type ActivityStoreOptions, DEFAULT_WRITER_SETTINGS } from './options.ts';
import { scopeClauses } from './query/buildFilter.ts';
import { cursorKeySource } from './query/cursorKey.ts';
import { createLiveHub } from './query/liveHub.ts';
import { createReader, parseQuery, parseScope } from './query/reader.ts';
import { recentEvents } from './query/recentEvents.ts';
import { serverProfileSource } from './query/server.ts';
import { suggestActors } from './query/suggestActors.ts';
import { watchEvents } from './query/watch.ts';
import { claimRestore, type RestoreClaim, restoredEvent } from './restore.ts';
import { createRetention } from './retention.ts';
import { type BackfillDocument, backfillRollups } from './rollups/backfill.ts';
import { createRollupReader } from './rollups/readRollups.ts';
import type { RollupCollectionDocument } from './rollups/rollupDocument.ts';
import { createRollupWriter } from './rollups/rollupWriter.ts';
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
  const claims = database.collection<RestoreClaim>(`${collection.collectionName}_restores`);
  const rollupCollection = database.collection<RollupCollectionDocument>(
    `${collection.collectionName}_rollups`,
  );
  const profile = serverProfileSource(database);
  const checkpoints = database.collection<CheckpointDocument>(
    `${collection.collectionName}_checkpoints`,
  );
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

  let indexes: Promise<IndexReport> | undefined;
  const ensureIndexes = () => {
    indexes ??= (async () => {
      const server = await profile();
      await ensureMissingIndexes(rollupCollection, rollupIndexes(server));
      return ensureEventIndexes(collection, server);
    })().catch((error: unknown) => {
      indexes = undefined;
      throw error;
    });
    return indexes;
  };
  // Start-up: indexes (retried: processes starting together on a fresh FerretDB may collide), then
  // whatever an earlier process left in the journal, which must not wait on the indexes. All once
  // MongoDB first answers, however late that is.
  const startup = (async () => {
    if (!(await connection.ready())) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureIndexes();
        break;
      } catch (error) {
        if (attempt === 3) {
          onError(
            new ActivityError(
              'NOT_STORED',
              `Creating the activity indexes failed: ${String(error)}`,
              { cause: error },
            ),
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
    await writer.replayJournal();
    await backfillRollups({
      collection,
      meta: database.collection<BackfillDocument>(rollupCollection.collectionName),
      rollups: rollupWriter,
      clock,
    });
  })().catch(onError);

  let sweeper: NodeJS.Timeout | undefined;
  let sealer: NodeJS.Timeout | undefined;
  let sealing: Promise<SealResult> | undefined;
  const sweepEvery = options.retention?.sweepIntervalMs;

  function record(input: ActivityEventInput, recordOptions?: RecordOptions) {
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

  const store: ActivityStore = {
    record: record as ActivityStore['record'],
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
    async restore(eventId, scopeInput, restoreOptions) {
      const scope = parseScope(scopeInput);
      if (!scope.canRestore) {
        throw new ActivityError(
          'FORBIDDEN',
          'This scope may not restore records (canRestore is false).',
        );
      }
      const deleted = await reader.get(eventId, scope);
      const restorers = { ...options.restorers, ...restoreOptions.restorers };
      const restorer = await claimRestore(deleted, {
        restorers,
        claims,
        actor: restoreOptions.actor,
      });
      const subject = deleted.subject as RecordRef;
      try {
        await restorer(deleted.snapshot ?? {}, deleted);
      } catch (error) {
        await claims.deleteOne({ _id: deleted.id });
        throw new ActivityError(
          'RESTORE_FAILED',
          `Restoring ${subject.type} ${subject.id} failed: ${String(error)}`,
          {
            cause: error,
          },
        );
      }
      const restored = await store.record(restoredEvent(deleted, restoreOptions), {
        durable: true,
      });
      return restored as ActivityEvent;
    },
    async bulkDelete(target, scopeInput, deleteOptions) {
      if (!options.bulkDelete?.enabled) {
        throw new ActivityError(
          'DISABLED',
          'Bulk delete is off for this store; enable it with bulkDelete: { enabled: true }.',
        );
      }
      const scope = parseScope(scopeInput);
      const filter =
        'query' in target ? reader.mongoFilter(parseQuery(target.query), scope) : undefined;
      const clauses = scopeClauses(scope);
      return bulkDelete(filter ? { filter } : { ids: (target as { ids: string[] }).ids }, {
        collection,
        scope,
        scopeFilter: clauses.length > 0 ? { $and: clauses } : {},
        actor: deleteOptions.actor,
        context: deleteOptions.context,
        maxEvents: options.bulkDelete.maxEvents ?? 100_000,
        onDeleted: (docs) => rollupWriter.apply(docs, -1),
        record: store.record,
      });
    },
    seal() {
      if (!privateKey) {
        return Promise.reject(
          new ActivityError(
            'INVALID_KEY',
            'This store has no sealing key; pass integrity: { privateKey }.',
          ),
        );
      }
      const key = privateKey;
      sealing ??= (async () => {
        await writer.flush();
        await checkpoints.createIndex({ tenantId: 1, seq: 1 }, { name: 'tenant_seq' });
        return sealOnce({
          events: collection,
          checkpoints,
          privateKey: key,
          anchor: options.integrity?.anchor,
          delayMs: options.integrity?.sealDelayMs ?? 120_000,
          maxEntries: options.integrity?.maxEntries ?? 2000,
          clock,
        });
      })().finally(() => {
        sealing = undefined;
      });
      return sealing;
    },
    async verify(range, verifyOptions) {
      if (!range || typeof range.tenantId !== 'string' || !range.tenantId) {
        throw new ActivityError(
          'INVALID_QUERY',
          'verify needs the tenant to check: { tenantId: "acme" }.',
        );
      }
      const anchor = verifyOptions.anchor ?? options.integrity?.anchor;
      return verifyTenant(range, {
        events: collection,
        checkpoints,
        publicKey: loadPublicKey(verifyOptions.publicKey),
        anchored: anchor?.read ? await anchor.read(range.tenantId) : undefined,
      });
    },
    async sweepExpired(sweepOptions) {
      const result = await retention.sweep(sweepOptions?.now ?? clock());
      for (const swept of result.tenants) {
        await store.record(
          {
            tenantId: swept.tenantId,
            action: 'retention.swept',
            kind: 'delete',
            category: 'system',
            subject: { type: 'activity_log', id: swept.tenantId },
            metadata: {
              deleted: swept.deleted,
              before: swept.before.toISOString(),
              days: swept.days,
            },
          },
          { durable: true },
        );
      }
      return result;
    },
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
      hub.close();
      rollupWriter.close();
      clearInterval(sweeper);
      clearInterval(sealer);
      connection.stop();
      await sealing?.catch(() => {});
      await startup;
      await writer.close();
      connection.close();
      if (ownsClient) await client.close();
    },
  };

  const sealEvery = options.integrity?.sealIntervalMs ?? 60_000;
  if (privateKey && typeof sealEvery === 'number' && sealEvery > 0) {
    sealer = setInterval(() => void store.seal().catch(onError), sealEvery);
    sealer.unref();
  }
  if (typeof sweepEvery === 'number' && sweepEvery > 0) {
    sweeper = setInterval(() => void store.sweepExpired().catch(onError), sweepEvery);
    sweeper.unref();
  }
  return connectedFirst(store, connection.ensure);
}

/** The database named in a connection string's path, if any. */
function uriDatabase(uri: string | undefined): string | undefined {
  const name = uri && /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
