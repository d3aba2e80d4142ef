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
  /** A sealing or verifying key is missing, malformed or not Ed25519. */
  INVALID_KEY: 'INVALID_KEY',
  /** Bulk delete is switched off for this store. */
  DISABLED: 'DISABLED',
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
