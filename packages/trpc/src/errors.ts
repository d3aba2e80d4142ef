import { ActivityError, type ActivityErrorCode } from '@activitykit/core';
import { SchemaError, type SchemaErrorCode, type SearchProblem } from '@activitykit/schema';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';

/**
 * The tRPC error code of each `ActivityError` and `SchemaError` code: the one place where store and
 * schema failures become tRPC errors.
 *
 * @example
 * ```ts
 * ACTIVITY_TRPC_CODES.ALREADY_RESTORED; // 'CONFLICT'
 * ```
 */
export const ACTIVITY_TRPC_CODES = {
  INVALID_OPTIONS: 'INTERNAL_SERVER_ERROR',
  INVALID_EVENT: 'BAD_REQUEST',
  INVALID_QUERY: 'BAD_REQUEST',
  INVALID_CURSOR: 'BAD_REQUEST',
  INVALID_SCOPE: 'INTERNAL_SERVER_ERROR',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  NOT_RESTORABLE: 'UNPROCESSABLE_CONTENT',
  ALREADY_RESTORED: 'CONFLICT',
  RESTORE_FAILED: 'INTERNAL_SERVER_ERROR',
  NOT_STORED: 'SERVICE_UNAVAILABLE',
  INVALID_KEY: 'INTERNAL_SERVER_ERROR',
  DISABLED: 'FORBIDDEN',
  CLOSED: 'SERVICE_UNAVAILABLE',
  INVALID_INPUT: 'BAD_REQUEST',
  INVALID_SEARCH: 'BAD_REQUEST',
  INVALID_TIME_ZONE: 'BAD_REQUEST',
  INVALID_METADATA: 'BAD_REQUEST',
} as const satisfies Record<ActivityErrorCode | SchemaErrorCode, TRPC_ERROR_CODE_KEY>;

/**
 * Turns what the store or the schema threw into a `TRPCError` with the same message (which says
 * what to do next) and the original error as its `cause`. A `TRPCError` passes through; anything
 * else becomes an `INTERNAL_SERVER_ERROR`.
 *
 * @example
 * ```ts
 * try {
 *   return await store.get(id, scope);
 * } catch (error) {
 *   throw toTRPCError(error); // ActivityError NOT_FOUND → TRPCError NOT_FOUND
 * }
 * ```
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    const inner = error.cause;
    const mapped =
      error.code === 'INTERNAL_SERVER_ERROR' &&
      (inner instanceof ActivityError || inner instanceof SchemaError);
    return mapped ? toTRPCError(inner) : error;
  }
  if (error instanceof ActivityError || error instanceof SchemaError) {
    return new TRPCError({
      code: ACTIVITY_TRPC_CODES[error.code],
      message: error.message,
      cause: error,
    });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
}

/** What {@link activityErrorData} adds to an error's `data` for clients. */
export interface ActivityErrorData {
  /** The `ActivityError` / `SchemaError` code, e.g. `INVALID_CURSOR` or `INVALID_SEARCH`. */
  code: ActivityErrorCode | SchemaErrorCode;
  /** For a search-syntax error: the offset of the offending token. */
  position?: number;
  /** For a search-syntax error: the length of the offending token. */
  length?: number;
  /** For a search-syntax error: its reason and parameters, to word it in the reader's language. */
  search?: SearchProblem;
}

/**
 * The ActivityKit details behind a tRPC error — its store or schema code, and where a search
 * string went wrong — for an app's `errorFormatter`, so clients can point at the bad token.
 *
 * @example
 * ```ts
 * const t = initTRPC.context<Context>().meta<ActivityProcedureMeta>().create({
 *   errorFormatter: ({ shape, error }) => ({
 *     ...shape,
 *     data: { ...shape.data, activity: activityErrorData(error) },
 *   }),
 * });
 * ```
 */
export function activityErrorData(error: TRPCError): ActivityErrorData | undefined {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    if (cause instanceof ActivityError || cause instanceof SchemaError) break;
    cause = cause.cause;
  }
  if (!(cause instanceof ActivityError || cause instanceof SchemaError)) return undefined;
  const search = cause instanceof SchemaError ? cause : cause.cause;
  const data: ActivityErrorData = { code: cause.code };
  if (search instanceof SchemaError && search.position !== undefined) {
    data.position = search.position;
    if (search.length !== undefined) data.length = search.length;
    if (search.search !== undefined) data.search = search.search;
  }
  return data;
}
