import { HOUR_MS } from '@activitykit/schema';
import { QUARTER_MS, utcDaysBetween } from '../internal/document.ts';
import { escapeKey, monthOfDay } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import {
  type RollupDocument,
  SHAPE_WITH,
  type SignalCountsDocument,
} from '../rollups/rollupDocument.ts';
import { mapLimit, READS_IN_FLIGHT } from './shared.ts';

/** One tenant's (or every tenant's) counters of one UTC day, every writer's added up. */
export interface DayCounts {
  n: number;
  /** Events per quarter of the day, `0`–`95`. */
  q: Map<number, number>;
  k: Map<string, number>;
  a: Map<string, number>;
  /** Events per signal mark. */
  m: Map<string, number>;
  /** Every document added up counts marks ({@link SHAPE_WITH}`.signalCounts`): `m` is complete. */
  current: boolean;
}

/**
 * The day counters of the tenants for `days`, keyed `tenant|day` (`*|day` for every tenant), or
 * `undefined` without counters.
 */
export async function readCounters(
  rollups: RollupReader | undefined,
  tenants: TenantSet,
  days: string[],
): Promise<Map<string, DayCounts> | undefined> {
  if (!rollups) return undefined;
  const wanted = new Set(days);
  const months = [...new Set(days.map(monthOfDay))];
  const docs = (
    await mapLimit(months, READS_IN_FLIGHT, (month) => rollups.monthDays(tenants, month))
  ).flat();
  const counts = new Map<string, DayCounts>();
  for (const doc of docs) {
    if (!wanted.has(doc.day)) continue;
    const key = `${tenants === '*' ? '*' : doc.tenantId}|${doc.day}`;
    const entry = counts.get(key) ?? {
      n: 0,
      q: new Map(),
      k: new Map(),
      a: new Map(),
      m: new Map(),
      current: true,
    };
    add(entry, doc);
    counts.set(key, entry);
  }
  return counts;
}

function add(entry: DayCounts, doc: RollupDocument): void {
  entry.n += doc.n ?? 0;
  for (const [quarter, n] of Object.entries(doc.q ?? {})) {
    entry.q.set(Number(quarter), (entry.q.get(Number(quarter)) ?? 0) + n);
  }
  for (const [key, n] of Object.entries(doc.k ?? {})) entry.k.set(key, (entry.k.get(key) ?? 0) + n);
  for (const [key, n] of Object.entries(doc.a ?? {})) entry.a.set(key, (entry.a.get(key) ?? 0) + n);
  for (const [key, n] of Object.entries(doc.m ?? {})) entry.m.set(key, (entry.m.get(key) ?? 0) + n);
  if ((doc.v ?? 1) < SHAPE_WITH.signalCounts) entry.current = false;
}

/** The days whose counters are of the first shape: counts the signals must not trust. */
export interface OldDays {
  /** Each of them, per tenant (`*` when the counters were read for every tenant at once). */
  list: { tenantKey: string; day: string }[];
  /** Whether a tenant's day is one of them (or every tenant's). */
  has(tenantId: string, day: string): boolean;
}

/**
 * The old days among day counters keyed `tenant|day` (see {@link readCounters}).
 *
 * @example
 * ```ts
 * oldDaysOf(await readCounters(rollups, ['acme'], days)).has('acme', '2026-11-20'); // true for a day an earlier version counted
 * ```
 */
export function oldDaysOf(counts: Map<string, DayCounts> | undefined): OldDays {
  const keys = new Set([...(counts ?? [])].filter(([, day]) => !day.current).map(([key]) => key));
  return {
    list: [...keys].map((key) => ({
      tenantKey: key.slice(0, key.lastIndexOf('|')),
      day: key.slice(key.lastIndexOf('|') + 1),
    })),
    has: (tenantId, day) => keys.has(`${tenantId}|${day}`) || keys.has(`*|${day}`),
  };
}

/**
 * Every writer's signal counts of the tenants for the UTC days `range` touches, or `undefined`
 * without counters.
 */
export async function readSignalCounts(
  rollups: RollupReader | undefined,
  tenants: TenantSet,
  range: { from: Date; to: Date },
): Promise<SignalCountsDocument[] | undefined> {
  if (!rollups) return undefined;
  const days = new Set(utcDaysBetween(range.from, range.to));
  const months = [...new Set([...days].map(monthOfDay))];
  const docs = await mapLimit(months, READS_IN_FLIGHT, (month) =>
    rollups.monthSignals(tenants, month),
  );
  return docs.flat().filter((doc) => days.has(doc.day));
}

/** Events of a kind, whatever their outcome. */
export function kindCount(day: DayCounts, kind: string): number {
  let total = 0;
  for (const [key, n] of day.k) if (key.slice(0, key.indexOf('~')) === escapeKey(kind)) total += n;
  return total;
}

/** The UTC hours (`2026-12-05T14`) of a day with events in quarters outside business hours. */
export function offHoursOf(
  counts: DayCounts | undefined,
  day: string,
  offHours: (quarter: number) => boolean,
): string[] {
  if (!counts) return [];
  const start = Date.parse(`${day}T00:00:00Z`);
  const hours = new Set<number>();
  for (const [quarter, n] of counts.q) {
    if (n > 0 && offHours(start / QUARTER_MS + quarter)) hours.add(Math.floor(quarter / 4));
  }
  return [...hours]
    .sort((a, b) => a - b)
    .map((hour) => new Date(start + hour * HOUR_MS).toISOString().slice(0, 13));
}

/** A counter reader that reads each month once per request (several detectors ask for it). */
export function memoizedReader(rollups: RollupReader): RollupReader {
  const reads = new Map<string, Promise<unknown>>();
  const once = <T>(key: unknown[], read: () => Promise<T>): Promise<T> => {
    const id = JSON.stringify(key);
    let found = reads.get(id) as Promise<T> | undefined;
    if (!found) {
      found = read();
      reads.set(id, found);
    }
    return found;
  };
  return {
    ...rollups,
    months: (tenants) => once(['months', tenants], () => rollups.months(tenants)),
    monthDays: (tenants, month) =>
      once(['days', tenants, month], () => rollups.monthDays(tenants, month)),
    monthSignals: (tenants, month) =>
      once(['signals', tenants, month], () => rollups.monthSignals(tenants, month)),
  };
}
