import type { SearchProblem } from './searchProblem.ts';

/** Every reason a schema-level operation can fail, by code. */
export const SCHEMA_ERROR_CODES = {
  /** An event or query did not match its schema. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** A search-syntax string could not be parsed; `position` says where. */
  INVALID_SEARCH: 'INVALID_SEARCH',
  /** An unknown IANA time zone. */
  INVALID_TIME_ZONE: 'INVALID_TIME_ZONE',
  /** Metadata failed the schema an app registered for its action. */
  INVALID_METADATA: 'INVALID_METADATA',
} as const;

/** One of {@link SCHEMA_ERROR_CODES}. */
export type SchemaErrorCode = keyof typeof SCHEMA_ERROR_CODES;

/** Options of {@link SchemaError}. */
export interface SchemaErrorOptions {
  cause?: unknown;
  /** Zero-based offset of the offending text, for search-syntax errors. */
  position?: number;
  /** Length of the offending text. */
  length?: number;
  /** For search-syntax errors: why, as a reason code and parameters (for localized messages). */
  search?: SearchProblem;
}

/**
 * The one error class of `@activitykit/schema`: bad events, queries, search strings and time zones.
 *
 * @example
 * ```ts
 * try {
 *   parseSearch('kind:explode');
 * } catch (error) {
 *   if (error instanceof SchemaError) console.log(error.code, error.position); // INVALID_SEARCH 0
 * }
 * ```
 */
export class SchemaError extends Error {
  readonly code: SchemaErrorCode;
  readonly position: number | undefined;
  readonly length: number | undefined;
  /**
   * For `INVALID_SEARCH`: the reason and its parameters, so a user interface can word the problem
   * in its own language (`message` is English).
   */
  readonly search: SearchProblem | undefined;

  constructor(code: SchemaErrorCode, message: string, options: SchemaErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'SchemaError';
    this.code = code;
    this.position = options.position;
    this.length = options.length;
    this.search = options.search;
  }
}
