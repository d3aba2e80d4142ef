import { SchemaError } from './errors.ts';
import type { PeriodPreset } from './query.ts';

/** A clock reading in some time zone, without an offset. Missing time fields are `0`. */
export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** A day of the week: `0` is Sunday, `1` Monday … `6` Saturday. */
export type WeekDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Options of {@link resolvePeriod}. */
export interface ResolvePeriodOptions {
  /** The moment the period is relative to. Defaults to `new Date()`. */
  now?: Date;
  /** IANA time zone whose calendar days the period follows. Defaults to `'UTC'`. */
  timeZone?: string;
  /** The first day of a week, `0` for Sunday. Defaults to `1` (Monday). */
  weekStartsOn?: WeekDay;
}

/** A time range: `from` inclusive, `to` exclusive. */
export interface PeriodRange {
  from: Date;
  to: Date;
}

type CalendarDate = Pick<WallClock, 'year' | 'month' | 'day'>;

const DAY_MS = 86_400_000;
const MAX_CACHED_FORMATTERS = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Whether `timeZone` is a time zone this runtime's `Intl` knows (IANA names such as `Europe/Moscow`
 * in any letter case, and `UTC`).
 *
 * @example
 * ```ts
 * isValidTimeZone('Europe/Moscow'); // true
 * isValidTimeZone('Mars/Base'); // false
 * ```
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The range of a period preset in a time zone. Every boundary is a local midnight, so a day on which
 * the clocks change lasts 23 or 25 hours; `to` is exclusive.
 *
 * @example
 * ```ts
 * resolvePeriod('today', { now: new Date('2026-11-01T12:00:00Z'), timeZone: 'America/New_York' });
 * // { from: 2026-11-01T04:00:00.000Z, to: 2026-11-02T05:00:00.000Z } — a 25-hour day
 * ```
 */
export function resolvePeriod(
  preset: PeriodPreset,
  options: ResolvePeriodOptions = {},
): PeriodRange {
  const { now = new Date(), timeZone = 'UTC', weekStartsOn = 1 } = options;
  assertTimeZone(timeZone);
  if (Number.isNaN(now.getTime())) {
    throw new SchemaError(
      'INVALID_INPUT',
      '`now` is an invalid Date: pass a valid Date or omit it',
    );
  }
  const { year, month, day } = wallClockAt(now.getTime(), timeZone);
  const [first, end] = periodDays(preset, { year, month, day }, weekStartsOn);
  return { from: zonedTimeToInstant(first, timeZone), to: zonedTimeToInstant(end, timeZone) };
}

/**
 * The first instant of the calendar day that `date` falls on in `timeZone`. Where the clocks skip
 * midnight, the day starts at the first instant after the gap (e.g. 01:00).
 *
 * @example
 * ```ts
 * startOfDayInZone(new Date('2026-11-01T22:30:00Z'), 'Europe/Moscow'); // 2026-11-01T21:00:00.000Z
 * ```
 */
export function startOfDayInZone(date: Date, timeZone: string): Date {
  assertTimeZone(timeZone);
  const { year, month, day } = wallClockAt(date.getTime(), timeZone);
  return zonedTimeToInstant({ year, month, day }, timeZone);
}

/**
 * The instant at which clocks in `timeZone` show `wall`. A time the clocks skip (a spring-forward gap)
 * becomes the first instant after the gap; a time shown twice (fall-back) becomes the earlier one.
 *
 * @example
 * ```ts
 * zonedTimeToInstant({ year: 2026, month: 11, day: 1 }, 'America/New_York'); // 2026-11-01T04:00:00.000Z
 * zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
 * // 2026-03-08T07:00:00.000Z — 02:30 does not exist; 03:00 EDT is the first instant after it
 * ```
 */
export function zonedTimeToInstant(wall: WallClock, timeZone: string): Date {
  assertTimeZone(timeZone);
  const local = utcFromWall(wall);
  // At most one transition lies within a day of `local`: the offsets a day before and after are the
  // only candidates. A candidate is right when the zone really has that offset at its instant.
  const offsets = [
    timeZoneOffset(local - DAY_MS, timeZone),
    timeZoneOffset(local + DAY_MS, timeZone),
  ];
  const instants = offsets.map((offset) => local - offset);
  const valid = instants.filter((instant) => timeZoneOffset(instant, timeZone) === local - instant);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(firstInstantOfOffset(instants, timeZone));
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new SchemaError(
      'INVALID_TIME_ZONE',
      `unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like Europe/Moscow`,
    );
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The clock reading in `timeZone` at `instant` (milliseconds since the epoch), to the second. */
function wallClockAt(instant: number, timeZone: string): Required<WallClock> {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: 0,
  };
}

/** Milliseconds since the epoch of `wall` read as UTC (years 0–99 included, unlike `Date.UTC`). */
function utcFromWall(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, wall.millisecond ?? 0);
  return date.getTime();
}

/**
 * How far `timeZone`'s clocks are ahead of UTC at `instant` (ms since the epoch, read to the
 * second), in milliseconds. The one place the kit asks `Intl` for a zone's offset.
 *
 * @example
 * ```ts
 * timeZoneOffset(Date.UTC(2026, 10, 1, 12), 'America/New_York'); // -18_000_000 (UTC−5)
 * ```
 */
export function timeZoneOffset(instant: number, timeZone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return utcFromWall(wallClockAt(whole, timeZone)) - whole;
}

/**
 * In a gap, the transition instant: the first second, between the two candidates, at which the
 * zone already has the later candidate's offset.
 */
function firstInstantOfOffset(instants: number[], timeZone: string): number {
  let low = Math.floor(Math.min(...instants) / 1000);
  let high = Math.ceil(Math.max(...instants) / 1000);
  const target = timeZoneOffset(high * 1000, timeZone);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (timeZoneOffset(middle * 1000, timeZone) === target) high = middle;
    else low = middle;
  }
  return high * 1000;
}

function periodDays(
  preset: PeriodPreset,
  today: CalendarDate,
  weekStartsOn: WeekDay,
): [CalendarDate, CalendarDate] {
  const tomorrow = addDays(today, 1);
  const week = addDays(today, -((dayOfWeek(today) - weekStartsOn + 7) % 7));
  switch (preset) {
    case 'today':
      return [today, tomorrow];
    case 'yesterday':
      return [addDays(today, -1), today];
    case 'this_week':
      return [week, addDays(week, 7)];
    case 'last_week':
      return [addDays(week, -7), week];
    case 'this_month':
      return [firstOfMonth(today, 0), firstOfMonth(today, 1)];
    case 'last_month':
      return [firstOfMonth(today, -1), firstOfMonth(today, 0)];
    case 'last_7_days':
      return [addDays(today, -6), tomorrow];
    case 'last_30_days':
      return [addDays(today, -29), tomorrow];
  }
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(utcFromWall(date) + days * DAY_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

function dayOfWeek(date: CalendarDate): number {
  return new Date(utcFromWall(date)).getUTCDay();
}

function firstOfMonth(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + date.month - 1 + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day: 1 };
}
