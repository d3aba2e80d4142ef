import { ActivitySourceError, type ActivitySourceErrorCode, readSearchProblem } from '../source.ts';

const BY_TRPC_CODE: Record<string, ActivitySourceErrorCode> = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_REQUEST: 'INVALID_INPUT',
  PARSE_ERROR: 'INVALID_INPUT',
  UNPROCESSABLE_CONTENT: 'INVALID_INPUT',
  PAYLOAD_TOO_LARGE: 'INVALID_INPUT',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'CONFLICT',
};

type Shape = { message?: unknown; data?: Record<string, unknown> | null; name?: unknown };

/**
 * Turns a `TRPCClientError` (or anything a tRPC link throws) into an {@link ActivitySourceError}:
 * the tRPC code picks ours, `data.httpStatus` is kept, and `data.activity` (`code`, `position`,
 * `length`, from `@activitykit/trpc`'s `activityErrorData` formatter) is read when present. No
 * `data` means the request never got an answer: `NETWORK`.
 */
export function errorFromTrpc(error: unknown): unknown {
  if (error instanceof ActivitySourceError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as Shape;
  const data = shape.data ?? undefined;
  const message =
    typeof shape.message === 'string' && shape.message ? shape.message : String(error);
  if (!data || typeof data.code !== 'string') {
    const aborted = /abort/i.test(message);
    if (aborted && error instanceof Error) return error;
    return new ActivitySourceError('NETWORK', `The tRPC request failed: ${message}`, {
      cause: error,
    });
  }
  const code = BY_TRPC_CODE[data.code] ?? 'SERVER';
  // `@activitykit/trpc`'s error formatter (`activityErrorData`) puts the ActivityKit code and a
  // search error's position under `data.activity`.
  const activity = (
    typeof data.activity === 'object' && data.activity !== null ? data.activity : {}
  ) as Record<string, unknown>;
  const serverCode = activity.code;
  const position = activity.position;
  const length = activity.length;
  const search = readSearchProblem(activity.search);
  return new ActivitySourceError(code, message, {
    cause: error,
    ...(typeof data.httpStatus === 'number' ? { status: data.httpStatus } : {}),
    serverCode: typeof serverCode === 'string' ? serverCode : data.code,
    ...(typeof position === 'number' ? { position } : {}),
    ...(typeof length === 'number' ? { length } : {}),
    ...(search ? { search } : {}),
  });
}
