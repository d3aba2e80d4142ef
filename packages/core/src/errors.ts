import { SchemaError, type SchemaErrorCode, type SearchProblem } from '@activitykit/schema';

/** Every reason a call into the store can fail, by code. Adapters map each to an HTTP status. */
export const ACTIVITY_ERROR_CODES = {
  /** The store's options are incomplete or out of range. */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** An event given to `record()` does not match the event schema. */
  INVALID_EVENT: 'INVALID_EVENT',
  /** A query, filter or search string is malformed. */
  INVALID_QUERY: 'INVALID_QUERY',
  /** A cursor was not made by this store for this sort, or was tampered with. */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** Nobody is signed in: the app's `authorize` answered nothing (see `resolveAccess`). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** A viewer token is malformed, altered or signed with another key. */
  INVALID_TOKEN: 'INVALID_TOKEN',
  /** A viewer token's time is up: the app mints a new one. */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** A viewer token was revoked (`store.revokeViewerToken`). */
  TOKEN_REVOKED: 'TOKEN_REVOKED',
  /** A scope is missing or malformed (reads are denied by default). */
  INVALID_SCOPE: 'INVALID_SCOPE',
  /** The scope does not allow this operation. */
  FORBIDDEN: 'FORBIDDEN',
  /** No such event within the scope. */
  NOT_FOUND: 'NOT_FOUND',
  /** The event is not a delete that the app allows to restore. */
  NOT_RESTORABLE: 'NOT_RESTORABLE',
  /** This delete was restored already. */
  ALREADY_RESTORED: 'ALREADY_RESTORED',
  /** The app's restorer failed; nothing was recorded. */
  RESTORE_FAILED: 'RESTORE_FAILED',
  /** A durable write could not be stored before the store closed (it stays in the journal). */
  NOT_STORED: 'NOT_STORED',
  /**
   * A sealing or verifying key is missing, malformed or not Ed25519, or a viewer-token secret is
   * missing or weak.
   */
  INVALID_KEY: 'INVALID_KEY',
  /** A checkpoint is sealed but the anchor could not take it; the next `seal()` retries it. */
  ANCHOR_FAILED: 'ANCHOR_FAILED',
  /** Bulk delete is switched off for this store. */
  DISABLED: 'DISABLED',
  /**
   * An adapter's route or procedure needs an option its server was not given (`verify` without a
   * public key); REST and tRPC both answer it as 501.
   */
  NOT_CONFIGURED: 'NOT_CONFIGURED',
  /** The store was closed. */
  CLOSED: 'CLOSED',
} as const;

/** One of {@link ACTIVITY_ERROR_CODES}. */
export type ActivityErrorCode = keyof typeof ACTIVITY_ERROR_CODES;

/**
 * The one error class of `@activitykit/core`. Its message says what to do next.
 *
 * @example
 * ```ts
 * try {
 *   await store.restore(eventId, { scope });
 * } catch (error) {
 *   if (error instanceof ActivityError && error.code === 'ALREADY_RESTORED') return;
 *   throw error;
 * }
 * ```
 */
export class ActivityError extends Error {
  readonly code: ActivityErrorCode;

  constructor(code: ActivityErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActivityError';
    this.code = code;
  }
}

/** A code a store call can fail with: the store's own, or the schema's for bad input. */
export type ActivityFailureCode = ActivityErrorCode | SchemaErrorCode;

/**
 * The HTTP status of every code a store call can fail with — the one table both adapters use:
 * `@activitykit/express` answers with it, `@activitykit/trpc` derives its error codes from it.
 *
 * @example
 * ```ts
 * HTTP_STATUS_BY_CODE.NOT_RESTORABLE; // 422
 * ```
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ActivityFailureCode, number>> = {
  INVALID_INPUT: 400,
  INVALID_QUERY: 400,
  INVALID_CURSOR: 400,
  INVALID_EVENT: 400,
  INVALID_SEARCH: 400,
  INVALID_TIME_ZONE: 400,
  INVALID_METADATA: 400,
  UNAUTHORIZED: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  // Reads are denied by default: a scope the app could not resolve denies, as no scope does.
  INVALID_SCOPE: 403,
  FORBIDDEN: 403,
  DISABLED: 403,
  NOT_FOUND: 404,
  ALREADY_RESTORED: 409,
  // The event is there, but it is not a delete the app can restore: nothing to retry.
  NOT_RESTORABLE: 422,
  RESTORE_FAILED: 500,
  INVALID_OPTIONS: 500,
  INVALID_KEY: 500,
  // The server could, with the option its operator did not give: not the caller's fault, not transient.
  NOT_CONFIGURED: 501,
  NOT_STORED: 503,
  ANCHOR_FAILED: 503,
  CLOSED: 503,
};

/** What an adapter tells a client of a failed store call (see {@link activityFailure}). */
export interface ActivityFailure {
  code: ActivityFailureCode;
  /** From {@link HTTP_STATUS_BY_CODE}. */
  status: number;
  /** Says what went wrong and what to do next. */
  message: string;
  /** For a search-syntax error: the offset of the offending token in `q`. */
  position?: number;
  /** For a search-syntax error: the length of the offending token. */
  length?: number;
  /** For a search-syntax error: its reason and parameters, to word it in the reader's language. */
  search?: SearchProblem;
}

/**
 * The store or schema failure behind `error` — an `ActivityError` or a `SchemaError`, itself or up
 * to four `cause`s deep — or `undefined` for anything else (a bug: answer 500 and report it). A
 * search string that does not parse is `INVALID_SEARCH` with its position however it was reached
 * (the store wraps it in an `INVALID_QUERY`), so REST and tRPC report it alike.
 *
 * @example
 * ```ts
 * activityFailure(new ActivityError('NOT_FOUND', 'No event 01J… within your scope.'));
 * // { code: 'NOT_FOUND', status: 404, message: 'No event 01J… within your scope.' }
 * ```
 */
export function activityFailure(error: unknown): ActivityFailure | undefined {
  let found: unknown = error;
  for (let depth = 0; depth < 4 && found instanceof Error; depth++) {
    if (found instanceof ActivityError || found instanceof SchemaError) break;
    found = found.cause;
  }
  if (!(found instanceof ActivityError || found instanceof SchemaError)) return undefined;
  const search = found instanceof SchemaError ? found : found.cause;
  if (search instanceof SchemaError && search.code === 'INVALID_SEARCH') {
    const failure: ActivityFailure = {
      code: 'INVALID_SEARCH',
      status: HTTP_STATUS_BY_CODE.INVALID_SEARCH,
      message: found.message,
    };
    if (search.position !== undefined) failure.position = search.position;
    if (search.length !== undefined) failure.length = search.length;
    if (search.search !== undefined) failure.search = search.search;
    return failure;
  }
  return { code: found.code, status: HTTP_STATUS_BY_CODE[found.code], message: found.message };
}
