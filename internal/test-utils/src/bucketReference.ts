/** A series bucket, as schema's `StatsBucket`. */
type StatsBucket = 'hour' | 'day' | 'week';

/*
 * An independent reference for the analytics tests: it reads every local time from `Intl` instead
 * of computing offsets, and finds bucket boundaries by brute force.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const QUARTER = 15 * 60_000;

// One formatter per zone: building one per instant made the property test crawl on a busy machine.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a label reads: the zone, the bucket, and the first day of a week (`1`, Monday, by default). */
export interface LabelOptions {
  timeZone: string;
  bucket: StatsBucket;
  weekStartsOn?: number;
}

/**
 * Reference: the label of the bucket an instant falls in, read straight from `Intl` — the local
 * date, hour and UTC offset for hours, the local date for days, the local date of the week's first
 * day for weeks.
 *
 * @example
 * ```ts
 * label(Date.parse('2026-11-01T06:30:00Z'), { timeZone: 'America/New_York', bucket: 'hour' });
 * // '2026-11-01 01 GMT-05:00'
 * ```
 */
export function label(instant: number, options: LabelOptions): string {
  const { timeZone, bucket, weekStartsOn = 1 } = options;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  if (bucket === 'hour') return `${date} ${parts.hour} ${parts.timeZoneName}`;
  if (bucket === 'day') return date;
  const noon = new Date(`${date}T12:00:00Z`);
  const back = (noon.getUTCDay() - weekStartsOn + 7) % 7;
  return new Date(noon.getTime() - back * DAY).toISOString().slice(0, 10);
}

/**
 * Reference: bucket starts found by reading the label of every quarter hour and noting changes.
 *
 * @example
 * ```ts
 * referenceStarts(range, { timeZone: 'America/New_York', bucket: 'day' }); // [from, …]
 * ```
 */
export function referenceStarts(range: { from: Date; to: Date }, options: LabelOptions): number[] {
  const from = range.from.getTime();
  const starts: number[] = [];
  let previous = '';
  const first = Math.floor((from - 8 * DAY) / QUARTER) * QUARTER;
  for (let instant = first; instant < range.to.getTime(); instant += QUARTER) {
    const current = label(instant, options);
    if (current !== previous) starts.push(instant);
    previous = current;
  }
  return starts.slice(starts.findLastIndex((start) => start <= from));
}
