import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import {
  type ActivityEvent,
  type ActivityEventInput,
  type ActivityPage,
  type ActivityQueryInput,
  type ActivityScopeInput,
  type Actor,
  createActionRegistry,
  createCategoryRegistry,
  createIdGenerator,
  createRedactor,
  type RecordRef,
} from '@activitykit/schema';
import { type Document, MongoClient } from 'mongodb';
import { createStoreAnalytics, type StoreAnalytics } from './analytics/storeAnalytics.ts';
import { type BulkDeleteResult, bulkDelete } from './bulkDelete.ts';
import { ActivityError } from './errors.ts';
import type { CheckpointAnchor } from './integrity/anchor.ts';
import type { CheckpointDocument } from './integrity/checkpoint.ts';
import { loadPrivateKey, loadPublicKey } from './integrity/keys.ts';
import { type SealResult, sealOnce } from './integrity/sealer.ts';
import { type VerifyRange, type VerifyReport, verifyTenant } from './integrity/verify.ts';
import { type EventDocument, toDocument } from './internal/document.ts';
import { ensureEventIndexes, type IndexReport } from './internal/indexes.ts';
import { normalizeEvent } from './internal/normalize.ts';
import { type AddNoteInput, addNote } from './notes.ts';
import { type ActivityStoreOptions, DEFAULT_WRITER_SETTINGS } from './options.ts';
import { scopeClauses } from './query/buildFilter.ts';
import {
  createReader,
  parseQuery,
  parseScope,
  type Reader,
  type TimelineQueryInput,
} from './query/reader.ts';
import { claimRestore, type RestoreClaim, type RestoreOptions } from './restore.ts';
import { createRetention, type SweepResult } from './retention.ts';
import { createJournal } from './writer/journal.ts';
import type { WriterMetrics } from './writer/metrics.ts';
import { createWriter } from './writer/writer.ts';

/** Options of `store.record()`. */
export interface RecordOptions {
  /** Resolve only once the event is stored in MongoDB. Defaults to `false`. */
  durable?: boolean;
}

/** The activity store: record events, read them within a scope, keep and restore. */
export interface ActivityStore {
  /**
   * Records an event without waiting for MongoDB; returns it complete (id, time, description), or
   * `undefined` when capture is off for its subject type. Throws `INVALID_EVENT` for a malformed
   * event; store failures never reach the caller (see `onError`).
   */
  record(event: ActivityEventInput): ActivityEvent | undefined;
  /** Like `record`, resolving once the event is stored in MongoDB. */
  record(event: ActivityEventInput, options: { durable: true }): Promise<ActivityEvent | undefined>;
  record(
    event: ActivityEventInput,
    options?: RecordOptions,
  ): ActivityEvent | undefined | Promise<ActivityEvent | undefined>;
  /** A page of events matching `query`, within `scope`. */
  list(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<ActivityPage<ActivityEvent>>;
  /**
   * Every event a query finds within a scope, as an async iterable read through one server cursor —
   * for exports (`exportCsv(store.stream(query, scope))`).
   */
  stream: Reader['stream'];
  /** One event, if `scope` may see it (`NOT_FOUND` otherwise, without saying which). */
  get(id: string, scope: ActivityScopeInput): Promise<ActivityEvent>;
  /** One record's history: events whose subject or refs include it. */
  timeline(
    ref: Pick<RecordRef, 'type' | 'id'>,
    query: TimelineQueryInput,
    scope: ActivityScopeInput,
  ): Promise<ActivityPage<ActivityEvent>>;
  /**
   * Dashboard figures (SPEC §6) for the events a query finds within a scope: counts over time in the
   * viewer's time zone, by kind, category, action and outcome, the most active users, and sign-in
   * statistics.
   */
  stats: StoreAnalytics['stats'];
  /** Security signals among the events a query finds within a scope, most severe first. */
  securitySignals: StoreAnalytics['securitySignals'];
  /** Adds a note to a record's timeline, stamped with its author; read-only once written. */
  addNote(note: AddNoteInput, scope: ActivityScopeInput): Promise<ActivityEvent>;
  /** Restores the record a delete event removed, and records `<type>.restored`. */
  restore(
    eventId: string,
    scope: ActivityScopeInput,
    options: RestoreOptions,
  ): Promise<ActivityEvent>;
  /**
   * Deletes events within the scope (`canDelete`), by ids or by a query, if the store enables bulk
   * delete; records first who deleted which ids, so `verify` does not read it as tampering.
   */
  bulkDelete(
    target: { ids: string[] } | { query: ActivityQueryInput },
    scope: ActivityScopeInput,
    options: { actor: Actor },
  ): Promise<BulkDeleteResult>;
  /** Seals what is due now into signed checkpoints (needs `integrity.privateKey`). */
  seal(): Promise<SealResult>;
  /** Checks a tenant's events against its checkpoints with the public key (and the anchor). */
  verify(
    range: VerifyRange,
    options: { publicKey: string | KeyObject; anchor?: CheckpointAnchor },
  ): Promise<VerifyReport>;
  /** Deletes expired events (per-tenant retention) and records each sweep. */
  sweepExpired(options?: { now?: Date }): Promise<SweepResult>;
  /**
   * How the server runs the first page of a query (MongoDB's `explain`, `queryPlanner` verbosity):
   * for checking that a filter is answered by an index.
   */
  explain(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<Document>;
  /** Creates the indexes (also done on first use); reports whether the server keeps a TTL index. */
  ensureIndexes(): Promise<IndexReport>;
  /** Capture switches per subject type (seed 002: audit logging per record type). */
  readonly capture: {
    isEnabled(subjectType: string): boolean;
    set(subjectType: string, enabled: boolean): void;
  };
  /** Writer counters: queued, written, retried, spilled, replayed, failed, pending. */
  metrics(): WriterMetrics;
  /** Resolves once every event recorded so far is stored (or safe in the journal). */
  flush(): Promise<void>;
  /** Flushes, stops background work and closes the client the store opened. */
  close(): Promise<void>;
}

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

  const retention = createRetention(collection, options.retention ?? {});
  const journal = createJournal({ dir: resolve(options.journalDir ?? '.activitykit/journal') });
  const writer = createWriter({ collection, journal, settings, onError });
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
    filterOptions: () => ({ now: clock(), weekStartsOn: options.weekStartsOn ?? 1 }),
  });

  const analytics = createStoreAnalytics({
    collection,
    reader,
    clock,
    weekStartsOn: options.weekStartsOn ?? 1,
  });

  let indexes: Promise<IndexReport> | undefined;
  const ensureIndexes = () => {
    indexes ??= ensureEventIndexes(collection).catch((error: unknown) => {
      indexes = undefined;
      throw error;
    });
    return indexes;
  };
  // Start-up: indexes (retried: processes starting together on a fresh FerretDB may collide), then
  // whatever an earlier process left in the journal, which must not wait on the indexes.
  const startup = (async () => {
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
    stats: analytics.stats,
    securitySignals: analytics.securitySignals,
    addNote: (note, scope) => addNote(note, { scope: parseScope(scope), record: store.record }),
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
      const restored = await store.record(
        {
          tenantId: deleted.tenantId,
          action: `${subject.type}.restored`,
          kind: 'update',
          category: deleted.category,
          actor: restoreOptions.actor,
          subject,
          refs: [
            ...deleted.refs,
            { type: 'activity_event', id: deleted.id, label: deleted.action },
          ],
          metadata: { restoredFrom: deleted.id },
        },
        { durable: true },
      );
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
        maxEvents: options.bulkDelete.maxEvents ?? 100_000,
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
            subject: { type: 'activity_log', id: swept.tenantId, label: 'Activity log' },
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
      clearInterval(sweeper);
      clearInterval(sealer);
      await sealing?.catch(() => {});
      await startup;
      await writer.close();
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
  return store;
}

/** The database named in a connection string's path, if any. */
function uriDatabase(uri: string | undefined): string | undefined {
  const name = uri && /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
