import {
  type ActivityStats,
  type ActorSummary,
  DAY_MS,
  fillBuckets,
  HOUR_MS,
  type KeyCount,
  type PeriodRange,
  type StatsBucket,
  type WeekDay,
} from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { type EventDocument, QUARTER_MS, utcDay } from '../internal/document.ts';
import { rollupDeltas } from '../rollups/delta.ts';
import { unescapeKey } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import type { ActorLook, RollupDocument } from '../rollups/rollupDocument.ts';
import { seriesStarts } from './computeActivityStats.ts';
import { tallyKinds } from './shared.ts';

/** What {@link statsFromRollups} needs to know besides the counters. */
export interface RollupStatsOptions {
  tenants: TenantSet;
  range: PeriodRange;
  timeZone: string;
  bucket: StatsBucket;
  weekStartsOn: WeekDay;
  topActions: number;
  topActors: number;
}

/** Counters added up over the documents read. */
interface Totals {
  quarters: Map<number, number>;
  k: Map<string, number>;
  c: Map<string, number>;
  a: Map<string, number>;
  u: Map<string, number>;
  l: Map<string, number>;
  p: Map<string, ActorLook>;
}

/**
 * The figures of `computeActivityStats` for a whole tenant set (no filter, every role) from the
 * write-time counters: the day documents of the days wholly inside the range, the hour documents
 * of the hours wholly inside its first and last day, and the events themselves only for an hour
 * the range cuts (a zone half an hour off UTC, or a range from 10:07) — a few dozen documents
 * instead of every event.
 *
 * @example
 * ```ts
 * await statsFromRollups({ rollups, collection }, { tenants: ['acme'], range, timeZone: 'UTC', bucket: 'day', weekStartsOn: 1, topActions: 10, topActors: 10 });
 * ```
 */
export async function statsFromRollups(
  deps: { rollups: RollupReader; collection: Collection<EventDocument> },
  options: RollupStatsOptions,
): Promise<ActivityStats> {
  const { range, timeZone, bucket, weekStartsOn, tenants } = options;
  const from = range.from.getTime();
  const to = range.to.getTime();
  const starts = seriesStarts({ range, timeZone, bucket, weekStartsOn });
  const totals: Totals = {
    quarters: new Map(),
    k: new Map(),
    c: new Map(),
    a: new Map(),
    u: new Map(),
    l: new Map(),
    p: new Map(),
  };
  const firstDay = utcDay(from);
  const lastDay = utcDay(to - 1);
  const months = monthsBetween(firstDay, lastDay);
  const dayDocs = (
    await Promise.all(months.map((month) => deps.rollups.monthDays(tenants, month)))
  ).flat();
  const edgeDays = new Set<string>();
  for (const doc of dayDocs) {
    if (doc.day < firstDay || doc.day > lastDay) continue;
    const start = Date.parse(`${doc.day}T00:00:00Z`);
    if (start >= from && start + DAY_MS <= to) add(totals, doc, start);
    else edgeDays.add(doc.day);
  }
  const cutHours = new Set<string>();
  const hourDocs = (
    await Promise.all([...edgeDays].map((day) => deps.rollups.dayHours(tenants, day)))
  ).flat();
  for (const doc of hourDocs) {
    const start = Date.parse(`${doc.hour}:00:00Z`);
    if (start >= from && start + HOUR_MS <= to) add(totals, doc, start);
    else if (start + HOUR_MS > from && start < to) cutHours.add(doc.hour as string);
  }
  // An hour the range cuts: its events, counted here the way the writer counts them.
  const cut = await Promise.all(
    [...cutHours].map((hour) =>
      deps.collection
        .find({
          hour,
          $and: [
            tenants === '*' ? {} : { tenantId: { $in: [...tenants] } },
            { occurredAt: { $gte: range.from, $lt: range.to } },
          ],
        } as Filter<EventDocument>)
        .toArray(),
    ),
  );
  for (const delta of rollupDeltas(cut.flat(), 1).values()) {
    if (delta.type !== 'hour') continue;
    const counters: Record<string, Record<string, number>> = {};
    let n = 0;
    for (const [path, value] of delta.inc) {
      const [map = '', ...rest] = path.split('.');
      if (map === 'n') {
        n += value;
        continue;
      }
      counters[map] ??= {};
      (counters[map] as Record<string, number>)[rest.join('.')] = value;
    }
    const look = Object.fromEntries(delta.looks);
    add(
      totals,
      { n, q: {}, k: {}, c: {}, a: {}, u: {}, l: {}, ...counters, p: look } as RollupDocument,
      Date.parse(`${delta.hour}:00:00Z`),
    );
  }

  const counts = fillBuckets(
    starts,
    [...totals.quarters].map(([quarter, count]) => ({ instant: quarter * QUARTER_MS, count })),
  );
  const { kinds, outcomes, auth } = tallyKinds(
    [...totals.k].map(([key, n]) => {
      const [kind = 'other', outcome = 'success'] = key.split('~');
      return { kind, outcome, n };
    }),
  );
  const actors = top(totals.u, options.topActors).map(({ key, count }) => {
    const look = totals.p.get(key);
    const actor: ActorSummary = { id: key, type: (look?.type ?? 'user') as ActorSummary['type'] };
    if (look?.name) actor.name = look.name;
    if (look?.role) actor.role = look.role;
    return { actor, count };
  });
  return {
    range: { from: range.from, to: range.to },
    timeZone,
    bucket,
    series: starts.map((start, index) => ({ start: new Date(start), count: counts[index] ?? 0 })),
    byKind: top(kinds),
    byCategory: top(totals.c),
    byAction: top(totals.a, options.topActions),
    byOutcome: top(outcomes),
    topActors: actors,
    auth: {
      ...auth,
      uniqueUsers: [...totals.l.values()].filter((n) => n > 0).length,
    },
    total: counts.reduce((sum, count) => sum + count, 0),
  };
}

/** Adds a counter document whose quarter keys count from `start`. */
function add(totals: Totals, doc: RollupDocument, start: number): void {
  const base = Math.floor(start / QUARTER_MS);
  for (const [quarter, n] of Object.entries(doc.q ?? {})) {
    const at = base + Number(quarter);
    totals.quarters.set(at, (totals.quarters.get(at) ?? 0) + n);
  }
  for (const map of ['k', 'c', 'a', 'u', 'l'] as const) {
    for (const [key, n] of Object.entries(doc[map] ?? {})) {
      const value = unescapeKey(key);
      totals[map].set(value, (totals[map].get(value) ?? 0) + n);
    }
  }
  for (const [key, look] of Object.entries(doc.p ?? {})) {
    const actor = unescapeKey(key);
    const seen = totals.p.get(actor);
    if (!seen || new Date(seen.at).getTime() < new Date(look.at).getTime())
      totals.p.set(actor, look);
  }
}

/** Keys with a count above zero, most first (ties by key), the first `limit` of them. */
function top(counts: Map<string, number>, limit = Number.POSITIVE_INFINITY): KeyCount[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

function monthsBetween(firstDay: string, lastDay: string): string[] {
  const months: string[] = [];
  const at = new Date(`${firstDay.slice(0, 7)}-01T00:00:00Z`);
  while (at.toISOString().slice(0, 7) <= lastDay.slice(0, 7)) {
    months.push(at.toISOString().slice(0, 7));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
}
