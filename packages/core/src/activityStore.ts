import type { KeyObject } from 'node:crypto';
import type {
  ActivityEvent,
  ActivityEventInput,
  ActivityPage,
  ActivityQueryInput,
  ActivityScopeInput,
  ActorSuggestion,
  ActorSuggestionQueryInput,
  CheckpointSummary,
  IntegrityStatus,
} from '@activitykit/schema';
import type { Document } from 'mongodb';
import type { StoreAnalytics } from './analytics/storeAnalytics.ts';
import type { BulkDeleteOptions, BulkDeleteResult } from './bulkDelete.ts';
import type { CheckpointAnchor } from './integrity/anchor.ts';
import type { SealResult } from './integrity/sealer.ts';
import type { VerifyRange, VerifyReport } from './integrity/verify.ts';
import type { IndexReport } from './internal/indexes.ts';
import type { AddNoteInput } from './notes.ts';
import type { Reader } from './query/reader.ts';
import type { WatchOptions, WatchScope } from './query/watch.ts';
import type { RestoreOptions } from './restore.ts';
import type { SweepResult } from './retention.ts';
import type { ActivityStreams } from './streams/createStreams.ts';
import type { CreateViewerTokenInput, ViewerAccess, ViewerToken } from './viewer/viewerTokens.ts';
import type { WriterMetrics } from './writer/metrics.ts';

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
  /**
   * New events matching `query` within `scope`, as they are stored by any process — for live
   * views (an SSE stream, a subscription). Resumes after `options.after`; ends with
   * `options.signal`. `scope` may be a function, asked again before every poll.
   */
  watch(
    query: ActivityQueryInput,
    scope: WatchScope,
    options?: WatchOptions,
  ): AsyncGenerator<ActivityEvent>;
  /** One event, if `scope` may see it (`NOT_FOUND` otherwise, without saying which). */
  get(id: string, scope: ActivityScopeInput): Promise<ActivityEvent>;
  /**
   * One record's history — `timeline(ref, query, scope)` — events whose subject or refs include it,
   * paged like `list`.
   */
  timeline: Reader['timeline'];
  /**
   * Dashboard figures (SPEC §6) for the events a query finds within a scope: counts over time in the
   * viewer's time zone, by kind, category, action and outcome, the most active users, and sign-in
   * statistics.
   */
  stats: StoreAnalytics['stats'];
  /** Security signals among the events a query finds within a scope, most severe first. */
  securitySignals: StoreAnalytics['securitySignals'];
  /**
   * Actors within `scope` whose name (or a word of it), e-mail or id starts with `prefix`, ignoring
   * case — for suggestions as a reader types a user filter. Reads the newest 2,000 matching events
   * at most; never names an actor of a tenant (or role) outside the scope.
   *
   * @example
   * ```ts
   * await store.suggestActors({ prefix: 'tom', limit: 5 }, { tenants: ['acme'] });
   * // [{ id: 'u-7', type: 'user', name: 'Tom Hanks', email: 'tom@acme.test', value: 'tom@acme.test' }]
   * ```
   */
  suggestActors(
    query: ActorSuggestionQueryInput,
    scope: ActivityScopeInput,
  ): Promise<ActorSuggestion[]>;
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
    options: BulkDeleteOptions,
  ): Promise<BulkDeleteResult>;
  /** Seals what is due now into signed checkpoints (needs `integrity.privateKey`). */
  seal(): Promise<SealResult>;
  /** Checks a tenant's events against its checkpoints with the public key (and the anchor). */
  verify(
    range: VerifyRange,
    options: { publicKey: string | KeyObject; anchor?: CheckpointAnchor },
  ): Promise<VerifyReport>;
  /**
   * How far each tenant of `scope` is sealed: its newest checkpoint (without its entries) and how
   * many events were stored after it. `'*'` lists every tenant with events or checkpoints;
   * `sealing` and `canVerify` say whether this store has a sealing key. On FerretDB the count reads
   * by UTC day (equality only): events stored after the seal with an `occurredAt` before the last
   * sealed id's day, or after today, are not counted there.
   *
   * @example
   * ```ts
   * const status = await store.integrityStatus({ tenants: ['acme'] });
   * // { sealing: true, canVerify: true,
   * //   tenants: [{ tenantId: 'acme', lastCheckpoint: { seq: 4, toId: '01K…', count: 2000, … }, unsealed: 12 }] }
   * ```
   */
  integrityStatus(scope: ActivityScopeInput): Promise<IntegrityStatus>;
  /**
   * The checkpoint that seals an event, or `undefined` while it is not sealed (newer than the last
   * checkpoint, or stored late into a sealed range). `NOT_FOUND` when `scope` may not see the event.
   *
   * @example
   * ```ts
   * const checkpoint = await store.checkpointOf(event.id, { tenants: ['acme'] });
   * checkpoint ? `sealed in checkpoint #${checkpoint.seq}` : 'not sealed yet';
   * ```
   */
  checkpointOf(id: string, scope: ActivityScopeInput): Promise<CheckpointSummary | undefined>;
  /**
   * Mints a viewer token: a signed, short-lived, read-only grant to one tenant's log, narrowed to
   * records (`refs`), actor roles and permissions (`can`), and never wider than the minter's own
   * scope (`within`). Needs the store's `viewerTokens` option (`INVALID_KEY` without it).
   *
   * @example
   * ```ts
   * const { token } = store.createViewerToken({
   *   tenantId: 'acme', refs: ['customer:42'], can: ['read'], ttl: 600, within: access.scope,
   * });
   * ```
   */
  createViewerToken(input: CreateViewerTokenInput): ViewerToken;
  /**
   * The access a viewer token grants (its scope, the actor it was minted for, its permissions):
   * `INVALID_TOKEN` when it is malformed, altered or signed with another key, `TOKEN_EXPIRED`,
   * `TOKEN_REVOKED`. The REST API and tRPC router call it for `Authorization: Bearer` tokens.
   */
  verifyViewerToken(token: string): Promise<ViewerAccess>;
  /**
   * Revokes a viewer token (the token, or its id) in every process of the deployment, until it
   * would have expired anyway.
   */
  revokeViewerToken(tokenOrId: string): Promise<void>;
  /** Deletes expired events (per-tenant retention) and records each sweep. */
  sweepExpired(options?: { now?: Date }): Promise<SweepResult>;
  /**
   * How the server runs the first page of a query (MongoDB's `explain`, `queryPlanner` verbosity):
   * for checking that a filter is answered by an index.
   */
  explain(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<Document>;
  /** Creates the indexes (also done on first use); reports whether the server keeps a TTL index. */
  ensureIndexes(): Promise<IndexReport>;
  /**
   * Log streams of tenants' events to SIEMs: Standard Webhooks and syslog (RFC 5424) destinations,
   * delivered at least once and in order by the process holding each stream's lease.
   */
  readonly streams: ActivityStreams;
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
