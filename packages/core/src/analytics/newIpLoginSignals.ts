import type { Actor } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { type EventMatch, type GroupRow, mapLimit, SUCCESSFUL_LOGIN, within } from './shared.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import { DAY_MS } from './zone.ts';

type Pair = GroupRow<{ t?: string; a?: string; ip?: string }>;

/**
 * Successful logins from an IP address the user had never logged in from: for each (tenant, user,
 * IP) seen in the range, its first successful login there, unless the same user logged in
 * successfully from the same IP earlier — looking back `newIpLogin.lookbackDays` before it, across
 * the range's start and regardless of the user's filters (within the event's own tenant). A user
 * with no earlier successful login at all is not flagged: a first login is not a new IP. One
 * indexed `find` per pair (two when the IP is new), at most `newIpLogin.maxPairs` pairs, the ones
 * with the fewest logins first. Medium.
 *
 * @example
 * ```ts
 * const signals = await newIpLoginSignals(collection, signalSettings({ match, range }));
 * // [{ type: 'new_ip_login', key: 'u-alice', description: 'Alice logged in from a new IP address …' }]
 * ```
 */
export async function newIpLoginSignals(
  collection: Collection<EventDocument>,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const { limitEvents, newIpLogin } = settings;
  const inRange = within(settings.match, settings.range, SUCCESSFUL_LOGIN);
  const rows = await collection
    .aggregate<Pair>([
      { $match: inRange },
      { $group: { _id: { t: '$tenantId', a: '$actor.id', ip: '$context.ip' }, n: { $sum: 1 } } },
    ])
    .toArray();
  const pairs = rows
    .filter(
      ({ _id }) =>
        typeof _id.t === 'string' &&
        typeof _id.a === 'string' &&
        typeof _id.ip === 'string' &&
        _id.ip !== '',
    )
    .sort((x, y) => x.n - y.n || compareKeys(x._id, y._id))
    .slice(0, newIpLogin.maxPairs);

  const found = await mapLimit(pairs, 8, async ({ _id, n }) => {
    const pair = { tenantId: _id.t as string, 'actor.id': _id.a as string };
    const logins = await collection
      .find({ $and: [inRange, pair, { 'context.ip': _id.ip }] } as EventMatch, {
        projection: { _id: 1, occurredAt: 1, actor: 1 },
        sort: { occurredAt: 1, _id: 1 },
        limit: limitEvents,
      })
      .toArray();
    const first = logins[0];
    if (!first) return undefined;
    const before = {
      ...pair,
      ...SUCCESSFUL_LOGIN,
      occurredAt: {
        $gte: new Date(first.occurredAt.getTime() - newIpLogin.lookbackDays * DAY_MS),
        $lt: first.occurredAt,
      },
    } as EventMatch;
    const seen = await collection.findOne({ ...before, 'context.ip': _id.ip } as EventMatch, {
      projection: { _id: 1 },
    });
    if (seen) return undefined;
    const known = await collection.findOne(before, { projection: { _id: 1 } });
    if (!known) return undefined;
    const window = { from: first.occurredAt, to: first.occurredAt };
    const who = displayName(first.actor as Actor);
    return makeSignal(
      {
        type: 'new_ip_login',
        severity: 'medium',
        key: _id.a as string,
        tenantId: _id.t as string,
        window,
        count: n,
        description: signalMessage(
          { type: 'new_ip_login', who, ip: _id.ip as string, count: n },
          { ...settings, window },
        ),
        events: logins,
      },
      limitEvents,
    );
  });
  return found.filter((signal) => signal !== undefined);
}

/** Orders pairs by tenant, user, then IP. */
function compareKeys(x: Pair['_id'], y: Pair['_id']): number {
  for (const field of ['t', 'a', 'ip'] as const) {
    const a = x[field] ?? '';
    const b = y[field] ?? '';
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}
