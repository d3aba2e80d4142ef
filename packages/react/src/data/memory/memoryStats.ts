import {
  type ActivityEvent,
  type ActivityStats,
  type ActorCount,
  type KeyCount,
  type PeriodRange,
  resolvePeriod,
  type StatsBucket,
  startOfDayInZone,
  timeZoneOffset,
  type WeekDay,
} from '@activitykit/schema';
import { ActivitySourceError } from '../source.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The analytics period: the preset, else from/to (30 days before `to` by default), else the last 30 days. */
export function statsRange(
  filter: { preset?: string | undefined; from?: Date | undefined; to?: Date | undefined },
  options: { now: Date; timeZone: string; weekStartsOn?: WeekDay },
): PeriodRange {
  if (filter.preset || (!filter.from && !filter.to)) {
    return resolvePeriod((filter.preset ?? 'last_30_days') as 'last_30_days', options);
  }
  const to = filter.to ?? options.now;
  const from = filter.from ?? new Date(to.getTime() - 30 * DAY);
  if (from.getTime() >= to.getTime()) {
    throw new ActivitySourceError(
      'INVALID_INPUT',
      'The period is empty: `from` must be before `to`.',
      {
        status: 400,
        serverCode: 'INVALID_QUERY',
      },
    );
  }
  return { from, to };
}

/** `hour` up to 2 days, `day` up to 90 days, else `week` — the server's choice. */
export function chooseBucket(range: PeriodRange): StatsBucket {
  const span = range.to.getTime() - range.from.getTime();
  if (span <= 2 * DAY + HOUR) return 'hour';
  if (span <= 90 * DAY + HOUR) return 'day';
  return 'week';
}

/** Where the buckets lie: the zone's calendar, weeks starting on `weekStartsOn`. */
interface Calendar {
  timeZone: string;
  weekStartsOn: WeekDay;
}

function bucketStart(instant: number, bucket: StatsBucket, calendar: Calendar): number {
  const { timeZone } = calendar;
  if (bucket === 'hour') {
    const offset = timeZoneOffset(instant, timeZone);
    return instant - ((((instant + offset) % HOUR) + HOUR) % HOUR);
  }
  const day = startOfDayInZone(new Date(instant), timeZone).getTime();
  if (bucket === 'day') return day;
  // Weeks start on `weekStartsOn`, in the zone's calendar.
  const weekday = new Date(day + timeZoneOffset(day, timeZone)).getUTCDay();
  const back = (weekday - calendar.weekStartsOn + 7) % 7;
  return back === 0
    ? day
    : startOfDayInZone(new Date(day - back * DAY + 12 * HOUR), timeZone).getTime();
}

function nextStart(start: number, bucket: StatsBucket, calendar: Calendar): number {
  if (bucket === 'hour') return bucketStart(start + HOUR + 1, 'hour', calendar);
  const ahead = bucket === 'day' ? 30 * HOUR : 7 * DAY + 6 * HOUR;
  return startOfDayInZone(new Date(start + ahead), calendar.timeZone).getTime();
}

function countBy(events: ActivityEvent[], key: (event: ActivityEvent) => string): KeyCount[] {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(key(event), (counts.get(key(event)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const isFailedLogin = (event: ActivityEvent) =>
  event.kind === 'login_failed' || (event.kind === 'login' && event.outcome === 'failure');

/**
 * The analytics figures of SPEC §6 over events already filtered (everything but the period), as
 * the store computes them, in JavaScript.
 */
export function computeStats(
  events: ActivityEvent[],
  options: {
    range: PeriodRange;
    timeZone: string;
    weekStartsOn?: WeekDay;
    bucket?: StatsBucket | undefined;
  },
): ActivityStats {
  const { range, timeZone } = options;
  const calendar: Calendar = { timeZone, weekStartsOn: options.weekStartsOn ?? 1 };
  const bucket = options.bucket ?? chooseBucket(range);
  const from = range.from.getTime();
  const to = range.to.getTime();
  const inRange = events.filter(
    (e) => e.occurredAt.getTime() >= from && e.occurredAt.getTime() < to,
  );

  const starts: number[] = [];
  for (
    let start = bucketStart(from, bucket, calendar);
    start < to;
    start = nextStart(start, bucket, calendar)
  ) {
    starts.push(start);
    if (starts.length > 5000) {
      throw new ActivitySourceError('INVALID_INPUT', 'Too many buckets: pick a wider bucket.', {
        status: 400,
        serverCode: 'INVALID_QUERY',
      });
    }
  }
  const counts = new Map<number, number>();
  for (const event of inRange) {
    const start = bucketStart(event.occurredAt.getTime(), bucket, calendar);
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }

  const actors = new Map<string, ActorCount & { last: number }>();
  for (const event of inRange) {
    const at = event.occurredAt.getTime();
    const entry = actors.get(event.actor.id);
    const summary = {
      id: event.actor.id,
      type: event.actor.type,
      ...(event.actor.name ? { name: event.actor.name } : {}),
      ...(event.actor.role ? { role: event.actor.role } : {}),
    };
    if (!entry) actors.set(event.actor.id, { actor: summary, count: 1, last: at });
    else {
      entry.count += 1;
      if (at >= entry.last) Object.assign(entry, { actor: summary, last: at });
    }
  }
  const topActors = [...actors.values()]
    .sort((a, b) => b.count - a.count || (a.actor.id < b.actor.id ? -1 : 1))
    .slice(0, 10)
    .map(({ actor, count }) => ({ actor, count }));

  const logins = inRange.filter((e) => e.kind === 'login' && e.outcome === 'success');
  const failures = inRange.filter(isFailedLogin).length;
  return {
    range,
    timeZone,
    bucket,
    series: starts.map((start) => ({ start: new Date(start), count: counts.get(start) ?? 0 })),
    byKind: countBy(inRange, (e) => e.kind),
    byCategory: countBy(inRange, (e) => e.category),
    byAction: countBy(inRange, (e) => e.action).slice(0, 10),
    byOutcome: countBy(inRange, (e) => e.outcome),
    topActors,
    auth: {
      logins: logins.length,
      failures,
      logouts: inRange.filter((e) => e.kind === 'logout').length,
      failureRate: logins.length + failures === 0 ? 0 : failures / (logins.length + failures),
      uniqueUsers: new Set(logins.map((e) => e.actor.id)).size,
    },
    total: inRange.length,
  };
}
