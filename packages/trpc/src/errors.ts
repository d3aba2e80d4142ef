import { type ActivityFailureCode, activityFailure, HTTP_STATUS_BY_CODE } from '@activitykit/core';
import type { SearchProblem } from '@activitykit/schema';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';

/** The tRPC error code of each HTTP status core's table uses. */
const TRPC_CODE_BY_STATUS: Readonly<Record<number, TRPC_ERROR_CODE_KEY>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The tRPC error code of each `ActivityError` and `SchemaError` code, derived from core's
 * `HTTP_STATUS_BY_CODE` (the table `@activitykit/express` answers with), so a failure has the same
 * HTTP status over tRPC as over REST.
 *
 * @example
 * ```ts
 * ACTIVITY_TRPC_CODES.ALREADY_RESTORED; // 'CONFLICT'
 * ```
 */
export const ACTIVITY_TRPC_CODES: Readonly<Record<ActivityFailureCode, TRPC_ERROR_CODE_KEY>> =
  Object.fromEntries(
    Object.entries(HTTP_STATUS_BY_CODE).map(([code, status]) => [
      code,
      TRPC_CODE_BY_STATUS[status] ?? 'INTERNAL_SERVER_ERROR',
    ]),
  ) as Record<ActivityFailureCode, TRPC_ERROR_CODE_KEY>;

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
    // A procedure's own throw wrapped by tRPC: answer with what the store or schema said.
    const mapped = error.code === 'INTERNAL_SERVER_ERROR' && activityFailure(error.cause);
    return mapped ? toTRPCError(error.cause) : error;
  }
  const failure = activityFailure(error);
  if (failure) {
    return new TRPCError({
      code: ACTIVITY_TRPC_CODES[failure.code],
      message: failure.message,
      cause: error,
    });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
}

/** What {@link activityErrorData} adds to an error's `data` for clients. */
export interface ActivityErrorData {
  /** The `ActivityError` / `SchemaError` code, e.g. `INVALID_CURSOR` or `INVALID_SEARCH`. */
  code: ActivityFailureCode;
  /** The HTTP status REST answers the same failure with. */
  status: number;
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
  const failure = activityFailure(error.cause);
  if (!failure) return undefined;
  const { message: _message, ...data } = failure;
  return data;
}
