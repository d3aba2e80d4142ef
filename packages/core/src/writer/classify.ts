import { BSON, MongoBulkWriteError, MongoInvalidArgumentError, MongoServerError } from 'mongodb';

/** The server's answer for a document that is there already: for an idempotent write, success. */
export const DUPLICATE_KEY = 11000;

/**
 * Whether an error only says "already there": a duplicate key, or a bulk write whose every refused
 * statement was one (e.g. two processes upserting the same shared document at once).
 *
 * @example
 * ```ts
 * await meta.insertOne(claim).catch((error) => { if (!isDuplicateKey(error)) throw error; });
 * ```
 */
export function isDuplicateKey(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  if (code === DUPLICATE_KEY) return true;
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return (
    errors.length > 0 && errors.every((each) => (each as { code?: unknown }).code === DUPLICATE_KEY)
  );
}

/** What went wrong with one `insertMany` of a batch. */
export type InsertFailure =
  /** Worth retrying the whole batch (network, server selection, a stepping-down primary). */
  | { kind: 'retryable'; error: Error }
  /**
   * Some documents were refused for good; the rest are stored (or were there already).
   * `refused` holds the batch positions and reasons.
   */
  | { kind: 'partial'; refused: Map<number, string>; duplicates: Set<number> }
  /**
   * The batch as a whole was refused because of what some document holds (too large, not
   * serialisable): retrying cannot help, inserting one by one finds the culprits.
   */
  | { kind: 'invalid'; error: Error };

/** Sorts an `insertMany` error into "retry it" and "these documents can never be stored". */
export function classifyInsertError(error: unknown, batchSize: number): InsertFailure {
  if (error instanceof MongoBulkWriteError && !error.writeConcernError) {
    // The driver also wraps network failures in a MongoBulkWriteError, with no write errors: only
    // an error that accounts for every document (inserted, already there, or refused) is partial.
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    const refused = new Map<number, string>();
    const duplicates = new Set<number>();
    for (const writeError of writeErrors) {
      if (!writeError) continue;
      if (writeError.code === DUPLICATE_KEY) duplicates.add(writeError.index);
      else if (isTransientCode(writeError.code)) return { kind: 'retryable', error };
      else refused.set(writeError.index, `${writeError.code}: ${writeError.errmsg ?? 'refused'}`);
    }
    if (error.insertedCount + duplicates.size + refused.size === batchSize) {
      return { kind: 'partial', refused, duplicates };
    }
    return { kind: 'retryable', error };
  }
  if (
    error instanceof MongoInvalidArgumentError ||
    error instanceof BSON.BSONError ||
    // The serializer overflowing its buffer (a document far over 16 MiB): never storable either.
    (error instanceof RangeError && (error as { code?: unknown }).code === 'ERR_OUT_OF_RANGE') ||
    (error instanceof MongoServerError && INVALID_DOCUMENT_CODES.has(Number(error.code)))
  ) {
    return { kind: 'invalid', error };
  }
  // Anything else (network, server selection, timeouts, a whole-command refusal) is retried; the
  // writer's retry limit then spills the batch to the journal, so nothing is lost either way.
  return { kind: 'retryable', error: error instanceof Error ? error : new Error(String(error)) };
}

/** Server error codes that mean "not now" rather than "never". */
function isTransientCode(code: unknown): boolean {
  return typeof code === 'number' && TRANSIENT_CODES.has(code);
}

const TRANSIENT_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  50, // MaxTimeMSExpired
]);

/** Server error codes that mean "this document can never be stored". */
const INVALID_DOCUMENT_CODES = new Set([
  2, // BadValue
  10334, // BSONObjectTooLarge
  17280, // KeyTooLong
  121, // DocumentValidationFailure
]);
