import type { Collection, Filter } from 'mongodb';
import { BULK_DELETED } from '../integrity/explanations.ts';
import { type EventDocument, QUARTER_MS, utcDaysBetween } from '../internal/document.ts';
import { escapeKey, monthOfDay } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import type { SignalCountsDocument } from '../rollups/rollupDocument.ts';
import { type BurstGroups, burstHours } from './burstHours.ts';
import {
  answerLoginQuestions,
  type LoginAnswer,
  type LoginQuestion,
  type PairToScreen,
  screenLoginPairs,
} from './loginHistory.ts';
import { countLoginPairs, type LoginPair, pairsFromEvents } from './loginPairs.ts';
import {
  countOffHours,
  groupOffHours,
  type OffHoursActor,
  type OffHoursTest,
} from './offHoursCounts.ts';
import type { BurstRule } from './securitySignal.ts';
import { type EventMatch, mapLimit, READS_IN_FLIGHT, sortEvents } from './shared.ts';
import {
  type DayCounts,
  kindCount,
  memoizedReader,
  offHoursOf,
  oldDaysOf,
  readCounters,
  readSignalCounts,
} from './signalCounters.ts';
import {
  FAILED_LOGIN_MARK,
  monthlyPermissionMark,
  PERMISSION_MARK,
  SIGNAL_MARK,
} from './signalMarks.ts';

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
 * The candidate events of a rule, each a top-level equality: successful and failed `login`
 * events, `login_failed` events, deletes, bulk deletes of the log, and marked permission changes.
 */
export type CandidateSet =
  | 'login_success'
  | 'login_failure'
  | 'login_failed'
  | 'delete'
  | 'bulk_log'
  | 'permission';

const counted = (key: string) => (day: DayCounts) => (day.k.get(escapeKey(key)) ?? 0) > 0;
const SETS: Record<
  CandidateSet,
  {
    where: Record<string, string>;
    in: (day: DayCounts) => boolean;
    /**
     * On days whose counters are of the current shape, taken from the day's marked events (one
     * read shared by the rules that mark) rather than read on their own.
     */
    mark?: string;
  }
> = {
  login_success: { where: { kind: 'login', outcome: 'success' }, in: counted('login~success') },
  login_failure: { where: { kind: 'login', outcome: 'failure' }, in: counted('login~failure') },
  login_failed: {
    where: { kind: 'login_failed' },
    in: (day) => kindCount(day, 'login_failed') > 0,
  },
  delete: { where: { kind: 'delete' }, in: (day) => kindCount(day, 'delete') > 0 },
  bulk_log: {
    where: { action: BULK_DELETED },
    in: (day) => (day.a.get(escapeKey(BULK_DELETED)) ?? 0) > 0,
  },
  // Counters of the first shape do not count marks: every day with events is read.
  permission: {
    where: { marks: PERMISSION_MARK },
    in: (day) => (day.current ? (day.m.get(PERMISSION_MARK) ?? 0) > 0 : day.n > 0),
    mark: PERMISSION_MARK,
  },
};

/** The events of a burst rule: failed logins (both kinds), or deletes. */
export type BurstSet = 'failed_login' | 'delete';
/** What a burst rule groups events by: whose account, or which IP address (failed logins). */
export type BurstGrouping = 'account' | 'ip';

const BURST_SETS: Record<
  BurstSet,
  {
    sets: CandidateSet[];
    /**
     * Their mark, where writers mark them: on days whose counters are of the current shape they
     * come with the day's marked events, both kinds at once.
     */
    mark?: string;
    /** Their key in the day's signal counts per hour (`hb.<HH>~<key>`). */
    key: string;
    /** Their counts per hour and group, by what a rule groups them by. */
    groups?: Record<BurstGrouping, BurstGroups>;
  }
> = {
  failed_login: {
    sets: ['login_failed', 'login_failure'],
    mark: FAILED_LOGIN_MARK,
    key: 'failed',
    groups: { account: 'fa', ip: 'fi' },
  },
  delete: { sets: ['delete'], key: 'delete' },
};

/** Above this many hours to read in one day (outside business hours, or of bursts), it is read whole. */
const MAX_HOUR_PROBES = 4;
/** Fields the detectors never read, left on the server. */
const PROJECTION = { snapshot: 0, refs: 0, refKeys: 0 } as const;

/** The reads of one request, shared by its detectors. */
export interface SignalSource {
  collection: Collection<EventDocument>;
  /** The events of `match` within `range` in a candidate set, oldest first (read once). */
  candidates(set: CandidateSet): Promise<EventDocument[]>;
  /**
   * The events of `match` within `range` of a burst set that may be part of a burst of `rule`,
   * oldest first: with signal counts only the hours next to enough others of the set are read (a
   * burst's window lies within `ceil(windowMinutes / 60) + 1` consecutive hours holding at least
   * `threshold` of them — of one account or IP address when the rule groups `by` one), so
   * `findBursts` finds the same bursts as over every candidate.
   */
  bursts(set: BurstSet, rule: BurstRule, by?: BurstGrouping): Promise<EventDocument[]>;
  /**
   * People's (`user` actors') events of `match` within `range` in quarter hours for which
   * `offHours` says yes, by tenant and actor, each with its first `limit` events and its last. For
   * whole tenants the day's signal counts count them (see `countOffHours`); otherwise only the UTC hours
   * whose day counters hold such quarters are read.
   */
  offHoursActors(offHours: OffHoursTest, limit: number): Promise<OffHoursActor[]>;
  /**
   * The (tenant, user, IP) pairs of successful logins of `match` within `range`: for whole tenants
   * counted from the day counters (see `countLoginPairs`), else read one by one.
   */
  loginPairs(): Promise<LoginPair[]>;
  /**
   * Whether users logged in successfully within windows, whatever the match (within each user's own
   * tenant): see `answerLoginQuestions`.
   */
  answerLogins(questions: LoginQuestion[]): Promise<LoginAnswer[]>;
  /**
   * What the counters alone tell of pairs whose first login day they counted (`ask` for every pair
   * without counters): see `screenLoginPairs`.
   */
  screenPairs(pairs: PairToScreen[], lookbackDays: number): Promise<('new' | 'known' | 'ask')[]>;
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
  const rollups = deps.rollups && memoizedReader(deps.rollups);
  const tenants: TenantSet =
    deps.tenants ??
    (typeof (match as { tenantId?: unknown }).tenantId === 'string'
      ? [(match as { tenantId: string }).tenantId]
      : '*');
  const tenantKeys = tenants === '*' ? ['*'] : [...new Set(tenants)];
  const days = utcDaysBetween(range.from, range.to);
  const inRange = { occurredAt: { $gte: range.from, $lt: range.to } };
  const tenantPart = (key: string): Record<string, string> =>
    key === '*' ? {} : { tenantId: key };

  let counters: Promise<Map<string, DayCounts> | undefined> | undefined;
  const dayCounts = () => {
    counters ??= readCounters(rollups, tenants, days);
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

  let signalDocs: Promise<SignalCountsDocument[] | undefined> | undefined;
  const signalCounts = () => {
    signalDocs ??= readSignalCounts(rollups, tenants, range);
    return signalDocs;
  };
  /** The (tenant, day) pairs whose counters are of the first shape: their events are read. */
  const oldDays = async () => oldDaysOf(await dayCounts());

  /** The marked events of a tenant's day (see `signalMarks`), read once for every rule. */
  const markedDays = new Map<string, Promise<EventDocument[]>>();
  const markedOf = async (key: string, day: string, mark: string) => {
    let read = markedDays.get(`${key}|${day}`);
    if (!read) {
      read = probe({ ...tenantPart(key), day, marks: SIGNAL_MARK });
      markedDays.set(`${key}|${day}`, read);
    }
    return (await read).filter((doc) => doc.marks?.includes(mark));
  };
  /**
   * The reads of permission changes on the tenants' days in `buckets`: a month's in one read
   * (`{ tenantId, marks: 'permission_change@<month>' }`) when the counters of each of its days count
   * every change with its monthly mark too, else day by day.
   */
  const byMonthWhereMarked = (
    buckets: { key: string; day: string }[],
    known: Map<string, DayCounts>,
    readDay: (bucket: { key: string; day: string }) => Promise<EventDocument[]>,
  ): (() => Promise<EventDocument[]>)[] => {
    const months = new Map<string, { key: string; month: string; days: string[] }>();
    for (const { key, day } of buckets) {
      const month = monthOfDay(day);
      const entry = months.get(`${key}|${month}`) ?? { key, month, days: [] };
      entry.days.push(day);
      months.set(`${key}|${month}`, entry);
    }
    return [...months.values()].flatMap(({ key, month, days: ofMonth }) => {
      const monthly = monthlyPermissionMark(month);
      const marked = ofMonth.every((day) => {
        const counts = known.get(`${key}|${day}`);
        const changes = counts?.m.get(escapeKey(PERMISSION_MARK)) ?? 0;
        return counts?.current === true && counts.m.get(escapeKey(monthly)) === changes;
      });
      if (marked) return [() => probe({ ...tenantPart(key), marks: monthly })];
      return ofMonth.map((day) => () => readDay({ key, day }));
    });
  };
  const cache = new Map<CandidateSet, Promise<EventDocument[]>>();
  const burstCache = new Map<string, Promise<EventDocument[]>>();
  const source: SignalSource = {
    collection,
    candidates(set) {
      let found = cache.get(set);
      if (!found) {
        const rule = SETS[set];
        found = bucketsWhere(rule.in).then(async (buckets) => {
          const known = await dayCounts();
          const readDay = ({ key, day }: { key: string; day: string }) => {
            const { mark } = rule;
            if (mark && known?.get(`${key}|${day}`)?.current) return markedOf(key, day, mark);
            return probe({ ...tenantPart(key), day, ...rule.where });
          };
          const reads =
            set === 'permission' && known
              ? byMonthWhereMarked(buckets, known, readDay)
              : buckets.map((bucket) => () => readDay(bucket));
          const read = await mapLimit(reads, READS_IN_FLIGHT, (read) => read());
          return sortEvents(read.flat());
        });
        cache.set(set, found);
      }
      return found;
    },
    bursts(set, rule, by) {
      const id = `${set}|${rule.threshold}|${rule.windowMinutes}|${by}`;
      let found = burstCache.get(id);
      if (!found) {
        const { sets, mark, key, groups: byGroup } = BURST_SETS[set];
        const groups = by && byGroup?.[by];
        found = signalCounts().then(async (counts) => {
          if (!counts) {
            return sortEvents(
              (await Promise.all(sets.map((each) => source.candidates(each)))).flat(),
            );
          }
          const old = await oldDays();
          // A day with many such hours is read whole: fewer commands for the same few events.
          const byDay = new Map<string, { tenantId: string; hours: string[] }>();
          for (const { tenantId, hour } of burstHours(counts, { key, groups, old, ...rule })) {
            const id = `${tenantId}|${hour.slice(0, 10)}`;
            const entry = byDay.get(id) ?? { tenantId, hours: [] };
            entry.hours.push(hour);
            byDay.set(id, entry);
          }
          // Marked failed logins come with the day's other marked events (one read per day).
          const markedReads = mark
            ? await mapLimit([...byDay.values()], READS_IN_FLIGHT, ({ tenantId, hours: ofDay }) =>
                markedOf(tenantId, (ofDay[0] as string).slice(0, 10), mark),
              )
            : [];
          const probes: Record<string, string>[] = mark
            ? []
            : [...byDay.values()].flatMap(({ tenantId, hours: ofDay }) =>
                (ofDay.length > MAX_HOUR_PROBES
                  ? [{ tenantId, day: (ofDay[0] as string).slice(0, 10) }]
                  : ofDay.map((hour) => ({ tenantId, hour }))
                ).flatMap((bucket) => sets.map((one) => ({ ...bucket, ...SETS[one].where }))),
              );
          // Days of the first counter shape: every candidate of the day, by kind.
          for (const { tenantKey, day } of old.list) {
            for (const one of sets)
              probes.push({ ...tenantPart(tenantKey), day, ...SETS[one].where });
          }
          const read = await mapLimit(probes, READS_IN_FLIGHT, (where) => probe(where));
          return sortEvents([...read, ...markedReads].flat());
        });
        burstCache.set(id, found);
      }
      return found;
    },
    async offHoursActors(offHours, limit) {
      const signals = deps.wholeTenants ? await signalCounts() : undefined;
      if (signals) {
        return countOffHours(
          { collection, signals, oldDays: await oldDays(), match, range },
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
      const found = await mapLimit(probes, READS_IN_FLIGHT, (where) =>
        probe(where, [{ 'actor.type': 'user' }]),
      );
      return groupOffHours(
        sortEvents(
          found.flat().filter((doc) => offHours(Math.floor(doc.occurredAt.getTime() / QUARTER_MS))),
        ),
        limit,
      );
    },
    async loginPairs() {
      if (rollups && deps.wholeTenants) {
        return countLoginPairs({ collection, rollups, tenants, match, range });
      }
      return pairsFromEvents(await source.candidates('login_success'));
    },
    answerLogins: (questions) => answerLoginQuestions({ collection, rollups, tenants }, questions),
    screenPairs: async (pairs, lookbackDays) =>
      rollups
        ? screenLoginPairs({ rollups, tenants }, pairs, lookbackDays)
        : pairs.map(() => 'ask' as const),
  };
  return source;
}
