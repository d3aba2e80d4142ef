/**
 * Why a search string was refused, as a code and parameters, so that user interfaces can word it in
 * their own language; {@link searchErrorMessage} words it in English for `SchemaError.message`.
 */
import { SchemaError } from './errors.ts';

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

const MAX_SHOWN = 40;

/**
 * Text shortened to 40 characters (with `…`) for an error's parameters and message.
 *
 * @example
 * ```ts
 * shorten('a'.repeat(50)); // 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'
 * ```
 */
export function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/**
 * Text quoted for an error message, shortened to 40 characters.
 *
 * @example
 * ```ts
 * show('a"b'); // '"a\\"b"'
 * ```
 */
export function show(text: string): string {
  return JSON.stringify(shorten(text));
}

const LABELS: Record<string, string> = { actortype: 'actor type' };
const HINTS: Record<string, string> = {
  action: 'write an action like order.created, or a prefix like order.*',
  subject: 'write type:id, e.g. subject:order:7',
  ref: 'write type:id, e.g. ref:customer:42',
};
const TZ_FIX = 'use an IANA name like Europe/Moscow';
const DATE_FIX = 'use YYYY-MM-DD or an ISO date-time like 2026-11-01T09:30:00Z';

type English = { [R in SearchErrorReason]: (params: SearchErrorParams[R]) => [string, string] };

/** The problem and the fix of each reason, in English. */
const ENGLISH: English = {
  UNKNOWN_KEY: (p) => [
    `unknown key ${show(p.key)}`,
    `use one of ${p.keys}, or put text with a colon in quotes`,
  ],
  EMPTY_VALUE: (p) => [
    `empty value in ${show(p.token)}`,
    'write a value after the colon, quoted if it has spaces',
  ],
  REPEATED_KEY: (p) => [`repeated ${p.key} ${show(p.token)}`, `give ${p.key} only once`],
  UNKNOWN_CHOICE: (p) => [
    `unknown ${LABELS[p.key] ?? p.key} ${show(p.value)}`,
    `use one of ${p.choices}`,
  ],
  UNKNOWN_TIME_ZONE: (p) => [`unknown time zone ${show(p.value)}`, TZ_FIX],
  INVALID_DATE: (p) => [`invalid date ${show(p.value)}`, DATE_FIX],
  DATE_OUT_OF_RANGE: (p) => [
    `out-of-range date ${show(p.value)}`,
    'use a time in the years 0000 to 9999 UTC',
  ],
  START_NOT_BEFORE_END: (p) => [
    `start ${show(p.start)}`,
    `make it earlier than the end ${show(p.end)} at character ${p.endCharacter}`,
  ],
  INVALID_VALUE: (p) => [`invalid ${p.key} ${show(p.value)}`, HINTS[p.key] ?? 'check the value'],
  TOO_LONG: (p) => [
    `invalid ${p.key} ${show(p.value)}`,
    `use at most ${p.max} characters${p.key === 'text' ? ' of free text in all' : ''}`,
  ],
  TOO_MANY_VALUES: (p) => [`too many ${p.key} values: ${show(p.token)}`, `use at most ${p.max}`],
  UNTERMINATED_QUOTE: (p) => [
    `unterminated quote in ${show(p.text)}`,
    'end the quoted text with "',
  ],
  TEXT_AFTER_QUOTE: (p) => [
    `unexpected text after the closing quote in ${show(p.text)}`,
    'put a space after the closing "',
  ],
};

/**
 * A search problem worded in English: `<problem> at character <n>: <fix>`, `n` one-based.
 *
 * @example
 * ```ts
 * searchErrorMessage({ reason: 'INVALID_DATE', params: { value: '2026-13-01' } }, 6);
 * // 'invalid date "2026-13-01" at character 7: use YYYY-MM-DD or an ISO date-time like …'
 * ```
 */
export function searchErrorMessage(problem: SearchProblem, position: number): string {
  const word = ENGLISH[problem.reason] as (params: SearchProblem['params']) => [string, string];
  const [what, fix] = word(problem.params);
  return `${what} at character ${position + 1}: ${fix}`;
}

/**
 * A `SchemaError('INVALID_SEARCH')` at `span`, with the problem as `search` and worded in English
 * as its message.
 *
 * @example
 * ```ts
 * const error = searchError({ position: 5, length: 12 }, {
 *   reason: 'UNKNOWN_CHOICE',
 *   params: { key: 'kind', value: 'bad', choices: 'create, update' },
 * });
 * error.message; // 'unknown kind "bad" at character 6: use one of create, update'
 * ```
 */
export function searchError(
  span: { position: number; length: number },
  problem: SearchProblem,
): SchemaError {
  const { position, length } = span;
  return new SchemaError('INVALID_SEARCH', searchErrorMessage(problem, position), {
    position,
    length,
    search: problem,
  });
}
