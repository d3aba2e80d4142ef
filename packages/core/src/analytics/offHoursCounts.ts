import type { Collection, Filter } from 'mongodb';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import { splitPairKey } from '../rollups/keys.ts';
import { COUNTER_SHAPE, type RollupDocument } from '../rollups/rollupDocument.ts';
import { actorEquality, type EventMatch, mapLimit, sortEvents } from './shared.ts';
import { HOUR_MS } from './zone.ts';

/** A person's events outside business hours within the range. */
export interface OffHoursActor {
  tenantId: string;
  actorId: string;
  /** How many there are. */
  count: number;
  /** How many of them are deletes. */
  deletes: number;
  /** The first of them (at most the `limit` asked for), oldest first. */
  first: EventDocument[];
  /** The newest of them. */
  last: EventDocument;
}

/** Whether a quarter hour (counted from the epoch) lies outside business hours. */
export type OffHoursTest = (quarter: number) => boolean;

/** Reads in flight at once. */
const PARALLEL = 4;
/** Fields the detector never reads, left on the server. */
const PROJECTION = { snapshot: 0, refs: 0, refKeys: 0 } as const;
const PEOPLE: EventMatch = { 'actor.type': 'user' };

/**
 * Groups people's events outside business hours by tenant and actor (`events` oldest first).
 *
 * @example
 * ```ts
 * groupOffHours(await source.offHours(isOff), 20); // [{ actorId: 'u-ann', count: 41, deletes: 2, … }]
 * ```
 */
export function groupOffHours(events: EventDocument[], limit: number): OffHoursActor[] {
  const actors = new Map<string, OffHoursActor>();
  for (const doc of events) {
    const { tenantId } = doc;
    const actorId = doc.actor?.id;
    if (typeof tenantId !== 'string' || typeof actorId !== 'string') continue;
    const id = `${tenantId}\u0000${actorId}`;
    const entry = actors.get(id) ?? {
      tenantId,
      actorId,
      count: 0,
      deletes: 0,
      first: [],
      last: doc,
    };
    entry.count += 1;
    if (doc.kind === 'delete') entry.deletes += 1;
    if (entry.first.length < limit) entry.first.push(doc);
    entry.last = doc;
    actors.set(id, entry);
  }
  return [...actors.values()];
}

/** One actor's off-hours events in one UTC hour: counted, or read. */
type HourPart = { hour: string; count: number; events?: EventDocument[] };

/**
 * People's events outside business hours for a match of whole tenants, counted from the hour
 * counters (`uq`, `ud`: per actor and quarter hour) instead of read: only each actor's first and
 * last hours are read, for the events a signal names and its window. Hours the counters do not
 * cover whole — the range's partial first and last hours, and hours with documents of the first
 * counter shape — are read and checked event by event.
 *
 * @example
 * ```ts
 * const actors = await countOffHours(
 *   { collection, hours: await readHourCounters(rollups, ['acme'], range), match: { tenantId: 'acme' }, range },
 *   { offHours: (quarter) => !isBusinessTime(quarter, { spans, hours }), limit: 20 },
 * );
 * ```
 */
export async function countOffHours(
  deps: {
    collection: Collection<EventDocument>;
    /** Every writer's hour documents of the hours the range touches (see `readHourCounters`). */
    hours: RollupDocument[];
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

  // Every writer's hour documents of the range, by tenant and hour.
  const byHour = new Map<string, RollupDocument[]>();
  for (const doc of deps.hours) {
    const key = `${doc.tenantId}|${doc.hour}`;
    byHour.set(key, [...(byHour.get(key) ?? []), doc]);
  }

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
  const toRead: { tenantId: string; hour: string }[] = [];
  for (const docs of byHour.values()) {
    const { tenantId, hour = '' } = docs[0] as RollupDocument;
    const start = Date.parse(`${hour}:00:00Z`);
    const off = new Set([0, 1, 2, 3].filter((quarter) => offHours(start / QUARTER_MS + quarter)));
    if (off.size === 0) continue;
    const whole = start >= range.from.getTime() && start + HOUR_MS <= range.to.getTime();
    if (!whole || docs.some((doc) => (doc.v ?? 1) < COUNTER_SHAPE)) {
      toRead.push({ tenantId, hour });
      continue;
    }
    const counts = new Map<string, number>();
    for (const doc of docs) {
      for (const [key, n] of Object.entries(doc.uq ?? {})) {
        const [actorId, quarter] = splitPairKey(key);
        if (off.has(Number(quarter))) counts.set(actorId, (counts.get(actorId) ?? 0) + n);
      }
      for (const [key, n] of Object.entries(doc.ud ?? {})) {
        const [actorId, quarter] = splitPairKey(key);
        const id = `${tenantId}\u0000${actorId}`;
        if (off.has(Number(quarter))) deletes.set(id, (deletes.get(id) ?? 0) + n);
      }
    }
    for (const [actorId, count] of counts) {
      if (count > 0) partsOf(tenantId, actorId).hours.push({ hour, count });
    }
  }
  const readHours = await mapLimit(toRead, PARALLEL, ({ tenantId, hour }) =>
    read({ tenantId, hour }, []),
  );
  for (const [i, { tenantId, hour }] of toRead.entries()) {
    for (const actor of groupOffHours(readHours[i] ?? [], Number.POSITIVE_INFINITY)) {
      partsOf(tenantId, actor.actorId).hours.push({
        hour,
        count: actor.count,
        events: actor.first,
      });
      const id = `${tenantId}\u0000${actor.actorId}`;
      deletes.set(id, (deletes.get(id) ?? 0) + actor.deletes);
    }
  }

  const readActor = (tenantId: string, actorId: string, hour: string) => {
    const { $and: actor, ...key } = actorEquality(actorId);
    return read({ tenantId, hour, ...key }, actor);
  };
  // Each actor's first events and last one: read from their hours, oldest first, as needed.
  const actorHour = (tenantId: string, actorId: string, part: HourPart) =>
    part.events ?? readActor(tenantId, actorId, part.hour);
  const found = await mapLimit([...parts.entries()], PARALLEL, async ([id, entry]) => {
    const hours = entry.hours.sort((a, b) => (a.hour < b.hour ? -1 : 1));
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
