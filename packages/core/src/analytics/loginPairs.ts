import { DAY_MS } from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { type EventDocument, utcDaysBetween } from '../internal/document.ts';
import { firstLoginId } from '../rollups/delta.ts';
import { pairKey } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import { LOGIN_FIELDS, loadLoginCounts } from './loginCounts.ts';
import {
  actorEquality,
  type EventMatch,
  mapLimit,
  READS_IN_FLIGHT,
  SUCCESSFUL_LOGIN,
  sortEvents,
} from './shared.ts';

/** A user and an IP address they logged in from, successfully, within the range. */
export interface LoginPair {
  tenantId: string;
  actorId: string;
  ip: string;
  /** Their successful logins from that IP within the range. */
  n: number;
  /**
   * The UTC day of the first of them, when the counters counted it: a day wholly inside the range
   * whose counters are of the current shape (see `screenLoginPairs`).
   */
  countedDay?: string | undefined;
  /** The first of them (`undefined` only when counters count logins no longer stored). */
  first(): Promise<EventDocument | undefined>;
  /** The first `limit` of them, oldest first. */
  logins(limit: number): Promise<EventDocument[]>;
}

/** The pair a successful login belongs to, or `undefined` without a user id or an IP address. */
function pairOf(doc: EventDocument): [string, string, string] | undefined {
  const { tenantId, actor } = doc;
  const ip = doc.context?.ip;
  if (doc.outcome !== 'success' || typeof tenantId !== 'string') return undefined;
  if (typeof actor?.id !== 'string' || typeof ip !== 'string' || ip === '') return undefined;
  return [tenantId, actor.id, ip];
}

/**
 * The pairs of successful logins read one by one (`logins` oldest first).
 *
 * @example
 * ```ts
 * pairsFromEvents(await source.candidates('login_success')); // [{ actorId: 'u-ann', ip: '10.0.0.1', n: 12, … }]
 * ```
 */
export function pairsFromEvents(logins: EventDocument[]): LoginPair[] {
  const byPair = new Map<string, { key: [string, string, string]; logins: EventDocument[] }>();
  for (const doc of logins) {
    const key = pairOf(doc);
    if (!key) continue;
    const id = JSON.stringify(key);
    const entry = byPair.get(id) ?? { key, logins: [] };
    entry.logins.push(doc);
    byPair.set(id, entry);
  }
  return [...byPair.values()].map(({ key: [tenantId, actorId, ip], logins: ofPair }) => ({
    tenantId,
    actorId,
    ip,
    n: ofPair.length,
    first: async () => ofPair[0],
    logins: async (limit) => ofPair.slice(0, limit),
  }));
}

/**
 * The pairs of successful logins of whole tenants, counted from the day counters (`li`: successful
 * logins per user and IP) instead of read: the range's partial first and last days and days with
 * counters of the first shape are read, and a pair's own days only when its logins are asked for
 * (`{ tenantId, day, kind: 'login', outcome: 'success' }`, each day once).
 *
 * @example
 * ```ts
 * const pairs = await countLoginPairs({ collection, rollups, tenants: ['acme'], match, range });
 * const rare = pairs.filter((pair) => pair.n === 1);
 * ```
 */
export async function countLoginPairs(deps: {
  collection: Collection<EventDocument>;
  rollups: RollupReader;
  tenants: TenantSet;
  match: EventMatch;
  range: { from: Date; to: Date };
}): Promise<LoginPair[]> {
  const { collection, rollups, tenants, match, range } = deps;
  const days = new Set(utcDaysBetween(range.from, range.to));
  const { counted, incomplete, firsts } = await loadLoginCounts(rollups, tenants, days);

  const inRange = { occurredAt: { $gte: range.from, $lt: range.to } };
  const dayReads = new Map<string, Promise<EventDocument[]>>();
  /** The successful logins of a tenant's day, or of one user's day (each read once). */
  const readDay = (tenantId: string, day: string, actorId?: string) => {
    const whole = dayReads.get(JSON.stringify([tenantId, day]));
    if (whole && actorId !== undefined) {
      return whole.then((docs) => docs.filter((doc) => doc.actor?.id === actorId));
    }
    const key = JSON.stringify([tenantId, day, actorId]);
    let read = dayReads.get(key);
    if (!read) {
      const { $and: actor = [], ...equality } = actorId === undefined ? {} : actorEquality(actorId);
      read = collection
        .find(
          {
            tenantId,
            day,
            ...SUCCESSFUL_LOGIN,
            ...equality,
            $and: [match, inRange, ...actor],
          } as Filter<EventDocument>,
          { projection: LOGIN_FIELDS },
        )
        .toArray()
        .then(sortEvents);
      dayReads.set(key, read);
    }
    return read;
  };

  const pairs = new Map<string, { key: [string, string, string]; n: number; days: string[] }>();
  const count = (key: [string, string, string], day: string, n: number) => {
    const id = JSON.stringify(key);
    const entry = pairs.get(id) ?? { key, n: 0, days: [] };
    entry.n += n;
    if (entry.days.at(-1) !== day) entry.days.push(day);
    pairs.set(id, entry);
  };
  // Days in order, so each pair's days come oldest first.
  const ordered = [...counted]
    .map(([key, logins]) => ({ key, day: key.slice(key.lastIndexOf('|') + 1), logins }))
    .filter(({ day }) => days.has(day))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const readWhole = ordered.filter(({ key, day }) => {
    const start = Date.parse(`${day}T00:00:00Z`);
    const whole = start >= range.from.getTime() && start + DAY_MS <= range.to.getTime();
    return !whole || incomplete.has(key);
  });
  const read = new Map(
    await mapLimit(readWhole, READS_IN_FLIGHT, async ({ key, day }) => {
      const tenantId = key.slice(0, key.lastIndexOf('|'));
      return [key, await readDay(tenantId, day)] as const;
    }),
  );
  for (const { key, day, logins } of ordered) {
    const tenantId = key.slice(0, key.lastIndexOf('|'));
    const events = read.get(key);
    if (events) {
      for (const doc of events) {
        const pair = pairOf(doc);
        if (pair) count(pair, day, 1);
      }
      continue;
    }
    for (const [actorId, ips] of logins) {
      for (const [ip, n] of ips) if (n > 0 && ip !== '') count([tenantId, actorId, ip], day, n);
    }
  }

  /** A pair's first login by the id its day's counters keep (`undefined` when it is gone). */
  const lookUp = async (pair: { tenantId: string; actorId: string; ip: string }, kept: string) => {
    const doc = await collection.findOne(
      {
        _id: firstLoginId(kept),
        tenantId: pair.tenantId,
        $and: [match],
      } as Filter<EventDocument>,
      { projection: LOGIN_FIELDS },
    );
    if (!doc || doc.actor?.id !== pair.actorId || doc.context?.ip !== pair.ip) return undefined;
    return pairOf(doc) ? doc : undefined;
  };

  return [...pairs.values()].map(({ key: [tenantId, actorId, ip], n, days: ofPair }) => {
    const firstDay = ofPair[0] as string;
    const counts = read.has(`${tenantId}|${firstDay}`)
      ? undefined
      : firsts.get(`${tenantId}|${firstDay}`);
    const kept = counts?.get(pairKey(actorId, ip));
    const logins = async (limit: number) => {
      const found: EventDocument[] = [];
      for (const day of ofPair) {
        if (found.length >= limit) break;
        for (const doc of await readDay(tenantId, day, actorId)) {
          if (doc.actor?.id === actorId && doc.context?.ip === ip && pairOf(doc)) found.push(doc);
        }
      }
      return found.slice(0, limit);
    };
    let first: Promise<EventDocument | undefined> | undefined;
    const firstOf = () => {
      first ??= (async () => {
        const found = kept && (await lookUp({ tenantId, actorId, ip }, kept));
        return found || (await logins(1))[0];
      })();
      return first;
    };
    return {
      tenantId,
      actorId,
      ip,
      n,
      countedDay: read.has(`${tenantId}|${firstDay}`) ? undefined : firstDay,
      first: firstOf,
      // A pair's only login is its first.
      logins: async (limit) => {
        if (n !== 1 || !kept) return logins(limit);
        const found = await firstOf();
        return found ? [found] : [];
      },
    };
  });
}
