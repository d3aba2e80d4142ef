import {
  type ActivityEvent,
  type ActivityStats,
  type ActorCount,
  type BucketStartsOptions,
  bucketStarts,
  chooseBucket,
  DAY_MS,
  fillBuckets,
  type KeyCount,
  type PeriodRange,
  resolvePeriod,
  SchemaError,
  type StatsBucket,
  type WeekDay,
} from '@activitykit/schema';
import { ActivitySourceError } from '../source.ts';

/** The analytics period: the preset, else from/to (30 days before `to` by default), else the last 30 days. */
export function statsRange(
  filter: { preset?: string | undefined; from?: Date | undefined; to?: Date | undefined },
  options: { now: Date; timeZone: string; weekStartsOn?: WeekDay },
): PeriodRange {
  if (filter.preset || (!filter.from && !filter.to)) {
    return resolvePeriod((filter.preset ?? 'last_30_days') as 'last_30_days', options);
  }
  const to = filter.to ?? options.now;
  const from = filter.from ?? new Date(to.getTime() - 30 * DAY_MS);
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

/** The store's buckets (schema's `bucketStarts`); too many of them is the store's `INVALID_QUERY`. */
function seriesStarts(options: BucketStartsOptions): number[] {
  try {
    return bucketStarts(options);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    throw new ActivitySourceError('INVALID_INPUT', error.message, {
      status: 400,
      serverCode: 'INVALID_QUERY',
      cause: error,
    });
  }
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
  const { range, timeZone, weekStartsOn = 1 } = options;
  const bucket = options.bucket ?? chooseBucket(range);
  const from = range.from.getTime();
  const to = range.to.getTime();
  const inRange = events.filter(
    (e) => e.occurredAt.getTime() >= from && e.occurredAt.getTime() < to,
  );

  const starts = seriesStarts({ range, timeZone, bucket, weekStartsOn });
  const counts = fillBuckets(
    starts,
    inRange.map((event) => ({ instant: event.occurredAt.getTime(), count: 1 })),
  );

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
    series: starts.map((start, index) => ({ start: new Date(start), count: counts[index] ?? 0 })),
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
