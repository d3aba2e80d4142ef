/**
 * The lexical layer of the search syntax: splitting a search string into tokens, reading date
 * literals, and quoting values so that they read back the same.
 *
 * A token is `key:value`, `key:"quoted value"`, a free word, or a `"quoted phrase"`. Inside quotes,
 * `\"` is a quote and `\\` a backslash; any other character, whitespace included, stands for itself.
 * A key is a letter followed by letters, digits or `_`; a word whose text before its first colon is
 * not such a key (`10:30`, `:)`) is a free word.
 */
import { type WallClock, zonedTimeToInstant } from './period.ts';
import { searchError, shorten } from './searchErrors.ts';

/** One token of a search string. */
export interface SearchToken {
  /** The key, lower-cased; `undefined` for a free word or a quoted phrase. */
  key: string | undefined;
  /** The value, or the text of a free word or phrase: unquoted and unescaped, not trimmed. */
  value: string;
  /** Zero-based offset of the token's first character in the input. */
  position: number;
  /** Length of the token in the input. */
  length: number;
  /** The token as written in the input. */
  source: string;
}

const KEY_PREFIX = /^([a-z][a-z0-9_]*):/i;
const WHITESPACE = /\s/;
const BARE_VALUE = /^[^\s"\\]+$/;
const BARE_WORD = /^[^\s"\\:]+$/;
const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/** A date literal: a wall time, and its UTC offset in minutes when it has one. */
export interface DateLiteral {
  wall: WallClock;
  /** `undefined` for a date or date-time without `Z` or `±HH:MM`: it is in the search's time zone. */
  offsetMinutes: number | undefined;
}

/**
 * Splits a search string into tokens.
 *
 * @throws {SchemaError} `INVALID_SEARCH` for an unterminated quote, or text glued to a closing quote.
 * @example
 * ```ts
 * tokenize('Actor:"Al Smith" refund');
 * // [{ key: 'actor', value: 'Al Smith', position: 0, length: 16, source: 'Actor:"Al Smith"' },
 * //  { key: undefined, value: 'refund', position: 17, length: 6, source: 'refund' }]
 * ```
 */
export function tokenize(input: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let index = 0;
  while (index < input.length) {
    if (WHITESPACE.test(input.charAt(index))) {
      index += 1;
      continue;
    }
    const token = readToken(input, index);
    tokens.push({ ...token, source: input.slice(token.position, token.position + token.length) });
    index = token.position + token.length;
  }
  return tokens;
}

/**
 * A value as the search syntax writes it: bare when it can be, else quoted and escaped.
 *
 * @example
 * ```ts
 * formatValue('customer:42'); // 'customer:42'
 * formatValue('Al "Big" Smith'); // '"Al \\"Big\\" Smith"'
 * ```
 */
export function formatValue(value: string): string {
  return BARE_VALUE.test(value) ? value : quote(value);
}

/**
 * Free text as the search syntax writes it: plain words when they read back the same, else one
 * phrase.
 *
 * @example
 * ```ts
 * formatText('late fee'); // 'late fee'
 * formatText('see http://x'); // '"see http://x"'
 * ```
 */
export function formatText(text: string): string {
  return text.split(' ').every((word) => BARE_WORD.test(word)) ? text : quote(text);
}

/**
 * Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.mmm]]`, optionally ending in `Z` or `±HH:MM`;
 * `undefined` when the text is not such a date or names a day or time that does not exist.
 *
 * @example
 * ```ts
 * parseDateLiteral('2026-11-01T09:30+03:00');
 * // { wall: { year: 2026, month: 11, day: 1, hour: 9, minute: 30, … }, offsetMinutes: 180 }
 * parseDateLiteral('2026-02-30'); // undefined
 * ```
 */
export function parseDateLiteral(text: string): DateLiteral | undefined {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '0').padEnd(3, '0')),
  };
  const offsetMinutes = offset === undefined ? undefined : parseOffset(offset);
  if (!isValidWall(wall) || Number.isNaN(offsetMinutes)) return undefined;
  return { wall, offsetMinutes };
}

/**
 * The instant of a date literal; one without an offset is read in `timeZone`. `undefined` when the
 * instant falls outside the years 0000–9999 UTC, which an ISO instant cannot write in four digits.
 *
 * @example
 * ```ts
 * dateLiteralToInstant(parseDateLiteral('2026-11-01')!, 'Europe/Moscow'); // 2026-10-31T21:00:00.000Z
 * ```
 */
export function dateLiteralToInstant(date: DateLiteral, timeZone: string): Date | undefined {
  const instant =
    date.offsetMinutes === undefined
      ? zonedTimeToInstant(date.wall, timeZone)
      : new Date(zonedTimeToInstant(date.wall, 'UTC').getTime() - date.offsetMinutes * 60_000);
  const year = instant.getUTCFullYear();
  return year >= 0 && year <= 9999 ? instant : undefined;
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

function readToken(input: string, start: number): Omit<SearchToken, 'source'> {
  if (input.charAt(start) === '"') return { key: undefined, ...readQuoted(input, start, start) };
  const end = wordEnd(input, start);
  const prefix = KEY_PREFIX.exec(input.slice(start, end));
  if (prefix === null) {
    return { key: undefined, value: input.slice(start, end), position: start, length: end - start };
  }
  const key = (prefix[1] ?? '').toLowerCase();
  const valueStart = start + prefix[0].length;
  if (input.charAt(valueStart) === '"') return { key, ...readQuoted(input, valueStart, start) };
  return { key, value: input.slice(valueStart, end), position: start, length: end - start };
}

/** Reads the quoted text opening at `quoteAt`, in the token that starts at `start`. */
function readQuoted(input: string, quoteAt: number, start: number) {
  let value = '';
  let index = quoteAt + 1;
  while (index < input.length) {
    const char = input.charAt(index);
    const next = input.charAt(index + 1);
    if (char === '"') return { value, ...closeQuoted(input, index + 1, start) };
    if (char === '\\' && (next === '"' || next === '\\')) {
      value += next;
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
  throw searchError(
    { position: start, length: input.length - start },
    { reason: 'UNTERMINATED_QUOTE', params: { text: shorten(input.slice(start)) } },
  );
}

/** The span of a quoted token ending at `end`, which must be followed by whitespace or nothing. */
function closeQuoted(input: string, end: number, start: number) {
  if (end < input.length && !WHITESPACE.test(input.charAt(end))) {
    const length = wordEnd(input, end) - start;
    throw searchError(
      { position: start, length },
      { reason: 'TEXT_AFTER_QUOTE', params: { text: shorten(input.slice(start, start + length)) } },
    );
  }
  return { position: start, length: end - start };
}

function wordEnd(input: string, start: number): number {
  let end = start;
  while (end < input.length && !WHITESPACE.test(input.charAt(end))) end += 1;
  return end;
}

function parseOffset(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return Number.NaN;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function isValidWall(wall: WallClock): boolean {
  const leap = wall.year % 4 === 0 && (wall.year % 100 !== 0 || wall.year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][wall.month - 1] ?? 0;
  return (
    wall.day >= 1 &&
    wall.day <= days &&
    (wall.hour ?? 0) <= 23 &&
    (wall.minute ?? 0) <= 59 &&
    (wall.second ?? 0) <= 59
  );
}
