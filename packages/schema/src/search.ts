import type { ZodError } from 'zod';
import { SchemaError } from './errors.ts';
import { ACTOR_TYPES, EVENT_KINDS, OUTCOMES } from './event.ts';
import { isValidTimeZone } from './period.ts';
import { type ActivityFilter, activityFilterSchema, PERIOD_PRESETS } from './query.ts';
import { searchError, shorten, show } from './searchErrors.ts';
import {
  type DateLiteral,
  dateLiteralToInstant,
  formatText,
  formatValue,
  parseDateLiteral,
  type SearchToken,
  tokenize,
} from './searchTokens.ts';

/** Each key of the search syntax and the filter field it sets, in the order `printSearch` writes them. */
const FIELDS = {
  actor: 'actors',
  role: 'roles',
  actortype: 'actorTypes',
  kind: 'kinds',
  category: 'categories',
  action: 'actions',
  type: 'subjectTypes',
  subject: 'subjects',
  ref: 'refs',
  location: 'locations',
  outcome: 'outcome',
  ip: 'ips',
  after: 'from',
  before: 'to',
  period: 'preset',
  tz: 'timeZone',
} as const satisfies Record<string, keyof ActivityFilter>;

/** One key of the search syntax, e.g. `actor` in `actor:alice`. */
export type SearchKey = keyof typeof FIELDS;

/**
 * The keys of the search syntax, in the order `printSearch` writes them.
 *
 * @example
 * ```ts
 * SEARCH_KEYS.filter((key) => key.startsWith('a')); // ['actor', 'actortype', 'action', 'after']
 * ```
 */
export const SEARCH_KEYS = Object.keys(FIELDS) as readonly SearchKey[];

/** Options of {@link parseSearch}. */
export interface ParseSearchOptions {
  /**
   * IANA time zone for dates without an offset (`after:2026-11-01`) when the search has no `tz:`.
   * It does not set the filter's `timeZone`. Defaults to `'UTC'`.
   */
  timeZone?: string;
}

const SINGLE_KEYS = ['outcome', 'after', 'before', 'period', 'tz'] as const;
type SingleKey = (typeof SINGLE_KEYS)[number];
type ListKey = Exclude<SearchKey, SingleKey>;
type ListField = (typeof FIELDS)[ListKey];
/** Keys whose values are fixed words, matched case-insensitively. */
const CHOICES: Partial<Record<SearchKey, readonly string[]>> = {
  actortype: ACTOR_TYPES,
  kind: EVENT_KINDS,
  outcome: OUTCOMES,
  period: PERIOD_PRESETS,
};

const TZ_FIX = 'use an IANA name like Europe/Moscow';

interface ParseState {
  filter: ActivityFilter;
  seen: Set<SearchKey>;
  dates: Partial<Record<'after' | 'before', { token: SearchToken; date: DateLiteral }>>;
  text: string[];
}

/**
 * Parses the one-line search syntax into a filter. Keys are case-insensitive; repeated keys add
 * values (ORed); free words and `"quoted phrases"` become `text`. Dates without an offset are
 * midnights (or wall times) in the search's `tz:`, else `options.timeZone`, else UTC; `before:` is
 * exclusive.
 *
 * @throws {SchemaError} `INVALID_SEARCH` with the offending token's `position` and `length`, and
 * the reason with its parameters as `search` (see `SEARCH_ERROR_REASONS`).
 * @example
 * ```ts
 * parseSearch('actor:alice kind:delete after:2026-11-01 "refund"');
 * // { actors: ['alice'], kinds: ['delete'], from: 2026-11-01T00:00:00.000Z, text: 'refund' }
 * ```
 */
export function parseSearch(input: string, options: ParseSearchOptions = {}): ActivityFilter {
  const { timeZone = 'UTC' } = options;
  if (!isValidTimeZone(timeZone)) {
    throw new SchemaError('INVALID_TIME_ZONE', `unknown time zone ${show(timeZone)}: ${TZ_FIX}`);
  }
  const state: ParseState = { filter: {}, seen: new Set(), dates: {}, text: [] };
  for (const token of tokenize(input)) applyToken(state, token);
  resolveDates(state, state.filter.timeZone ?? timeZone);
  if (state.text.length > 0) state.filter.text = state.text.join(' ');
  return state.filter;
}

/**
 * Writes a filter in the search syntax, canonically: keys in {@link SEARCH_KEYS} order, dates as ISO
 * instants, free text last. `parseSearch(printSearch(filter))` gives the filter back.
 *
 * @example
 * ```ts
 * printSearch({ actors: ['Alice Smith'], from: new Date('2026-11-01T00:00:00Z'), text: 'refund' });
 * // 'actor:"Alice Smith" after:2026-11-01T00:00:00.000Z refund'
 * ```
 */
export function printSearch(filter: ActivityFilter): string {
  const parts: string[] = [];
  for (const key of SEARCH_KEYS) {
    const value = filter[FIELDS[key]];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    for (const item of values) {
      parts.push(`${key}:${formatValue(item instanceof Date ? item.toISOString() : item)}`);
    }
  }
  if (filter.text?.trim()) parts.push(formatText(filter.text));
  return parts.join(' ');
}

function isListKey(key: SearchKey): key is ListKey {
  return !(SINGLE_KEYS as readonly string[]).includes(key);
}

function applyToken(state: ParseState, token: SearchToken): void {
  if (token.key === undefined) addText(state, token);
  else applyField(state, token);
}

function applyField(state: ParseState, token: SearchToken): void {
  const key = SEARCH_KEYS.find((known) => known === token.key);
  if (key === undefined) {
    const written = shorten(token.source.slice(0, token.source.indexOf(':')));
    const keys = SEARCH_KEYS.join(', ');
    throw searchError(token, { reason: 'UNKNOWN_KEY', params: { key: written, keys } });
  }
  const value = token.value.trim();
  if (value === '') {
    throw searchError(token, { reason: 'EMPTY_VALUE', params: { token: shorten(token.source) } });
  }
  if (isListKey(key)) {
    addListValue(state, token, value);
  } else if (state.seen.has(key)) {
    const params = { key, token: shorten(token.source) };
    throw searchError(token, { reason: 'REPEATED_KEY', params });
  } else {
    state.seen.add(key);
    setSingleValue(state, token, value);
  }
}

function setSingleValue(state: ParseState, token: SearchToken, value: string): void {
  const key = token.key as SingleKey;
  if (key === 'outcome') state.filter.outcome = choice(token, value) as ActivityFilter['outcome'];
  if (key === 'period') state.filter.preset = choice(token, value) as ActivityFilter['preset'];
  if (key === 'tz') {
    if (!isValidTimeZone(value)) {
      throw searchError(token, { reason: 'UNKNOWN_TIME_ZONE', params: { value: shorten(value) } });
    }
    state.filter.timeZone = value;
  }
  if (key === 'after' || key === 'before') {
    const date = parseDateLiteral(value);
    if (date === undefined) {
      throw searchError(token, { reason: 'INVALID_DATE', params: { value: shorten(value) } });
    }
    state.dates[key] = { token, date };
  }
}

function choice(token: SearchToken, value: string): string {
  const key = token.key as SearchKey;
  const allowed = CHOICES[key] ?? [];
  const lower = value.toLowerCase();
  if (allowed.includes(lower)) return lower;
  const params = { key, value: shorten(value), choices: allowed.join(', ') };
  throw searchError(token, { reason: 'UNKNOWN_CHOICE', params });
}

function addListValue(state: ParseState, token: SearchToken, raw: string): void {
  const key = token.key as ListKey;
  const field = FIELDS[key];
  const value = CHOICES[key] ? choice(token, raw) : raw;
  const list: string[] = state.filter[field] ?? [];
  if (list.includes(value)) return;
  const result = activityFilterSchema.shape[field].safeParse([...list, value]);
  if (!result.success) throw invalidValue(token, value, result.error);
  (state.filter as Record<ListField, string[]>)[field] = result.data as string[];
}

function addText(state: ParseState, token: SearchToken): void {
  const value = token.value.trim();
  if (value === '') return;
  const result = activityFilterSchema.shape.text.safeParse([...state.text, value].join(' '));
  if (!result.success) throw invalidValue(token, value, result.error);
  state.text.push(value);
}

/** Words the first schema issue of a value for the user. */
function invalidValue(token: SearchToken, value: string, error: ZodError): SchemaError {
  const issue = error.issues[0];
  const key = token.key ?? 'text';
  if (issue?.code === 'too_big') {
    const max = Number(issue.maximum);
    return issue.origin === 'array'
      ? searchError(token, {
          reason: 'TOO_MANY_VALUES',
          params: { key, token: shorten(token.source), max },
        })
      : searchError(token, { reason: 'TOO_LONG', params: { key, value: shorten(value), max } });
  }
  return searchError(token, { reason: 'INVALID_VALUE', params: { key, value: shorten(value) } });
}

function resolveDates(state: ParseState, timeZone: string): void {
  const { after, before } = state.dates;
  const from = after && toInstant(after, timeZone);
  const to = before && toInstant(before, timeZone);
  if (from) state.filter.from = from;
  if (to) state.filter.to = to;
  if (after && before && from && to && from >= to) {
    const params = {
      start: shorten(after.token.source),
      end: shorten(before.token.source),
      endCharacter: before.token.position + 1,
    };
    throw searchError(after.token, { reason: 'START_NOT_BEFORE_END', params });
  }
}

function toInstant({ token, date }: { token: SearchToken; date: DateLiteral }, timeZone: string) {
  const instant = dateLiteralToInstant(date, timeZone);
  if (instant !== undefined) return instant;
  const params = { value: shorten(token.value.trim()) };
  throw searchError(token, { reason: 'DATE_OUT_OF_RANGE', params });
}
