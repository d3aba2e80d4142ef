import { SchemaError } from '../errors.ts';
import { isValidTimeZone, timeZoneOffset } from '../period.ts';

const QUARTER_MS = 15 * 60 * 1000;
const MAX_CACHED = 4096;

/** Per zone: its offset from UTC in ms, by quarter-hour since the epoch (quarters without a change). */
const offsetsByZone = new Map<string, Map<number, number>>();

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
  const offsets = offsetsFor(timeZone);
  const quarter = Math.floor(instant / QUARTER_MS);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    const start = timeZoneOffset(quarter * QUARTER_MS, timeZone);
    const end = timeZoneOffset((quarter + 1) * QUARTER_MS - 1, timeZone);
    if (start !== end) return formatUtc(instant + timeZoneOffset(instant, timeZone));
    if (offsets.size >= MAX_CACHED) offsets.clear();
    offsets.set(quarter, start);
    offset = start;
  }
  return formatUtc(instant + offset);
}

function offsetsFor(timeZone: string): Map<number, number> {
  let offsets = offsetsByZone.get(timeZone);
  if (offsets) return offsets;
  if (!isValidTimeZone(timeZone)) {
    throw new SchemaError(
      'INVALID_TIME_ZONE',
      `unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like Europe/Moscow`,
    );
  }
  offsets = new Map();
  if (offsetsByZone.size >= 64) offsetsByZone.clear();
  offsetsByZone.set(timeZone, offsets);
  return offsets;
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
