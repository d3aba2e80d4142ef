import type { BurstRule } from '@activitykit/schema';
import type { EventDocument } from '../internal/document.ts';
import { type BurstGroups, burstHours } from './burstHours.ts';
import { type CandidateSet, SETS } from './candidateReads.ts';
import { mapLimit, READS_IN_FLIGHT, sortEvents } from './shared.ts';
import { FAILED_LOGIN_MARK } from './signalMarks.ts';
import type { SignalProbes } from './signalProbes.ts';
import { MAX_HOUR_PROBES } from './signalProbes.ts';

/** The events of a burst rule: failed logins (both kinds), or deletes. */
export type BurstSet = 'failed_login' | 'delete';
/** What a burst rule groups events by: whose account, or which IP address (failed logins). */
export type BurstGrouping = 'account' | 'ip';

export const BURST_SETS: Record<
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

/**
 * The events of the match within the range of a burst set that may be part of a burst of `rule`,
 * oldest first: with signal counts only the hours next to enough others of the set are read (a
 * burst's window lies within `ceil(windowMinutes / 60) + 1` consecutive hours holding at least
 * `threshold` of them — of one account or IP address when the rule groups `by` one), so
 * `findBursts` finds the same bursts as over every candidate; without counters, every candidate.
 *
 * @example
 * ```ts
 * const failed = await readBursts(probes, { set: 'failed_login', rule, by: 'ip', candidates });
 * ```
 */
export async function readBursts(
  probes: SignalProbes,
  request: {
    set: BurstSet;
    rule: BurstRule;
    by?: BurstGrouping | undefined;
    /** The candidate sets, read once per request (see `readCandidates`). */
    candidates: (set: CandidateSet) => Promise<EventDocument[]>;
  },
): Promise<EventDocument[]> {
  const { set, rule, by, candidates } = request;
  const { tenantPart } = probes;
  const { sets, mark, key, groups: byGroup } = BURST_SETS[set];
  const groups = by && byGroup?.[by];
  const counts = await probes.signalCounts();
  if (!counts) {
    return sortEvents((await Promise.all(sets.map((each) => candidates(each)))).flat());
  }
  const old = await probes.oldDays();
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
        probes.markedOf(tenantId, (ofDay[0] as string).slice(0, 10), mark),
      )
    : [];
  const where: Record<string, string>[] = mark
    ? []
    : [...byDay.values()].flatMap(({ tenantId, hours: ofDay }) =>
        (ofDay.length > MAX_HOUR_PROBES
          ? [{ tenantId, day: (ofDay[0] as string).slice(0, 10) }]
          : ofDay.map((hour) => ({ tenantId, hour }))
        ).flatMap((bucket) => sets.map((one) => ({ ...bucket, ...SETS[one].where }))),
      );
  // Days of the first counter shape: every candidate of the day, by kind.
  for (const { tenantKey, day } of old.list) {
    for (const one of sets) where.push({ ...tenantPart(tenantKey), day, ...SETS[one].where });
  }
  const read = await mapLimit(where, READS_IN_FLIGHT, (one) => probes.probe(one));
  return sortEvents([...read, ...markedReads].flat());
}
