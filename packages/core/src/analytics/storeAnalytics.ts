import type { SecuritySignal } from '@activitykit/schema';
import {
  type ActivityQuery,
  type ActivityQueryInput,
  type ActivityScope,
  type ActivityScopeInput,
  chooseBucket,
  isValidTimeZone,
  type WeekDay,
} from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import { scopeIsEmpty } from '../query/buildFilter.ts';
import type { Reader } from '../query/reader.ts';
import { parseQuery, parseScope } from '../query/readInputs.ts';
import type { RollupReader } from '../rollups/readRollups.ts';
import { analyticsRange } from './analyticsRange.ts';
import {
  type ActivityStats,
  computeActivityStats,
  type StoreStatsOptions,
} from './computeActivityStats.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import { statsFromRollups } from './rollupStats.ts';
import type { StoreSignalOptions } from './securitySignal.ts';
import type { EventMatch } from './shared.ts';
import { checkInteger, checkRangeAndZone } from './shared.ts';

/** What the store's analytics need from the store. */
export interface StoreAnalyticsDeps {
  collection: Collection<EventDocument>;
  /** The store's reader: its `mongoFilter` turns a query and a scope into the match. */
  reader: Pick<Reader, 'mongoFilter'>;
  clock: () => Date;
  /** The first day of a week, `0` for Sunday. */
  weekStartsOn: WeekDay;
  /** The write-time counters: unfiltered stats of whole tenants read them instead of events. */
  rollups: RollupReader;
  /** Waits for this process's counter updates (see `RollupWriter.idle`). Defaults to none. */
  countersSettled?: () => Promise<void>;
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

/** Whether a query narrows events beyond a period (a filter or a search). */
function isFiltered(query: ActivityQuery): boolean {
  const {
    from: _from,
    to: _to,
    preset: _preset,
    timeZone: _zone,
    cursor: _c,
    sort: _s,
    limit: _l,
    ...rest
  } = query;
  return Object.values(rest).some(
    (value) => value !== undefined && !(typeof value === 'string' && value.trim() === ''),
  );
}

/**
 * Whether the events a query finds in a scope are its tenants' events, all of them within the
 * period: no filter or search, every role, some tenant. The counters count exactly those.
 */
function wholeTenants(scope: ActivityScope, query: ActivityQuery): boolean {
  return (
    !scopeIsEmpty(scope) && scope.roles === '*' && !scope.refs && !scope.kinds && !isFiltered(query)
  );
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
    return { match, range, timeZone, weekStartsOn, scope, query };
  };
  return {
    async stats(query, scope, options = {}) {
      const { scope: parsedScope, query: parsed, ...prepared } = prepare(query, scope, options);
      if (wholeTenants(parsedScope, parsed)) {
        const topActions = options.topActions ?? 10;
        const topActors = options.topActors ?? 10;
        checkRangeAndZone(prepared.range, prepared.timeZone);
        checkInteger('topActions', topActions, [1, 100]);
        checkInteger('topActors', topActors, [1, 100]);
        await deps.countersSettled?.();
        return statsFromRollups(deps, {
          tenants: parsedScope.tenants,
          range: prepared.range,
          timeZone: prepared.timeZone,
          bucket: options.bucket ?? chooseBucket(prepared.range),
          weekStartsOn: prepared.weekStartsOn,
          topActions,
          topActors,
        });
      }
      return computeActivityStats(deps.collection, { ...options, ...prepared });
    },
    async securitySignals(query, scope, options = {}) {
      const {
        weekStartsOn: _weekStartsOn,
        scope: parsedScope,
        query: parsed,
        ...prepared
      } = prepare(query, scope, options);
      await deps.countersSettled?.();
      return detectSecuritySignals(
        deps.collection,
        { ...options, ...prepared },
        {
          rollups: deps.rollups,
          tenants: parsedScope.tenants,
          wholeTenants: wholeTenants(parsedScope, parsed),
        },
      );
    },
  };
}
