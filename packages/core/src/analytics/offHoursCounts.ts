import {
  groupOffHours,
  HOUR_MS,
  type OffHoursActor as SchemaOffHoursActor,
} from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import { splitPairKey } from '../rollups/keys.ts';
import type { SignalCountsDocument } from '../rollups/rollupDocument.ts';
import { actorEquality, type EventMatch, mapLimit, READS_IN_FLIGHT, sortEvents } from './shared.ts';
import type { OldDays } from './signalCounters.ts';

/** One person's events outside business hours, within a tenant (schema's, of stored events). */
export type OffHoursActor = SchemaOffHoursActor<EventDocument>;

/** Whether a quarter hour (counted from the epoch) lies outside business hours. */
export type OffHoursTest = (quarter: number) => boolean;

/** Fields the detector never reads, left on the server. */
const PROJECTION = { snapshot: 0, refs: 0, refKeys: 0 } as const;
const PEOPLE: EventMatch = { 'actor.type': 'user' };
/** From this many actors needing one hour's events, the hour is read once for all of them. */
const SHARED_HOUR = 2;

/** One actor's off-hours events in one UTC hour: counted, or read. */
type HourPart = { hour: string; count: number; events?: EventDocument[] };

/**
 * People's events outside business hours for a match of whole tenants, counted from the day's
 * signal counts (`uq`, `ud`: per actor and quarter hour) instead of read: only each actor's first
 * and last hours are read, for the events a signal names and its window. What the counts do not
 * cover whole — the range's partial first and last hours, and days with counters of the first
 * shape — is read and checked event by event. An hour several actors need is read once for all.
 *
 * @example
 * ```ts
 * const actors = await countOffHours(
 *   { collection, signals, oldDays: oldDaysOf(dayCounts), match: { tenantId: 'acme' }, range },
 *   { offHours: (quarter) => !isBusinessTime(quarter, { spans, hours }), limit: 20 },
 * );
 * ```
 */
export async function countOffHours(
  deps: {
    collection: Collection<EventDocument>;
    /** Every writer's signal counts of the days the range touches (see `readSignalCounts`). */
    signals: SignalCountsDocument[];
    /** The days with counters of the first shape: their signal counts are incomplete, so read. */
    oldDays: OldDays;
    match: EventMatch;
    range: { from: Date; to: Date };
  },
  options: { offHours: OffHoursTest; limit: number },
): Promise<OffHoursActor[]> {
  const { collection, match, range } = deps;
  const { offHours, limit } = options;
  const inRange = { occurredAt: { $gte: range.from, $lt: range.to } };
  const read = (where: Record<string, unknown>, more: EventMatch[]) =>
    collection
      .find({ ...where, $and: [match, inRange, PEOPLE, ...more] } as Filter<EventDocument>, {
        projection: PROJECTION,
      })
      .toArray()
      .then((docs) =>
        sortEvents(
          docs.filter((doc) => offHours(Math.floor(doc.occurredAt.getTime() / QUARTER_MS))),
        ),
      );

  const parts = new Map<string, { tenantId: string; actorId: string; hours: HourPart[] }>();
  const partsOf = (tenantId: string, actorId: string) => {
    const id = `${tenantId}\u0000${actorId}`;
    let entry = parts.get(id);
    if (!entry) {
      entry = { tenantId, actorId, hours: [] };
      parts.set(id, entry);
    }
    return entry;
  };
  const deletes = new Map<string, number>();

  // Each writer's counts by tenant, UTC hour and actor; the range's cut hours and the old days are
  // read instead.
  const counted = new Map<string, number>();
  const cutHours = new Map<string, { tenantId: string; hour: string }>();
  for (const doc of deps.signals) {
    if (deps.oldDays.has(doc.tenantId, doc.day)) continue;
    const dayStart = Date.parse(`${doc.day}T00:00:00Z`);
    const placed = (key: string) => {
      const [actorId, quarterOfDay] = splitPairKey(key);
      const quarter = Number(quarterOfDay);
      if (!offHours(dayStart / QUARTER_MS + quarter)) return undefined;
      const start = dayStart + Math.floor(quarter / 4) * HOUR_MS;
      if (start + HOUR_MS <= range.from.getTime() || start >= range.to.getTime()) return undefined;
      const hour = new Date(start).toISOString().slice(0, 13);
      if (start < range.from.getTime() || start + HOUR_MS > range.to.getTime()) {
        cutHours.set(`${doc.tenantId}|${hour}`, { tenantId: doc.tenantId, hour });
        return undefined;
      }
      return { actorId, hour };
    };
    for (const [key, n] of Object.entries(doc.uq ?? {})) {
      const at = placed(key);
      if (!at) continue;
      const id = JSON.stringify([doc.tenantId, at.actorId, at.hour]);
      counted.set(id, (counted.get(id) ?? 0) + n);
    }
    for (const [key, n] of Object.entries(doc.ud ?? {})) {
      const at = placed(key);
      if (!at) continue;
      const id = `${doc.tenantId}\u0000${at.actorId}`;
      deletes.set(id, (deletes.get(id) ?? 0) + n);
    }
  }
  for (const [id, count] of counted) {
    const [tenantId, actorId, hour] = JSON.parse(id) as [string, string, string];
    if (count > 0) partsOf(tenantId, actorId).hours.push({ hour, count });
  }

  const reads = [
    ...[...cutHours.values()].map(({ tenantId, hour }) => ({ tenantId, hour })),
    ...deps.oldDays.list.map(({ tenantKey, day }) =>
      tenantKey === '*' ? { day } : { tenantId: tenantKey, day },
    ),
  ];
  for (const events of await mapLimit(reads, READS_IN_FLIGHT, (where) => read(where, []))) {
    const byHour = new Map<string, EventDocument[]>();
    for (const doc of events) {
      const key = `${doc.tenantId}|${doc.hour}`;
      byHour.set(key, [...(byHour.get(key) ?? []), doc]);
    }
    for (const [key, ofHour] of byHour) {
      const [tenantId = '', hour = ''] = key.split('|');
      for (const actor of groupOffHours(ofHour, Number.POSITIVE_INFINITY)) {
        partsOf(tenantId, actor.actorId).hours.push({
          hour,
          count: actor.count,
          events: actor.first,
        });
        const id = `${tenantId}\u0000${actor.actorId}`;
        deletes.set(id, (deletes.get(id) ?? 0) + actor.deletes);
      }
    }
  }

  // The hours each actor's first events and last one lie in, by the counts: an hour several
  // actors need is read once for all of them.
  const needs = new Map<string, Set<string>>();
  for (const entry of parts.values()) {
    entry.hours.sort((a, b) => (a.hour < b.hour ? -1 : 1));
    const need = (part: HourPart | undefined) => {
      if (!part || part.events) return;
      const key = `${entry.tenantId}|${part.hour}`;
      needs.set(key, (needs.get(key) ?? new Set()).add(entry.actorId));
    };
    let counted = 0;
    for (const part of entry.hours) {
      if (counted >= limit) break;
      need(part);
      counted += part.count;
    }
    need(entry.hours.at(-1));
  }
  const hourReads = new Map<string, Promise<EventDocument[]>>();
  for (const [key, actors] of needs) {
    if (actors.size < SHARED_HOUR) continue;
    const [tenantId = '', hour = ''] = key.split('|');
    hourReads.set(key, read({ tenantId, hour }, []));
  }
  // An actor with one hour has it as first and last: each hour is read once.
  const actorReads = new Map<string, Promise<EventDocument[]>>();
  const readActor = (tenantId: string, actorId: string, hour: string) => {
    const shared = hourReads.get(`${tenantId}|${hour}`);
    if (shared) return shared.then((docs) => docs.filter((doc) => doc.actor?.id === actorId));
    const id = JSON.stringify([tenantId, actorId, hour]);
    let found = actorReads.get(id);
    if (!found) {
      const { $and: actor, ...key } = actorEquality(actorId);
      found = read({ tenantId, hour, ...key }, actor);
      actorReads.set(id, found);
    }
    return found;
  };
  // Each actor's first events and last one: read from their hours, oldest first, as needed.
  const actorHour = (tenantId: string, actorId: string, part: HourPart) =>
    part.events ?? readActor(tenantId, actorId, part.hour);
  const found = await mapLimit([...parts.entries()], READS_IN_FLIGHT, async ([id, entry]) => {
    const { hours } = entry;
    const first: EventDocument[] = [];
    for (const part of hours) {
      if (first.length >= limit) break;
      first.push(...(await actorHour(entry.tenantId, entry.actorId, part)));
    }
    const lastPart = hours.at(-1);
    const last = lastPart
      ? (await actorHour(entry.tenantId, entry.actorId, lastPart)).at(-1)
      : undefined;
    if (!last || first.length === 0) return undefined;
    return {
      tenantId: entry.tenantId,
      actorId: entry.actorId,
      count: hours.reduce((sum, part) => sum + part.count, 0),
      deletes: Math.max(0, deletes.get(id) ?? 0),
      first: first.slice(0, limit),
      last,
    } satisfies OffHoursActor;
  });
  return found.filter((actor) => actor !== undefined);
}
