import { z } from 'zod';

/**
 * `YYYY-MM-DD`, or a date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or `±HH:MM`. Each part is
 * checked against the calendar afterwards, so `2026-02-30` is refused instead of rolling over.
 */
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/i;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EXAMPLES = 'write it like "2026-11-01" or "2026-11-01T09:30:00Z"';

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}

/** What a value that is neither a `Date` nor a string is, for a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return 'a number (epoch milliseconds are not accepted)';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The calendar problem of a parsed date-time, or `undefined` when every part exists. */
function calendarProblem(parts: number[], offset: string | undefined): string | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) {
    return day < 1 ? 'there is no day 0' : `${MONTHS[month - 1]} ${year} has ${days} days`;
  }
  if (hour > 23) return `there is no hour ${hour} (00–23)`;
  if (minute > 59) return `there is no minute ${minute} (00–59)`;
  if (second > 59) return `there is no second ${second} (00–59)`;
  if (offset && offset.toUpperCase() !== 'Z') {
    const [hours, minutes] = offset.slice(1).split(':').map(Number);
    if ((hours ?? 0) > 23 || (minutes ?? 0) > 59) return `there is no offset ${offset}`;
  }
  return undefined;
}

/** An instant read from a string, or why the string is not one. */
export type ParsedInstant =
  | { date: Date; problem?: undefined }
  | { date?: undefined; problem: string };

/**
 * Reads an ISO 8601 date or date-time strictly. A date alone is midnight UTC; a date-time needs `Z`
 * or an offset (a wall time alone would depend on the server's zone).
 *
 * @example
 * ```ts
 * parseInstant('2026-11-01T12:30:00+03:00').date; // 2026-11-01T09:30:00.000Z
 * parseInstant('2026-02-30').problem; // '"2026-02-30" is not a calendar date: February 2026 has 28 days'
 * ```
 */
export function parseInstant(text: string): ParsedInstant {
  const match = ISO_PATTERN.exec(text);
  if (match === null) return { problem: `${quoted(text)} is not an ISO 8601 date: ${EXAMPLES}` };
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  if (hour !== undefined && offset === undefined) {
    const problem = `${quoted(text)} has no time zone: end it with Z or an offset such as +03:00`;
    return { problem };
  }
  const parts = [year, month, day, hour, minute, second].map((part) => Number(part ?? 0));
  const problem = calendarProblem(parts, offset);
  if (problem) return { problem: `${quoted(text)} is not a calendar date: ${problem}` };
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = parts;
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  utc.setUTCHours(h, mi, s, Number((fraction ?? '0').slice(0, 3).padEnd(3, '0')));
  const sign = offset?.startsWith('-') ? -1 : 1;
  const [offsetHours = 0, offsetMinutes = 0] =
    offset && offset.toUpperCase() !== 'Z' ? offset.slice(1).split(':').map(Number) : [];
  return { date: new Date(utc.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000) };
}

/**
 * An instant given as a `Date` or an ISO 8601 string (`2026-11-01`, `2026-11-01T09:30:00Z`,
 * `2026-11-01T12:30:00.000+03:00`), read strictly into a `Date`. Anything else — numbers, objects,
 * an `Invalid Date`, a day the calendar does not have — is an issue saying what is wrong.
 */
export const instantSchema = z
  .custom<Date | string>((value) => value instanceof Date || typeof value === 'string', {
    error: (issue) => `expected a Date or an ISO 8601 string, got ${kindOf(issue.input)}`,
  })
  .transform((value, ctx): Date => {
    const parsed: ParsedInstant =
      typeof value === 'string'
        ? parseInstant(value)
        : Number.isNaN(value.getTime())
          ? { problem: 'an Invalid Date object: pass a valid Date' }
          : { date: value };
    if (parsed.problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: parsed.problem, input: value });
      return z.NEVER;
    }
    return parsed.date;
  });
