import { SchemaError } from '../errors.ts';

const QUARTER_MS = 15 * 60 * 1000;
const MAX_CACHED = 4096;

interface ZoneClock {
  formatter: Intl.DateTimeFormat;
  /** The zone's offset from UTC in ms, by quarter-hour since the epoch (quarters without a change). */
  offsets: Map<number, number>;
}

const clocks = new Map<string, ZoneClock>();

/**
 * An instant as the clocks of an IANA time zone show it, `YYYY-MM-DD HH:mm:ss` (24-hour, sortable,
 * and read as a date-time by Excel, LibreOffice and Google Sheets in every locale).
 *
 * Exports format millions of times, so `Intl` is asked once per quarter-hour of the timeline: every
 * offset change in use today falls on a quarter-hour, and a quarter whose two ends disagree (a
 * historic change at an odd minute) is formatted instant by instant.
 *
 * Throws a `SchemaError` with code `INVALID_TIME_ZONE` for a zone `Intl` does not know.
 *
 * @example
 * ```ts
 * formatCsvTime(new Date('2026-11-23T11:05:09Z'), 'Europe/Moscow'); // '2026-11-23 14:05:09'
 * formatCsvTime(new Date('2026-11-23T11:05:09Z'), 'UTC'); // '2026-11-23 11:05:09'
 * ```
 */
export function formatCsvTime(date: Date, timeZone: string): string {
  const instant = date.getTime();
  if (Number.isNaN(instant)) return '';
  const clock = clockFor(timeZone);
  const quarter = Math.floor(instant / QUARTER_MS);
  let offset = clock.offsets.get(quarter);
  if (offset === undefined) {
    const start = offsetAt(clock, quarter * QUARTER_MS);
    const end = offsetAt(clock, (quarter + 1) * QUARTER_MS - 1);
    if (start !== end) return formatUtc(instant + offsetAt(clock, instant));
    if (clock.offsets.size >= MAX_CACHED) clock.offsets.clear();
    clock.offsets.set(quarter, start);
    offset = start;
  }
  return formatUtc(instant + offset);
}

function clockFor(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock) return clock;
  try {
    clock = {
      formatter: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      offsets: new Map(),
    };
  } catch (error) {
    throw new SchemaError(
      'INVALID_TIME_ZONE',
      `unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like Europe/Moscow`,
      { cause: error },
    );
  }
  if (clocks.size >= 64) clocks.clear();
  clocks.set(timeZone, clock);
  return clock;
}

/** How far the zone's clocks are ahead of UTC at `instant` (whole seconds), in milliseconds. */
function offsetAt(clock: ZoneClock, instant: number): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  const fields: Record<string, string> = {};
  for (const part of clock.formatter.formatToParts(whole)) fields[part.type] = part.value;
  const year = Number(fields.year);
  const wall = new Date(0);
  wall.setUTCFullYear(
    fields.era === 'BC' ? 1 - year : year,
    Number(fields.month) - 1,
    Number(fields.day),
  );
  wall.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
  return wall.getTime() - whole;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` of an instant read as UTC. */
function formatUtc(wall: number): string {
  const date = new Date(wall);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}
