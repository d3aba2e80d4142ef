/**
 * Why a search string was refused, as a code and parameters, so that user interfaces can word it in
 * their own language. A leaf: `errors.ts` (`SchemaError.search`) and `searchErrors.ts` (which makes
 * the error) both read it.
 */

/**
 * Every reason `parseSearch` refuses a search string, by code. The parameters of each are in
 * {@link SearchErrorParams}; text parameters are raw (unquoted), shortened to 40 characters.
 */
export const SEARCH_ERROR_REASONS = {
  /** A `key:` that the syntax does not know. */
  UNKNOWN_KEY: 'UNKNOWN_KEY',
  /** `key:` with nothing (or only spaces) after the colon. */
  EMPTY_VALUE: 'EMPTY_VALUE',
  /** A key that may appear once (`outcome`, `after`, `before`, `period`, `tz`) appears again. */
  REPEATED_KEY: 'REPEATED_KEY',
  /** A value outside the fixed words of its key (`kind`, `outcome`, `period`, `actortype`). */
  UNKNOWN_CHOICE: 'UNKNOWN_CHOICE',
  /** `tz:` names no IANA time zone. */
  UNKNOWN_TIME_ZONE: 'UNKNOWN_TIME_ZONE',
  /** `after:` / `before:` is not a date, or names a day or time that does not exist. */
  INVALID_DATE: 'INVALID_DATE',
  /** A date outside the years 0000–9999 UTC. */
  DATE_OUT_OF_RANGE: 'DATE_OUT_OF_RANGE',
  /** `after:` is not earlier than `before:`. */
  START_NOT_BEFORE_END: 'START_NOT_BEFORE_END',
  /** A value of the wrong shape: an action, or a `type:id` record key. */
  INVALID_VALUE: 'INVALID_VALUE',
  /** A value (or the free text in all) is longer than the filter allows. */
  TOO_LONG: 'TOO_LONG',
  /** More values of one key than the filter allows. */
  TOO_MANY_VALUES: 'TOO_MANY_VALUES',
  /** A quote that is never closed. */
  UNTERMINATED_QUOTE: 'UNTERMINATED_QUOTE',
  /** Text glued to a closing quote (`"a"b`). */
  TEXT_AFTER_QUOTE: 'TEXT_AFTER_QUOTE',
} as const;

/** One of {@link SEARCH_ERROR_REASONS}. */
export type SearchErrorReason = keyof typeof SEARCH_ERROR_REASONS;

/** The parameters of each {@link SearchErrorReason}. */
export interface SearchErrorParams {
  /** `key`: as written; `keys`: every key of the syntax, comma-separated. */
  UNKNOWN_KEY: { key: string; keys: string };
  /** `token`: the whole `key:` token as written. */
  EMPTY_VALUE: { token: string };
  /** `key`: lower-cased; `token`: the repeated token as written. */
  REPEATED_KEY: { key: string; token: string };
  /** `key`: lower-cased; `value`: as written; `choices`: the allowed words, comma-separated. */
  UNKNOWN_CHOICE: { key: string; value: string; choices: string };
  UNKNOWN_TIME_ZONE: { value: string };
  INVALID_DATE: { value: string };
  DATE_OUT_OF_RANGE: { value: string };
  /** `start` / `end`: the `after:` / `before:` tokens; `endCharacter`: one-based place of `end`. */
  START_NOT_BEFORE_END: { start: string; end: string; endCharacter: number };
  /** `key`: `action`, `subject` or `ref` (the shape each expects differs). */
  INVALID_VALUE: { key: string; value: string };
  /** `key`: the key, or `text` for free text; `max`: characters allowed. */
  TOO_LONG: { key: string; value: string; max: number };
  /** `key`: the key; `token`: the first value too many; `max`: values allowed. */
  TOO_MANY_VALUES: { key: string; token: string; max: number };
  /** `text`: from the opening quote's token to the end of the input. */
  UNTERMINATED_QUOTE: { text: string };
  /** `text`: the quoted token with the text glued to it. */
  TEXT_AFTER_QUOTE: { text: string };
}

/** A reason with its parameters: `SchemaError.search` of an `INVALID_SEARCH` error. */
export type SearchProblem = {
  [R in SearchErrorReason]: { reason: R; params: SearchErrorParams[R] };
}[SearchErrorReason];
