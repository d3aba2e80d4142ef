import { BULK_DELETED } from '@activitykit/schema';
import type { EventDocument } from '../internal/document.ts';
import { escapeKey, monthOfDay } from '../rollups/keys.ts';
import { mapLimit, READS_IN_FLIGHT, sortEvents } from './shared.ts';
import { type DayCounts, kindCount } from './signalCounters.ts';
import { monthlyPermissionMark, PERMISSION_MARK } from './signalMarks.ts';
import type { SignalProbes } from './signalProbes.ts';

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
export const SETS: Record<
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

/**
 * The events of the match within the range in a candidate set, oldest first: the (tenant, day)
 * buckets whose counters hold any, each read by its equality — or, on days whose counters are of
 * the current shape, taken from the day's marked events; permission changes a month at a time.
 *
 * @example
 * ```ts
 * const deletes = await readCandidates(probes, 'delete');
 * ```
 */
export async function readCandidates(
  probes: SignalProbes,
  set: CandidateSet,
): Promise<EventDocument[]> {
  const rule = SETS[set];
  const buckets = await probes.bucketsWhere(rule.in);
  const known = await probes.dayCounts();
  const readDay = ({ key, day }: { key: string; day: string }) => {
    const { mark } = rule;
    if (mark && known?.get(`${key}|${day}`)?.current) return probes.markedOf(key, day, mark);
    return probes.probe({ ...probes.tenantPart(key), day, ...rule.where });
  };
  const reads =
    set === 'permission' && known
      ? byMonthWhereMarked(probes, buckets, { known, readDay })
      : buckets.map((bucket) => () => readDay(bucket));
  const read = await mapLimit(reads, READS_IN_FLIGHT, (read) => read());
  return sortEvents(read.flat());
}

/**
 * The reads of permission changes on the tenants' days in `buckets`: a month's in one read
 * (`{ tenantId, marks: 'permission_change@<month>' }`) when the counters of each of its days count
 * every change with its monthly mark too, else day by day.
 */
function byMonthWhereMarked(
  probes: SignalProbes,
  buckets: { key: string; day: string }[],
  counted: {
    known: Map<string, DayCounts>;
    readDay: (bucket: { key: string; day: string }) => Promise<EventDocument[]>;
  },
): (() => Promise<EventDocument[]>)[] {
  const { known, readDay } = counted;
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
    if (marked) return [() => probes.probe({ ...probes.tenantPart(key), marks: monthly })];
    return ofMonth.map((day) => () => readDay({ key, day }));
  });
}
