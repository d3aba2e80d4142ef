/**
 * A refused search string's problem worded in English ({@link searchErrorMessage}, for
 * `SchemaError.message`) and the `SchemaError` carrying it ({@link searchError}).
 */
import { SchemaError } from './errors.ts';
import type { SearchErrorParams, SearchErrorReason, SearchProblem } from './searchProblem.ts';

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
