import { ACTIVITY_ERROR_CODES, type ActivityFailureCode } from '@activitykit/core';
import { SCHEMA_ERROR_CODES } from '@activitykit/schema';

/** The reasons only the Express adapter refuses a request for; every other code is core's or schema's. */
const EXPRESS_ONLY_CODES = {
  /** The caller's tenant has as many live streams open as `live.maxStreamsPerTenant` allows. */
  TOO_MANY_STREAMS: 'TOO_MANY_STREAMS',
} as const;

/**
 * Every code an {@link ActivityHttpError} can carry: core's `ACTIVITY_ERROR_CODES` and schema's
 * `SCHEMA_ERROR_CODES` (written once there), plus the adapter's own `TOO_MANY_STREAMS`. The
 * adapter itself refuses with `UNAUTHORIZED` (`authorize(req)` returned nothing), `FORBIDDEN`,
 * `NOT_FOUND` (no such route, or no such event within the caller's scope), `INVALID_INPUT` (a
 * malformed query, path parameter or JSON body; `errors` says which), `INVALID_OPTIONS` (the
 * options given to `activityCapture` or `activityApi`) and `NOT_CONFIGURED` (`POST /verify` on a
 * server without `verify`; core's code, so tRPC answers it alike).
 *
 * @example
 * ```ts
 * EXPRESS_ERROR_CODES.TOO_MANY_STREAMS; // 'TOO_MANY_STREAMS'
 * EXPRESS_ERROR_CODES.UNAUTHORIZED; // 'UNAUTHORIZED', core's code
 * ```
 */
export const EXPRESS_ERROR_CODES = {
  ...ACTIVITY_ERROR_CODES,
  ...SCHEMA_ERROR_CODES,
  ...EXPRESS_ONLY_CODES,
} as const;

/** One of {@link EXPRESS_ERROR_CODES}: a store or schema failure's code, or the adapter's own. */
export type ExpressErrorCode = ActivityFailureCode | keyof typeof EXPRESS_ONLY_CODES;

/** One problem with one input field, as listed in a problem document's `errors`. */
export interface InputProblem {
  /** Where: a query parameter (`limit`), a body path (`query.from`) or a path parameter (`id`). */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/**
 * The one error class of `@activitykit/express`. Its message says what to do next; `errors` lists
 * each bad input field for `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * try {
 *   activityCapture({} as never);
 * } catch (error) {
 *   if (error instanceof ActivityHttpError) console.log(error.code); // 'INVALID_OPTIONS'
 * }
 * ```
 */
export class ActivityHttpError extends Error {
  readonly code: ExpressErrorCode;
  readonly errors: InputProblem[] | undefined;

  constructor(
    code: ExpressErrorCode,
    message: string,
    options: { cause?: unknown; errors?: InputProblem[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ActivityHttpError';
    this.code = code;
    this.errors = options.errors;
  }
}
