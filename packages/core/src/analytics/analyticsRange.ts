import {
  type ActivityFilter,
  DAY_MS,
  type PeriodPreset,
  type PeriodRange,
  resolvePeriod,
  type WeekDay,
} from '@activitykit/schema';
import { ActivityError } from '../errors.ts';

/** Options of {@link analyticsRange}. */
export interface AnalyticsRangeOptions {
  /** The moment presets are relative to, and the end of an open range. */
  now: Date;
  /** IANA zone of presets. */
  timeZone: string;
  /** The first day of a week, `0` for Sunday. Defaults to `1` (Monday). */
  weekStartsOn?: WeekDay;
  /** The period when the filter names none. Defaults to `'last_30_days'`. */
  defaultPreset?: PeriodPreset;
}

/**
 * The period that analytics of a filter cover: its preset resolved in the zone; else its `from` and
 * `to` (`to` defaulting to `now`, `from` to 30 days before `to`); else `defaultPreset`. Throws
 * `INVALID_QUERY` for an empty period.
 *
 * @example
 * ```ts
 * analyticsRange({ preset: 'today' }, { now: new Date('2026-11-01T12:00:00Z'), timeZone: 'America/New_York' });
 * // { from: 2026-11-01T04:00:00.000Z, to: 2026-11-02T05:00:00.000Z }
 * analyticsRange({ from: new Date('2026-11-01') }, { now, timeZone: 'UTC' }); // { from: 2026-11-01, to: now }
 * ```
 */
export function analyticsRange(
  filter: Pick<ActivityFilter, 'preset' | 'from' | 'to'>,
  options: AnalyticsRangeOptions,
): PeriodRange {
  const { now, timeZone, weekStartsOn = 1, defaultPreset = 'last_30_days' } = options;
  if (filter.preset || (!filter.from && !filter.to)) {
    return resolvePeriod(filter.preset ?? defaultPreset, { now, timeZone, weekStartsOn });
  }
  const to = filter.to ?? now;
  const from = filter.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new ActivityError(
      'INVALID_QUERY',
      `The period is empty (from ${from.toISOString()} to ${to.toISOString()}): \`from\` must be before \`to\`.`,
    );
  }
  return { from, to };
}
