import {
  type ActivityEvent,
  type ActivityPage,
  type ActivityQueryInput,
  type ActivityStats,
  type ActorSuggestion,
  type BulkDeleteResult,
  type CheckpointSummary,
  type IntegrityStatus,
  SEARCH_ERROR_REASONS,
  type SearchProblem,
  type SecuritySignal,
  type StatsBucket,
  type VerifyReport,
} from '@activitykit/schema';

/** What the signed-in reader may do, and who they are (`GET /scope`, the `scope` procedure). */
export interface ActivityPermissions {
  /** May delete events (bulk delete). */
  canDelete: boolean;
  /** May restore deleted records from their snapshot. */
  canRestore: boolean;
  /** May add notes to a record's timeline. */
  canNote: boolean;
  /** The reader, as notes they write will be stamped. */
  actor?: { id: string; name?: string; role?: string };
}

/** Per-request options of an {@link ActivitySource} read. */
export interface RequestOptions {
  /** Aborts the request (TanStack Query passes one per query). */
  signal?: AbortSignal;
}

/** What to export: a format, and either a query or a selection of event ids. */
export interface ExportRequest {
  format: 'csv' | 'ndjson' | 'pdf';
  /** The filter of the rows to export. Defaults to everything the reader may see. */
  query?: ActivityQueryInput;
  /** A selection (at most 1000 ids); wins over `query` on the server. */
  ids?: string[];
  /** The language of headers and descriptions. Defaults to `'en'`. */
  locale?: 'en' | 'ru';
}

/** What {@link ActivitySource.verify} checks: a tenant's log, optionally within `[from, to)`. */
export interface VerifyInput {
  tenantId: string;
  from?: Date;
  to?: Date;
}

/** A finished export, ready to be saved. */
export interface ExportResult {
  blob: Blob;
  /** The server's suggested file name, e.g. `activity-2026-11-23.csv`. */
  filename: string;
}

/** Callbacks of {@link ActivitySource.subscribe}. */
export interface LiveHandlers {
  /** A new event matching the subscription's query. */
  onEvent(event: ActivityEvent): void;
  /** The stream failed; sources reconnect by themselves unless the error is permanent (401/403). */
  onError?(error: ActivitySourceError): void;
  /** The stream is (re)connected. */
  onOpen?(): void;
}

/**
 * Where the React kit reads and writes activity: the REST API ({@link createRestSource}), the tRPC
 * router ({@link createTrpcSource}) or an in-memory list ({@link createMemorySource}). Every method
 * rejects with an {@link ActivitySourceError}.
 *
 * @example
 * ```ts
 * const source: ActivitySource = createRestSource({ baseUrl: '/api/activity' });
 * const page = await source.list({ kinds: ['delete'], limit: 20 });
 * ```
 */
export interface ActivitySource {
  permissions(options?: RequestOptions): Promise<ActivityPermissions>;
  list(query: ActivityQueryInput, options?: RequestOptions): Promise<ActivityPage<ActivityEvent>>;
  get(id: string, options?: RequestOptions): Promise<ActivityEvent>;
  timeline(
    ref: string,
    query: ActivityQueryInput,
    options?: RequestOptions,
  ): Promise<ActivityPage<ActivityEvent>>;
  stats(
    query: ActivityQueryInput,
    options?: RequestOptions & { bucket?: StatsBucket },
  ): Promise<ActivityStats>;
  signals(query: ActivityQueryInput, options?: RequestOptions): Promise<SecuritySignal[]>;
  /**
   * Actors the reader may see whose name (or a word of it), e-mail or id starts with `prefix`,
   * ignoring case — suggestions for the user filter and `actor:` in the search box. Optional: a
   * source without it shows no suggestions.
   */
  suggestActors?(
    query: { prefix: string; limit?: number },
    options?: RequestOptions,
  ): Promise<ActorSuggestion[]>;
  /**
   * Adds a note to a record; the server stamps the author. `tenantId` is needed only when the
   * reader's scope spans several tenants.
   */
  addNote(note: { ref: string; body: string; tenantId?: string }): Promise<ActivityEvent>;
  restore(id: string): Promise<ActivityEvent>;
  bulkDelete(target: { ids: string[] } | { query: ActivityQueryInput }): Promise<BulkDeleteResult>;
  export(
    request: ExportRequest,
    options?: RequestOptions & { onProgress?(bytes: number): void },
  ): Promise<ExportResult>;
  /**
   * How far each tenant of the reader's scope is sealed: its newest checkpoint and how many events
   * wait for the next seal, and whether the server seals (`sealing`) and can verify (`canVerify`).
   * Optional: a source without it shows no tamper evidence.
   *
   * @example
   * ```ts
   * const status = await source.integrity?.();
   * const acme = status?.tenants.find((t) => t.tenantId === 'acme');
   * isSealedBy(event, acme?.lastCheckpoint); // schema's helper: sealed when event.id <= toId
   * ```
   */
  integrity?(options?: RequestOptions): Promise<IntegrityStatus>;
  /**
   * The checkpoint that seals an event, or `null` while it is not sealed (newer than the last
   * seal, or stored late into a sealed range). Rejects `NOT_FOUND` (404) for an event the reader
   * may not see.
   *
   * @example
   * ```ts
   * const checkpoint = await source.checkpointOf?.(event.id);
   * checkpoint ? `Sealed in checkpoint #${checkpoint.seq}` : 'Not sealed yet';
   * ```
   */
  checkpointOf?(id: string, options?: RequestOptions): Promise<CheckpointSummary | null>;
  /**
   * Verifies a tenant's sealed events against its signed checkpoints on the server, naming every
   * event modified, deleted or inserted behind the kit's back. Rejects `FORBIDDEN` (403) for a
   * tenant outside the reader's scope, and `SERVER` with status 501 and `serverCode`
   * `NOT_CONFIGURED` when the server has no public key to verify with.
   *
   * @example
   * ```ts
   * const report = await source.verify?.({ tenantId: 'acme' });
   * if (report && !report.ok) showTampering(report.modified, report.deleted, report.inserted);
   * ```
   */
  verify?(input: VerifyInput, options?: RequestOptions): Promise<VerifyReport>;
  /** Starts a live stream of new events; returns the function that stops it. */
  subscribe(
    query: ActivityQueryInput,
    handlers: LiveHandlers,
    options?: { lastEventId?: string },
  ): () => void;
}

/** Every reason an {@link ActivitySource} call can fail, by code. */
export const ACTIVITY_SOURCE_ERROR_CODES = {
  /** Not signed in (HTTP 401). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Signed in, but the scope does not allow it (HTTP 403). */
  FORBIDDEN: 'FORBIDDEN',
  /** No such event, or not visible to this reader (HTTP 404). */
  NOT_FOUND: 'NOT_FOUND',
  /** Bad query, search syntax, cursor or body (HTTP 400/422); see `position`/`length` for search. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The operation conflicts with the record's state, e.g. already restored (HTTP 409). */
  CONFLICT: 'CONFLICT',
  /** The server could not be reached. */
  NETWORK: 'NETWORK',
  /** The server failed (HTTP 5xx) or answered something unreadable. */
  SERVER: 'SERVER',
} as const;

/** One of {@link ACTIVITY_SOURCE_ERROR_CODES}. */
export type ActivitySourceErrorCode = keyof typeof ACTIVITY_SOURCE_ERROR_CODES;

/** Options of {@link ActivitySourceError}. */
export interface ActivitySourceErrorOptions {
  cause?: unknown;
  /** The HTTP status, when there was a response. */
  status?: number;
  /** Zero-based offset of the offending search-syntax token. */
  position?: number;
  /** Length of the offending token. */
  length?: number;
  /** The server's own code (`INVALID_CURSOR`, `NOT_RESTORABLE`, …), when it sent one. */
  serverCode?: string;
  /** For a search-syntax error: why, as a reason code and parameters (to word it per locale). */
  search?: SearchProblem;
}

/**
 * The one error class of `@activitykit/react`'s data layer. Components show `FORBIDDEN` and
 * `UNAUTHORIZED` as the permission-denied state and everything else as the error state.
 *
 * @example
 * ```ts
 * try {
 *   await source.get(id);
 * } catch (error) {
 *   if (error instanceof ActivitySourceError && error.code === 'NOT_FOUND') showGone();
 * }
 * ```
 */
export class ActivitySourceError extends Error {
  readonly code: ActivitySourceErrorCode;
  readonly status: number | undefined;
  readonly position: number | undefined;
  readonly length: number | undefined;
  readonly serverCode: string | undefined;
  readonly search: SearchProblem | undefined;

  constructor(
    code: ActivitySourceErrorCode,
    message: string,
    options: ActivitySourceErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ActivitySourceError';
    this.code = code;
    this.status = options.status;
    this.position = options.position;
    this.length = options.length;
    this.serverCode = options.serverCode;
    this.search = options.search;
  }
}

/**
 * Whether an error means the reader may not see this (`UNAUTHORIZED` or `FORBIDDEN`).
 *
 * @example
 * ```ts
 * if (isDeniedError(query.error)) return <StatePanel kind="denied" />;
 * ```
 */
export function isDeniedError(error: unknown): boolean {
  return (
    error instanceof ActivitySourceError &&
    (error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED')
  );
}

/** Whether retrying may help: the network or the server failed, not the request. */
export function isTransientError(error: unknown): boolean {
  return (
    !(error instanceof ActivitySourceError) || error.code === 'NETWORK' || error.code === 'SERVER'
  );
}

/** The source error for an HTTP status (problem+json's `code` is kept as `serverCode`). */
export function codeForStatus(status: number): ActivitySourceErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status >= 400 && status < 500) return 'INVALID_INPUT';
  return 'SERVER';
}

/**
 * A search problem as a server sent it (problem+json `search`, tRPC `data.activity.search`), if
 * it is one: a known reason with text or number parameters.
 */
export function readSearchProblem(value: unknown): SearchProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { reason, params } = value as { reason?: unknown; params?: unknown };
  if (typeof reason !== 'string' || !Object.hasOwn(SEARCH_ERROR_REASONS, reason)) return undefined;
  if (typeof params !== 'object' || params === null) return undefined;
  const values = Object.values(params);
  if (!values.every((item) => typeof item === 'string' || typeof item === 'number'))
    return undefined;
  return { reason, params } as SearchProblem;
}
