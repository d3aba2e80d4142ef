/**
 * Time-zone arithmetic for analytics, done in JavaScript because FerretDB has no date operators.
 * A zone's offset is constant between transitions, so a range is cut into {@link OffsetSpan}s (one
 * `Intl` reading per day of the range, plus a bisection at each transition) and every local time in
 * it is then plain arithmetic.
 */
import { timeZoneOffset } from '@activitykit/schema';

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

/** A stretch of time, `start` inclusive and `end` exclusive, over which a zone keeps one offset. */
export interface OffsetSpan {
  start: number;
  end: number;
  /** How far local clocks are ahead of UTC, in milliseconds. */
  offset: number;
}

/**
 * How far clocks in `timeZone` are ahead of UTC at `instant` (ms since the epoch), in milliseconds.
 *
 * @example
 * ```ts
 * offsetAt(Date.UTC(2026, 10, 1, 12), 'America/New_York'); // -18_000_000 (UTC−5)
 * ```
 */
export function offsetAt(instant: number, timeZone: string): number {
  return timeZoneOffset(instant, timeZone);
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
  let offset = offsetAt(from, timeZone);
  for (let probe = from; probe < to; ) {
    const next = Math.min(probe + DAY_MS, to);
    const nextOffset = offsetAt(next, timeZone);
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
  const target = offsetAt(options.high, timeZone);
  let low = Math.floor(options.low / 1000);
  let high = Math.ceil(options.high / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * 1000, timeZone) === target) high = middle;
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
  let low = 0;
  let high = spans.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((spans[middle] as OffsetSpan).start <= instant) low = middle;
    else high = middle - 1;
  }
  return instant + (spans[low]?.offset ?? 0);
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
  return new Date(time + offsetAt(time, timeZone)).toISOString().slice(0, 16).replace('T', ' ');
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
