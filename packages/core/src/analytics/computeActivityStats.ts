import {
  type ActivityStats,
  type AuthStats,
  type BucketStartsOptions,
  bucketStarts,
  chooseBucket,
  fillBuckets,
  type KeyCount,
  type PeriodRange,
  SchemaError,
  type StatsBucket,
  type WeekDay,
} from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { ActivityError } from '../errors.ts';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import {
  checkInteger,
  checkRangeAndZone,
  type EventMatch,
  type GroupRow,
  SUCCESSFUL_LOGIN,
  tallyKinds,
  within,
} from './shared.ts';
import { topActors } from './topActors.ts';

export type { ActivityStats, AuthStats, KeyCount };

/** Options of {@link computeActivityStats}. */
export interface ActivityStatsOptions {
  /** The scope and the user's filters, from the store's query builder. */
  match: EventMatch;
  /** The period charted: `from` inclusive, `to` exclusive. Events outside it are not counted. */
  range: PeriodRange;
  /** IANA zone whose hours, days and weeks the series follows. Defaults to `'UTC'`. */
  timeZone?: string;
  /** Series bucket. Defaults to `hour` up to 2 days, `day` up to 90 days, else `week`. */
  bucket?: StatsBucket;
  /** The first day of a week bucket, `0` for Sunday. Defaults to `1` (Monday). */
  weekStartsOn?: WeekDay;
  /** How many actions `byAction` lists (1–100). Defaults to `10`. */
  topActions?: number;
  /** How many actors `topActors` lists (1–100). Defaults to `10`. */
  topActors?: number;
}

/**
 * What `store.stats(query, scope, options)` takes besides the query and the scope, which make the
 * match and the range.
 */
export type StoreStatsOptions = Omit<ActivityStatsOptions, 'match' | 'range'>;

/**
 * Counts over time, breakdowns, the most active actors and sign-in figures for the events that match
 * `match` within `range`. Each figure is its own small pipeline with one `$sum` (FerretDB computes
 * only the first accumulator of a `$group`); the series groups on the precomputed `quarter` and is
 * bucketed in the time zone in JavaScript, so hour, day and week buckets follow local clocks —
 * 23- and 25-hour days included.
 *
 * @example
 * ```ts
 * const stats = await computeActivityStats(collection, {
 *   match: { tenantId: 'acme' },
 *   range: resolvePeriod('last_7_days', { timeZone: 'Europe/Moscow' }),
 *   timeZone: 'Europe/Moscow',
 * });
 * stats.bucket; // 'day'
 * stats.series.length; // 7
 * stats.auth.failureRate; // e.g. 0.25
 * ```
 */
export async function computeActivityStats(
  collection: Collection<EventDocument>,
  options: ActivityStatsOptions,
): Promise<ActivityStats> {
  const { range, timeZone = 'UTC', weekStartsOn = 1 } = options;
  const topActionCount = options.topActions ?? 10;
  const topActorCount = options.topActors ?? 10;
  checkRangeAndZone(range, timeZone);
  checkInteger('topActions', topActionCount, [1, 100]);
  checkInteger('topActors', topActorCount, [1, 100]);
  const bucket = options.bucket ?? chooseBucket(range);
  const starts = seriesStarts({ range, timeZone, bucket, weekStartsOn });
  const match = within(options.match, range);

  const countBy = (field: string, limit?: number) =>
    collection
      .aggregate<GroupRow<unknown>>([
        { $match: match },
        { $group: { _id: `$${field}`, n: { $sum: 1 } } },
        ...(limit ? [{ $sort: { n: -1, _id: 1 } }, { $limit: limit }] : []),
      ])
      .toArray();
  const [quarters, kindOutcome, categories, actions, actors, uniqueUsers] = await Promise.all([
    countBy('quarter'),
    collection
      .aggregate<GroupRow<{ kind?: string; outcome?: string }>>([
        { $match: match },
        { $group: { _id: { kind: '$kind', outcome: '$outcome' }, n: { $sum: 1 } } },
      ])
      .toArray(),
    countBy('category'),
    countBy('action', topActionCount),
    topActors(collection, { match, limit: topActorCount }),
    collection
      .aggregate<{ n: number }>([
        { $match: within(options.match, range, SUCCESSFUL_LOGIN) },
        { $group: { _id: '$actor.id' } },
        { $count: 'n' },
      ])
      .toArray(),
  ]);

  const counts = fillBuckets(
    starts,
    quarters.map((row) => ({ instant: Number(row._id) * QUARTER_MS, count: row.n })),
  );
  const { kinds, outcomes, auth } = tallyKinds(
    kindOutcome.map(({ _id, n }) => ({
      kind: String(_id.kind ?? 'other'),
      outcome: String(_id.outcome ?? 'success'),
      n,
    })),
  );
  return {
    range: { from: range.from, to: range.to },
    timeZone,
    bucket,
    series: starts.map((start, index) => ({ start: new Date(start), count: counts[index] ?? 0 })),
    byKind: sorted(kinds),
    byCategory: sorted(new Map(categories.map((row) => [String(row._id), row.n]))),
    byAction: actions.map((row) => ({ key: String(row._id), count: row.n })),
    byOutcome: sorted(outcomes),
    topActors: actors,
    auth: {
      ...auth,
      uniqueUsers: uniqueUsers[0]?.n ?? 0,
    },
    total: counts.reduce((sum, count) => sum + count, 0),
  };
}

/**
 * The first instant of every bucket of a series (schema's `bucketStarts`), refusing more than
 * `MAX_BUCKETS` of them as a bad query (`INVALID_QUERY`), as the store refuses any.
 *
 * @example
 * ```ts
 * seriesStarts({ range: lastYear, timeZone: 'UTC', bucket: 'hour' }); // throws INVALID_QUERY
 * ```
 */
export function seriesStarts(options: BucketStartsOptions): number[] {
  try {
    return bucketStarts(options);
  } catch (error) {
    if (error instanceof SchemaError) {
      throw new ActivityError('INVALID_QUERY', error.message, { cause: error });
    }
    throw error;
  }
}

function sorted(counts: Map<string, number>): KeyCount[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
