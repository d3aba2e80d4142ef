import { SchemaError } from './errors.ts';
import type { PeriodRange, WeekDay } from './period.ts';
import type { StatsBucket } from './results.ts';
import {
  DAY_MS,
  HOUR_MS,
  lastStartAtOrBefore,
  localTime,
  mod,
  type OffsetSpan,
  offsetSpans,
} from './zone.ts';

/**
 * The most buckets one series may have (a year of days is 366; a year of hours is refused).
 *
 * @example
 * ```ts
 * if ((to - from) / HOUR_MS > MAX_BUCKETS) bucket = 'day';
 * ```
 */
export const MAX_BUCKETS = 5000;

/**
 * The bucket a range is charted in when the caller names none: `hour` up to 2 days, `day` up to 90
 * days, `week` beyond. An hour of slack on each limit keeps a 2-day or 90-day range that crosses a
 * daylight-saving change (49 or 2161 hours long) in the smaller bucket.
 *
 * @example
 * ```ts
 * chooseBucket({ from: new Date('2026-11-01'), to: new Date('2026-11-08') }); // 'day'
 * ```
 */
export function chooseBucket(range: PeriodRange): StatsBucket {
  const span = range.to.getTime() - range.from.getTime();
  if (span <= 2 * DAY_MS + HOUR_MS) return 'hour';
  if (span <= 90 * DAY_MS + HOUR_MS) return 'day';
  return 'week';
}

/** Options of {@link bucketStarts}. */
export interface BucketStartsOptions {
  range: PeriodRange;
  /** IANA zone whose hours, days and weeks the buckets follow. */
  timeZone: string;
  bucket: StatsBucket;
  /** The first day of a week bucket, `0` for Sunday. Defaults to `1` (Monday). */
  weekStartsOn?: WeekDay;
}

/**
 * The first instant of every bucket that overlaps `range`, in order: local hours (each instant the
 * clocks show `:00`, and each change of offset, so the day the clocks go back has 25 of them and the
 * day they go forward 23), local midnights (a day lasts 23, 24 or 25 hours) or the midnights that
 * start a week. The first start is the beginning of the bucket that holds `range.from`, so it may
 * lie before it. More than {@link MAX_BUCKETS} buckets are refused with an `INVALID_INPUT`
 * {@link SchemaError} that says to choose a larger bucket or a shorter range.
 *
 * @example
 * ```ts
 * const starts = bucketStarts({
 *   range: { from: new Date('2026-11-01T04:00:00Z'), to: new Date('2026-11-02T05:00:00Z') },
 *   timeZone: 'America/New_York',
 *   bucket: 'hour',
 * });
 * starts.length; // 25
 * ```
 */
export function bucketStarts(options: BucketStartsOptions): number[] {
  const { range, timeZone, bucket, weekStartsOn = 1 } = options;
  const from = range.from.getTime();
  const to = range.to.getTime();
  const unit = bucket === 'hour' ? HOUR_MS : bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  if ((to - from) / unit > MAX_BUCKETS) {
    throw new SchemaError(
      'INVALID_INPUT',
      `A series of ${bucket}s over this range would have more than ${MAX_BUCKETS} points: ` +
        'choose a larger bucket or a shorter range.',
    );
  }
  const lookBehind = bucket === 'hour' ? DAY_MS : bucket === 'day' ? 2 * DAY_MS : 9 * DAY_MS;
  const spans = offsetSpans(from - lookBehind, to, timeZone);
  let starts = bucket === 'hour' ? hourStarts(spans) : dayStarts(spans);
  if (bucket === 'week') {
    starts = starts.filter((start) => weekDayOf(start, spans) === weekStartsOn);
  }
  const first = starts.findLastIndex((start) => start <= from);
  return starts.slice(Math.max(first, 0));
}

/** Every instant the clocks show a whole hour, and every change of offset. */
function hourStarts(spans: OffsetSpan[]): number[] {
  const starts: number[] = [];
  const push = (instant: number) => {
    if (instant > (starts.at(-1) ?? Number.NEGATIVE_INFINITY)) starts.push(instant);
  };
  spans.forEach((span, index) => {
    if (index > 0) push(span.start);
    const first = span.start + mod(-(span.start + span.offset), HOUR_MS);
    for (let instant = first; instant < span.end; instant += HOUR_MS) push(instant);
  });
  return starts;
}

/** The first instant of every local date (a date the clocks return to is not started again). */
function dayStarts(spans: OffsetSpan[]): number[] {
  const starts: number[] = [];
  let lastDay = Number.NEGATIVE_INFINITY;
  const push = (instant: number, offset: number) => {
    const day = Math.floor((instant + offset) / DAY_MS);
    if (day > lastDay) {
      starts.push(instant);
      lastDay = day;
    }
  };
  spans.forEach((span, index) => {
    if (index > 0) push(span.start, span.offset);
    else lastDay = Math.floor((span.start + span.offset) / DAY_MS);
    const first = span.start + mod(-(span.start + span.offset), DAY_MS);
    for (let instant = first; instant < span.end; instant += DAY_MS) push(instant, span.offset);
  });
  return starts;
}

function weekDayOf(instant: number, spans: OffsetSpan[]): number {
  // 1 January 1970 was a Thursday.
  return mod(Math.floor(localTime(instant, spans) / DAY_MS) + 4, 7);
}

/**
 * Adds up counts into the buckets that hold their instants (ms since the epoch): each goes to the
 * last bucket that starts at or before it (an instant before the first start, to the first).
 * Count single events with `count: 1`, or pre-grouped counts — the store adds up its per-quarter-
 * hour counts, which never straddle two buckets since zone offsets are multiples of 15 minutes.
 *
 * @example
 * ```ts
 * const HOUR = 3_600_000;
 * fillBuckets([0, HOUR], [{ instant: 0, count: 2 }, { instant: HOUR + 5, count: 1 }]); // [2, 1]
 * ```
 */
export function fillBuckets(
  starts: number[],
  counts: Iterable<{ instant: number; count: number }>,
): number[] {
  const totals = starts.map(() => 0);
  for (const { instant, count } of counts) {
    const index = lastStartAtOrBefore(starts, instant, (start) => start);
    totals[index] = (totals[index] ?? 0) + count;
  }
  return totals;
}
