import {
  type ActivityQueryInput,
  type ActivityScopeInput,
  isValidTimeZone,
  type WeekDay,
} from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import { scopeIsEmpty } from '../query/buildFilter.ts';
import { parseQuery, parseScope, type Reader } from '../query/reader.ts';
import { analyticsRange } from './analyticsRange.ts';
import {
  type ActivityStats,
  computeActivityStats,
  type StoreStatsOptions,
} from './computeActivityStats.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import type { SecuritySignal, StoreSignalOptions } from './securitySignal.ts';
import type { EventMatch } from './shared.ts';

/** What the store's analytics need from the store. */
export interface StoreAnalyticsDeps {
  collection: Collection<EventDocument>;
  /** The store's reader: its `mongoFilter` turns a query and a scope into the match. */
  reader: Pick<Reader, 'mongoFilter'>;
  clock: () => Date;
  /** The first day of a week, `0` for Sunday. */
  weekStartsOn: WeekDay;
}

/** The analytics side of the store (SPEC §6). */
export interface StoreAnalytics {
  /**
   * Dashboard figures for the events a query finds within a scope: counts over time in the viewer's
   * zone, breakdowns, the most active actors and sign-in figures. The period is the query's preset or
   * `from` / `to` (the last 30 days when it has none); page fields (`cursor`, `limit`, `sort`) are
   * ignored.
   */
  stats(
    query: ActivityQueryInput,
    scope: ActivityScopeInput,
    options?: StoreStatsOptions,
  ): Promise<ActivityStats>;
  /** Security signals among the events a query finds within a scope, most severe first. */
  securitySignals(
    query: ActivityQueryInput,
    scope: ActivityScopeInput,
    options?: StoreSignalOptions,
  ): Promise<SecuritySignal[]>;
}

/** Matches nothing: the match of a scope that may see nothing. */
const NOTHING: EventMatch = { _id: { $in: [] } };

/**
 * The store's `stats` and `securitySignals`: each validates the query and the scope like `list`
 * does (`INVALID_QUERY`, `INVALID_SCOPE`), builds the match with the store's own query builder, and
 * resolves the period in the viewer's zone (`options.timeZone`, else the query's, else UTC).
 *
 * @example
 * ```ts
 * const analytics = createStoreAnalytics({ collection, reader, clock, weekStartsOn: 1 });
 * const stats = await analytics.stats({ preset: 'last_7_days' }, { tenants: ['acme'] }, { timeZone: 'Europe/Moscow' });
 * const signals = await analytics.securitySignals({ preset: 'today' }, { tenants: ['acme'] });
 * ```
 */
export function createStoreAnalytics(deps: StoreAnalyticsDeps): StoreAnalytics {
  const prepare = (
    queryInput: ActivityQueryInput,
    scopeInput: ActivityScopeInput,
    options: { timeZone?: string; weekStartsOn?: WeekDay },
  ) => {
    const scope = parseScope(scopeInput);
    const query = parseQuery(queryInput);
    const timeZone = options.timeZone ?? query.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone)) {
      throw new ActivityError(
        'INVALID_QUERY',
        `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like Europe/Moscow.`,
      );
    }
    const weekStartsOn = options.weekStartsOn ?? deps.weekStartsOn;
    const range = analyticsRange(query, { now: deps.clock(), timeZone, weekStartsOn });
    const match = scopeIsEmpty(scope)
      ? NOTHING
      : deps.reader.mongoFilter({ ...query, timeZone }, scope);
    return { match, range, timeZone, weekStartsOn };
  };
  return {
    async stats(query, scope, options = {}) {
      return computeActivityStats(deps.collection, {
        ...options,
        ...prepare(query, scope, options),
      });
    },
    async securitySignals(query, scope, options = {}) {
      const { weekStartsOn: _weekStartsOn, ...prepared } = prepare(query, scope, options);
      return detectSecuritySignals(deps.collection, { ...options, ...prepared });
    },
  };
}
