/** Every reason the Express adapter itself refuses a request or an option, by code. */
export const EXPRESS_ERROR_CODES = {
  /** `authorize(req)` returned nothing: the caller is not signed in. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The caller's scope does not allow this (an empty scope, or a missing privilege). */
  FORBIDDEN: 'FORBIDDEN',
  /** No such route, or no such event within the caller's scope. */
  NOT_FOUND: 'NOT_FOUND',
  /** A query parameter, path parameter or JSON body is malformed; `errors` says which. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The options given to `activityCapture` or `activityApi` are incomplete or malformed. */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** The route needs an option the server was not given (e.g. `verify` without a public key). */
  NOT_CONFIGURED: 'NOT_CONFIGURED',
  /** The caller's tenant has as many live streams open as `live.maxStreamsPerTenant` allows. */
  TOO_MANY_STREAMS: 'TOO_MANY_STREAMS',
} as const;

/** One of {@link EXPRESS_ERROR_CODES}. */
export type ExpressErrorCode = keyof typeof EXPRESS_ERROR_CODES;

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
