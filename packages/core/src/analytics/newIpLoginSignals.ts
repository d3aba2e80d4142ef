import type { Actor } from '@activitykit/schema';
import type { EventDocument } from '../internal/document.ts';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import type { SignalSource } from './signalReads.ts';
import { DAY_MS } from './zone.ts';

interface Pair {
  _id: { t: string; a: string; ip: string };
  n: number;
  /** The pair's successful logins in the range, oldest first. */
  logins: EventDocument[];
}

/**
 * Successful logins from an IP address the user had never logged in from: for each (tenant, user,
 * IP) seen in the range, its first successful login there, unless the same user logged in
 * successfully from the same IP earlier — looking back `newIpLogin.lookbackDays` before it, across
 * the range's start and regardless of the user's filters (within the event's own tenant). A user
 * with no earlier successful login at all is not flagged: a first login is not a new IP. At most
 * `newIpLogin.maxPairs` pairs, the ones with the fewest logins first. The range's logins are read
 * by day with the other login detectors; the earlier ones come from the day counters of successful
 * logins per user and IP, reading only the first and last day of each look back (see
 * `answerLoginQuestions`). Medium.
 *
 * @example
 * ```ts
 * const signals = await newIpLoginSignals(source, signalSettings({ match, range }));
 * // [{ type: 'new_ip_login', key: 'u-alice', description: 'Alice logged in from a new IP address …' }]
 * ```
 */
export async function newIpLoginSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const { limitEvents, newIpLogin } = settings;
  const byPair = new Map<string, Pair>();
  for (const doc of await source.candidates('login')) {
    const { tenantId: t, actor } = doc;
    const a = actor?.id;
    const ip = doc.context?.ip;
    if (doc.outcome !== 'success' || typeof t !== 'string' || typeof a !== 'string') continue;
    if (typeof ip !== 'string' || ip === '') continue;
    const id = JSON.stringify([t, a, ip]);
    const pair = byPair.get(id) ?? { _id: { t, a, ip }, n: 0, logins: [] };
    pair.n += 1;
    pair.logins.push(doc);
    byPair.set(id, pair);
  }
  const pairs = [...byPair.values()]
    .sort((x, y) => x.n - y.n || compareKeys(x._id, y._id))
    .slice(0, newIpLogin.maxPairs);
  if (pairs.length === 0) return [];

  const lookback = newIpLogin.lookbackDays * DAY_MS;
  const answers = await source.answerLogins(
    pairs.map(({ _id, logins }) => {
      const first = (logins[0] as EventDocument).occurredAt;
      return {
        tenantId: _id.t,
        actorId: _id.a,
        ip: _id.ip,
        from: new Date(first.getTime() - lookback),
        to: first,
      };
    }),
  );

  const found = pairs.map(({ _id, n, logins }, i) => {
    const first = logins[0] as EventDocument;
    const answer = answers[i];
    // No earlier login at all is a first login, not a new IP; one from this IP is nothing new.
    if (!answer?.any || answer.sameIp) return undefined;
    const window = { from: first.occurredAt, to: first.occurredAt };
    const who = displayName(first.actor as Actor);
    return makeSignal(
      {
        type: 'new_ip_login',
        severity: 'medium',
        key: _id.a,
        tenantId: _id.t,
        window,
        count: n,
        description: signalMessage(
          { type: 'new_ip_login', who, ip: _id.ip, count: n },
          { ...settings, window },
        ),
        events: logins.slice(0, limitEvents),
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
