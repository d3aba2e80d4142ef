import type { BurstRule } from '@activitykit/schema';
import { HOUR_MS } from '@activitykit/schema';
import { SHAPE_WITH, type SignalCountsDocument } from '../rollups/rollupDocument.ts';
import type { OldDays } from './signalCounters.ts';

/** Per-hour counts of a burst set by group: `fa` (failed logins per account) or `fi` (per IP). */
export type BurstGroups = 'fa' | 'fi';

/** Counts of documents that do not hold the groups' counts: they stand for every group at once. */
const EVERY_GROUP = '';

/**
 * The (tenant, UTC hour) pairs that may hold events of a burst: a window of `windowMinutes` lies
 * within `ceil(windowMinutes / 60) + 1` consecutive hours, so an hour is read when some such run of
 * hours containing it counts at least `threshold` events of the set (`hb.<HH>~<key>` of the days'
 * signal counts, every writer's added up). With `groups`, a rule that finds bursts of one account
 * or one IP address, the run must count that many of one group (`<groups>.<HH>~<hash>`); documents
 * older than those counts add their whole `hb` count to every group. Hours of `old` days (counters
 * of the first shape) count as any number: they are read whole, and their neighbours are read too.
 *
 * @example
 * ```ts
 * burstHours(await readSignalCounts(rollups, ['acme'], range), { key: 'failed', groups: 'fi', old, threshold: 10, windowMinutes: 10 });
 * // [{ tenantId: 'acme', hour: '2026-11-03T23' }, { tenantId: 'acme', hour: '2026-11-04T00' }]
 * ```
 */
export function burstHours(
  docs: SignalCountsDocument[],
  rule: BurstRule & { key: string; groups?: BurstGroups | undefined; old: OldDays },
): { tenantId: string; hour: string }[] {
  /** Per tenant, per group: events per hour (hours since the epoch). */
  const byTenant = new Map<string, Map<string, Map<number, number>>>();
  const isOld = (tenantId: string, day: string) => rule.old.has(tenantId, day);
  for (const doc of docs) {
    const groups = byTenant.get(doc.tenantId) ?? new Map<string, Map<number, number>>();
    byTenant.set(doc.tenantId, groups);
    if (isOld(doc.tenantId, doc.day)) continue;
    const dayStart = Date.parse(`${doc.day}T00:00:00Z`) / HOUR_MS;
    const add = (group: string, hour: string, n: number) => {
      const hours = groups.get(group) ?? new Map<number, number>();
      groups.set(group, hours);
      const index = dayStart + Number(hour);
      hours.set(index, (hours.get(index) ?? 0) + n);
    };
    if (rule.groups && (doc.v ?? 1) >= SHAPE_WITH.failedLoginKeys) {
      for (const [at, n] of Object.entries(doc[rule.groups] ?? {})) {
        const [hour = '', group = ''] = at.split('~');
        add(group, hour, n);
      }
      continue;
    }
    for (const [at, n] of Object.entries(doc.hb ?? {})) {
      const [hour = '', key] = at.split('~');
      if (key === rule.key) add(EVERY_GROUP, hour, n);
    }
  }
  const span = Math.ceil(rule.windowMinutes / 60) + 1;
  const found = new Map<string, { tenantId: string; hour: string }>();
  for (const [tenantId, groups] of byTenant) {
    const everyGroup = groups.get(EVERY_GROUP) ?? new Map<number, number>();
    for (const [group, hours] of groups) {
      const count = (at: number) => {
        if (isOld(tenantId, new Date(at * HOUR_MS).toISOString().slice(0, 10))) {
          return Number.POSITIVE_INFINITY;
        }
        const own = hours.get(at) ?? 0;
        return group === EVERY_GROUP ? own : own + (everyGroup.get(at) ?? 0);
      };
      const total = (first: number) => {
        let sum = 0;
        for (let at = first; at < first + span; at++) sum += count(at);
        return sum;
      };
      const candidates = new Set([...hours.keys(), ...everyGroup.keys()]);
      for (const at of candidates) {
        if (count(at) <= 0) continue;
        let possible = false;
        for (let first = at - span + 1; first <= at && !possible; first++) {
          possible = total(first) >= rule.threshold;
        }
        const hour = new Date(at * HOUR_MS).toISOString().slice(0, 13);
        if (possible) found.set(`${tenantId}|${hour}`, { tenantId, hour });
      }
    }
  }
  return [...found.values()].sort((a, b) =>
    a.tenantId === b.tenantId ? (a.hour < b.hour ? -1 : 1) : a.tenantId < b.tenantId ? -1 : 1,
  );
}
