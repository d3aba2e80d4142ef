import type { Collection, Filter } from 'mongodb';
import { BULK_DELETED } from '../integrity/explanations.ts';
import { type EventDocument, QUARTER_MS, utcDaysBetween } from '../internal/document.ts';
import { escapeKey } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import { answerLoginQuestions, type LoginAnswer, type LoginQuestion } from './loginHistory.ts';
import {
  countOffHours,
  groupOffHours,
  type OffHoursActor,
  type OffHoursTest,
} from './offHoursCounts.ts';
import { type EventMatch, mapLimit, sortEvents } from './shared.ts';
import { type DayCounts, kindCount, offHoursOf, readCounters } from './signalCounters.ts';
import { PERMISSION_MARK } from './signalMarks.ts';

/** What the detectors read besides the events: the store's counters and the scope's tenants. */
export interface SignalDeps {
  /** The write-time counters: days (and hours) without candidates are not read. */
  rollups?: RollupReader | undefined;
  /**
   * The scope's tenants, each read on its own with `tenantId` at the top level. Defaults to the
   * match's own `tenantId` when it is a string, else every tenant (`'*'`).
   */
  tenants?: TenantSet | undefined;
  /**
   * The match is the scope's tenants and nothing else (no filter, every role): counts may then come
   * from the counters instead of the events.
   */
  wholeTenants?: boolean | undefined;
}

/**
 * The candidate events of a rule, each a top-level equality: `login` events (both outcomes),
 * `login_failed` events, deletes, bulk deletes of the log, and marked permission changes.
 */
export type CandidateSet = 'login' | 'login_failed' | 'delete' | 'bulk_log' | 'permission';

const SETS: Record<
  CandidateSet,
  { where: Record<string, string>; in: (day: DayCounts) => boolean }
> = {
  login: { where: { kind: 'login' }, in: (day) => kindCount(day, 'login') > 0 },
  login_failed: {
    where: { kind: 'login_failed' },
    in: (day) => kindCount(day, 'login_failed') > 0,
  },
  delete: { where: { kind: 'delete' }, in: (day) => kindCount(day, 'delete') > 0 },
  bulk_log: {
    where: { action: BULK_DELETED },
    in: (day) => (day.a.get(escapeKey(BULK_DELETED)) ?? 0) > 0,
  },
  // Changed-field names are not counted: every day with events is read.
  permission: { where: { marks: PERMISSION_MARK }, in: (day) => day.n > 0 },
};

/** Probes in flight at once. */
const PARALLEL = 4;
/** Above this many hours with events outside business hours, a day is read whole. */
const MAX_HOUR_PROBES = 4;
/** Fields the detectors never read, left on the server. */
const PROJECTION = { snapshot: 0, refs: 0, refKeys: 0 } as const;

/** The reads of one request, shared by its detectors. */
export interface SignalSource {
  collection: Collection<EventDocument>;
  /** The events of `match` within `range` in a candidate set, oldest first (read once). */
  candidates(set: CandidateSet): Promise<EventDocument[]>;
  /**
   * People's (`user` actors') events of `match` within `range` in quarter hours for which
   * `offHours` says yes, by tenant and actor, each with its first `limit` events and its last. For
   * whole tenants the hour counters count them (see `countOffHours`); otherwise only the UTC hours
   * whose day counters hold such quarters are read.
   */
  offHoursActors(offHours: OffHoursTest, limit: number): Promise<OffHoursActor[]>;
  /**
   * Whether users logged in successfully within windows, whatever the match (within each user's own
   * tenant): see `answerLoginQuestions`.
   */
  answerLogins(questions: LoginQuestion[]): Promise<LoginAnswer[]>;
}

/**
 * The reads of the signals for `match` within `range`, in shapes that a server filtering only by
 * top-level equality (FerretDB) serves from its indexes and MongoDB from its compound ones: each
 * probe is `{ tenantId, day | hour, <equality>, $and: [match, range] }` — the whole match still
 * applies — and the counters say which days and hours to probe. Without counters every day of the
 * range is read.
 *
 * @example
 * ```ts
 * const source = createSignalSource(collection, { match, range }, { rollups, tenants: ['acme'] });
 * const deletes = await source.candidates('delete');
 * ```
 */
export function createSignalSource(
  collection: Collection<EventDocument>,
  request: { match: EventMatch; range: { from: Date; to: Date } },
  deps: SignalDeps = {},
): SignalSource {
  const { match, range } = request;
  const tenants: TenantSet =
    deps.tenants ??
    (typeof (match as { tenantId?: unknown }).tenantId === 'string'
      ? [(match as { tenantId: string }).tenantId]
      : '*');
  const tenantKeys = tenants === '*' ? ['*'] : [...new Set(tenants)];
  const days = utcDaysBetween(range.from, range.to);
  const inRange = { occurredAt: { $gte: range.from, $lt: range.to } };
  const tenantPart = (key: string) => (key === '*' ? {} : { tenantId: key });

  let counters: Promise<Map<string, DayCounts> | undefined> | undefined;
  const dayCounts = () => {
    counters ??= readCounters(deps.rollups, tenants, days);
    return counters;
  };
  /** The (tenant, day) pairs to read, by the counters when there are any. */
  const bucketsWhere = async (wanted: (day: DayCounts) => boolean) => {
    const known = await dayCounts();
    return tenantKeys.flatMap((key) =>
      days
        .filter((day) => {
          if (!known) return true;
          const counts = known.get(`${key}|${day}`);
          return counts !== undefined && wanted(counts);
        })
        .map((day) => ({ key, day })),
    );
  };
  const probe = (where: Record<string, unknown>, more: EventMatch[] = []) =>
    collection
      .find({ ...where, $and: [match, inRange, ...more] } as Filter<EventDocument>, {
        projection: PROJECTION,
      })
      .toArray();

  const cache = new Map<CandidateSet, Promise<EventDocument[]>>();
  return {
    collection,
    candidates(set) {
      let found = cache.get(set);
      if (!found) {
        const rule = SETS[set];
        found = bucketsWhere(rule.in).then(async (buckets) =>
          sortEvents(
            (
              await mapLimit(buckets, PARALLEL, ({ key, day }) =>
                probe({ ...tenantPart(key), day, ...rule.where }),
              )
            ).flat(),
          ),
        );
        cache.set(set, found);
      }
      return found;
    },
    async offHoursActors(offHours, limit) {
      if (deps.rollups && deps.wholeTenants) {
        return countOffHours(
          { collection, rollups: deps.rollups, tenants, match, range },
          { offHours, limit },
        );
      }
      const known = await dayCounts();
      const probes: Record<string, unknown>[] = [];
      for (const key of tenantKeys) {
        for (const day of days) {
          if (!known) {
            probes.push({ ...tenantPart(key), day });
            continue;
          }
          const hours = offHoursOf(known.get(`${key}|${day}`), day, offHours);
          if (hours.length > MAX_HOUR_PROBES) probes.push({ ...tenantPart(key), day });
          else for (const hour of hours) probes.push({ ...tenantPart(key), hour });
        }
      }
      const found = await mapLimit(probes, PARALLEL, (where) =>
        probe(where, [{ 'actor.type': 'user' }]),
      );
      return groupOffHours(
        sortEvents(
          found.flat().filter((doc) => offHours(Math.floor(doc.occurredAt.getTime() / QUARTER_MS))),
        ),
        limit,
      );
    },
    answerLogins: (questions) =>
      answerLoginQuestions({ collection, rollups: deps.rollups, tenants }, questions),
  };
}
