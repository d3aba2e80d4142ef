import type { SignalCountsDocument } from '../rollups/rollupDocument.ts';
import type { BurstRule } from './securitySignal.ts';
import type { OldDays } from './signalCounters.ts';
import { HOUR_MS } from './zone.ts';

/**
 * The (tenant, UTC hour) pairs that may hold events of a burst: a window of `windowMinutes` lies
 * within `ceil(windowMinutes / 60) + 1` consecutive hours, so an hour is read when some such run of
 * hours containing it counts at least `threshold` events of the set (`hb.<HH>~<key>` of the days'
 * signal counts, every writer's added up). Hours of `old` days (counters of the first shape) count
 * as any number: they are read whole, and their neighbours are read too.
 */
export function burstHours(
  docs: SignalCountsDocument[],
  rule: BurstRule & { key: string; old: OldDays },
): { tenantId: string; hour: string }[] {
  const byTenant = new Map<string, Map<number, number>>();
  const isOld = (tenantId: string, day: string) => rule.old.has(tenantId, day);
  for (const doc of docs) {
    const hours = byTenant.get(doc.tenantId) ?? new Map<number, number>();
    byTenant.set(doc.tenantId, hours);
    if (isOld(doc.tenantId, doc.day)) continue;
    const dayStart = Date.parse(`${doc.day}T00:00:00Z`) / HOUR_MS;
    for (const [at, n] of Object.entries(doc.hb ?? {})) {
      const [hour = '', key] = at.split('~');
      if (key !== rule.key) continue;
      const index = dayStart + Number(hour);
      hours.set(index, (hours.get(index) ?? 0) + n);
    }
  }
  const span = Math.ceil(rule.windowMinutes / 60) + 1;
  const found: { tenantId: string; hour: string }[] = [];
  for (const [tenantId, hours] of byTenant) {
    const count = (at: number) =>
      isOld(tenantId, new Date(at * HOUR_MS).toISOString().slice(0, 10))
        ? Number.POSITIVE_INFINITY
        : (hours.get(at) ?? 0);
    const total = (first: number) => {
      let sum = 0;
      for (let at = first; at < first + span; at++) sum += count(at);
      return sum;
    };
    for (const [at, n] of [...hours].sort(([a], [b]) => a - b)) {
      if (n <= 0) continue;
      let possible = false;
      for (let first = at - span + 1; first <= at && !possible; first++) {
        possible = total(first) >= rule.threshold;
      }
      if (possible)
        found.push({ tenantId, hour: new Date(at * HOUR_MS).toISOString().slice(0, 13) });
    }
  }
  return found;
}
