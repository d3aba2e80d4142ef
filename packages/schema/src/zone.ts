/**
 * Time-zone arithmetic for analytics, in plain JavaScript: the store's FerretDB has no date
 * operators, and the React memory source runs in the browser. A zone's offset is constant between
 * transitions, so a range is cut into {@link OffsetSpan}s (one `Intl` reading per day of the range,
 * plus a bisection at each transition) and every local time in it is then plain arithmetic.
 */
import { timeZoneOffset } from './period.ts';

/**
 * One hour in milliseconds.
 *
 * @example
 * ```ts
 * new Date(start.getTime() + HOUR_MS);
 * ```
 */
export const HOUR_MS = 3_600_000;
/**
 * One day of 24 hours in milliseconds.
 *
 * @example
 * ```ts
 * Math.floor(localTime(instant, spans) / DAY_MS); // the local day number
 * ```
 */
export const DAY_MS = 86_400_000;

/**
 * A stretch of time, `start` inclusive and `end` exclusive (ms since the epoch), over which a zone
 * keeps one offset.
 *
 * @example
 * ```ts
 * // New York's winter time of 2026–27: UTC−5 from 1 November to 14 March.
 * const winter: OffsetSpan = {
 *   start: Date.UTC(2026, 10, 1, 6),
 *   end: Date.UTC(2027, 2, 14, 7),
 *   offset: -5 * HOUR_MS,
 * };
 * ```
 */
export interface OffsetSpan {
  start: number;
  end: number;
  /** How far local clocks are ahead of UTC, in milliseconds. */
  offset: number;
}

/**
 * The spans of constant offset that cover `[from, to)`, in order. Transitions are found by reading
 * the offset once a day and bisecting (to the second) where it changed.
 *
 * @example
 * ```ts
 * offsetSpans(Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 2), 'America/New_York');
 * // [{ start: …T00:00Z, end: …T06:00Z, offset: -4 h }, { start: …T06:00Z, end: …+1d, offset: -5 h }]
 * ```
 */
export function offsetSpans(from: number, to: number, timeZone: string): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let start = from;
  let offset = timeZoneOffset(from, timeZone);
  for (let probe = from; probe < to; ) {
    const next = Math.min(probe + DAY_MS, to);
    const nextOffset = timeZoneOffset(next, timeZone);
    if (nextOffset !== offset) {
      const change = transitionBetween({ low: probe, high: next, timeZone });
      if (change > start && change < to) spans.push({ start, end: change, offset });
      if (change < to) {
        start = Math.max(change, start);
        offset = nextOffset;
      }
    }
    probe = next;
  }
  spans.push({ start, end: to, offset });
  return spans;
}

/** The first whole second in `(low, high]` that already has `high`'s offset. */
function transitionBetween(options: { low: number; high: number; timeZone: string }): number {
  const { timeZone } = options;
  const target = timeZoneOffset(options.high, timeZone);
  let low = Math.floor(options.low / 1000);
  let high = Math.ceil(options.high / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (timeZoneOffset(middle * 1000, timeZone) === target) high = middle;
    else low = middle;
  }
  return high * 1000;
}

/**
 * The local clock at `instant` as milliseconds "since the local epoch" (read with `getUTC*`), using
 * spans from {@link offsetSpans} that cover it.
 *
 * @example
 * ```ts
 * const spans = offsetSpans(from, to, 'Asia/Kolkata');
 * new Date(localTime(Date.UTC(2026, 10, 1, 20), spans)).getUTCHours(); // 1 (01:30 next day)
 * ```
 */
export function localTime(instant: number, spans: OffsetSpan[]): number {
  return instant + (spans[lastStartAtOrBefore(spans, instant, (span) => span.start)]?.offset ?? 0);
}

/**
 * The index of the last of `items` (in order of start) that starts at or before `instant`, or `0`
 * when every one starts after it — a binary search, shared by {@link localTime} and the buckets.
 */
export function lastStartAtOrBefore<T>(
  items: readonly T[],
  instant: number,
  startOf: (item: T) => number,
): number {
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (startOf(items[middle] as T) <= instant) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * `instant` as `YYYY-MM-DD HH:mm` on the clocks of `timeZone` (for descriptions).
 *
 * @example
 * ```ts
 * formatLocal(new Date('2026-11-01T06:30:00Z'), 'America/New_York'); // '2026-11-01 01:30'
 * ```
 */
export function formatLocal(instant: Date, timeZone: string): string {
  const time = instant.getTime();
  return new Date(time + timeZoneOffset(time, timeZone))
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

/**
 * `value` modulo `divisor`, always in `[0, divisor)`.
 *
 * @example
 * ```ts
 * mod(-1, 7); // 6
 * ```
 */
export function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
