import { keepLeast } from '../rollups/delta.ts';
import { monthOfDay, splitPairKey } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import { SHAPE_WITH } from '../rollups/rollupDocument.ts';
import { mapLimit, READS_IN_FLIGHT } from './shared.ts';

/** The fields the new-IP rule reads of a successful login. */
export const LOGIN_FIELDS = {
  _id: 1,
  tenantId: 1,
  occurredAt: 1,
  actor: 1,
  context: 1,
  outcome: 1,
} as const;

/** One tenant's successful logins of one UTC day: per user, how many, and from which IPs. */
export type DayLogins = Map<string, Map<string, number>>;
/** What the day counters say of successful logins, per tenant and day (`tenant|day`). */
export interface LoginCounts {
  counted: Map<string, DayLogins>;
  /** Days with counter documents of the first shape (without `li`): not to be answered from counts. */
  incomplete: Set<string>;
  /**
   * Each user's first successful login from each IP (`pairKey(actor, ip)` → `<ISO>|<id>`, see
   * `firstLogin`), on days whose every counter document keeps them.
   */
  firsts: Map<string, Map<string, string>>;
}

/** The day counters of successful logins per tenant and day (see {@link LoginCounts}). */
export async function loadLoginCounts(
  rollups: RollupReader,
  tenants: TenantSet,
  days: Iterable<string>,
): Promise<LoginCounts> {
  // Only the months in which the tenants had events (a look back of a year spans thirteen).
  const known = new Set(await rollups.months(tenants));
  const months = new Set([...days].map(monthOfDay).filter((month) => known.has(month)));
  const counted = new Map<string, DayLogins>();
  const incomplete = new Set<string>();
  const firsts = new Map<string, Map<string, string>>();
  const withoutFirsts = new Set<string>();
  const docs = await mapLimit([...months], READS_IN_FLIGHT, (month) =>
    rollups.monthDays(tenants, month),
  );
  for (const doc of docs.flat()) {
    const key = `${doc.tenantId}|${doc.day}`;
    if ((doc.v ?? 1) < SHAPE_WITH.signalCounts) incomplete.add(key);
    if ((doc.v ?? 1) < SHAPE_WITH.firstLogins) withoutFirsts.add(key);
    const ofDay = firsts.get(key) ?? new Map<string, string>();
    for (const [pair, value] of Object.entries(doc.lf ?? {})) keepLeast(ofDay, pair, value);
    firsts.set(key, ofDay);
    const day = counted.get(key) ?? new Map();
    for (const [pair, n] of Object.entries(doc.li ?? {})) {
      const [actorId, ip] = splitPairKey(pair);
      const ips = day.get(actorId) ?? new Map<string, number>();
      ips.set(ip, (ips.get(ip) ?? 0) + n);
      day.set(actorId, ips);
    }
    counted.set(key, day);
  }
  for (const key of withoutFirsts) firsts.delete(key);
  return { counted, incomplete, firsts };
}
