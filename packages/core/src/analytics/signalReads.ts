import type { Collection, Filter } from 'mongodb';
import { BULK_DELETED } from '../integrity/explanations.ts';
import { type EventDocument, QUARTER_MS, utcDay } from '../internal/document.ts';
import { escapeKey } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import { type EventMatch, mapLimit } from './shared.ts';
import { type DayCounts, kindCount, offHoursOf, readCounters } from './signalCounters.ts';
import { PERMISSION_MARK } from './signalMarks.ts';
import { DAY_MS } from './zone.ts';

/** What the detectors read besides the events: the store's counters and the scope's tenants. */
export interface SignalDeps {
  /** The write-time counters: days (and hours) without candidates are not read. */
  rollups?: RollupReader | undefined;
  /**
   * The scope's tenants, each read on its own with `tenantId` at the top level. Defaults to the
   * match's own `tenantId` when it is a string, else every tenant (`'*'`).
   */
  tenants?: TenantSet | undefined;
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
   * The events of `match` within `range` by `user` actors in a quarter hour for which `offHours`
   * says yes, oldest first: only the UTC hours whose counters hold such quarters are read.
   */
  offHours(offHours: (quarter: number) => boolean): Promise<EventDocument[]>;
  /**
   * Successful logins of the tenants with `from <= occurredAt < to`, whatever the match: one read
   * per tenant by `{ tenantId, kind, outcome }`.
   */
  successfulLogins(from: Date, to: Date): Promise<EventDocument[]>;
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
  const days = daysOf(range);
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
    async offHours(offHours) {
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
      return sortEvents(
        found.flat().filter((doc) => offHours(Math.floor(doc.occurredAt.getTime() / QUARTER_MS))),
      );
    },
    async successfulLogins(from, to) {
      const found = await mapLimit(tenantKeys, PARALLEL, (key) =>
        collection
          .find(
            {
              ...tenantPart(key),
              kind: 'login',
              outcome: 'success',
              $and: [{ occurredAt: { $gte: from, $lt: to } }],
            } as Filter<EventDocument>,
            { projection: { _id: 1, tenantId: 1, occurredAt: 1, actor: 1, context: 1 } },
          )
          .toArray(),
      );
      return sortEvents(found.flat());
    },
  };
}

/** The UTC days `range` touches, oldest first. */
function daysOf(range: { from: Date; to: Date }): string[] {
  const days: string[] = [];
  const last = utcDay(range.to.getTime() - 1);
  for (let at = Date.parse(`${utcDay(range.from)}T00:00:00Z`); ; at += DAY_MS) {
    const day = utcDay(at);
    days.push(day);
    if (day >= last) return days;
  }
}

/** Oldest first, then by id, as `sort({ occurredAt: 1, _id: 1 })` orders them. */
export function sortEvents<T extends { occurredAt: Date; _id: string }>(events: T[]): T[] {
  return events.sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
  );
}
