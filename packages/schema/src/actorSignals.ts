/**
 * The security-signal rules about people's habits: activity outside business hours and logins from
 * a new IP address. The store works out the candidates from its counters and reads; the React kit's
 * memory source from its array (`offHoursActors`, `newIpLoginPairs`); both make the signals here.
 */
import type { SecuritySignal } from './results.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import { isBusinessTime, makeSignal, type SignalEvent, type SignalRules } from './signalRules.ts';
import { DAY_MS, offsetSpans } from './zone.ts';

/** One person's events outside business hours, within a tenant. */
export interface OffHoursActor<TEvent = SignalEvent> {
  tenantId: string;
  actorId: string;
  /** How many there are. */
  count: number;
  /** How many of them are deletes. */
  deletes: number;
  /** The first of them (at most the `limit` asked for), oldest first. */
  first: TEvent[];
  /** The newest of them. */
  last: TEvent;
}

/**
 * Groups events (oldest first, already known to lie outside business hours) by tenant and actor.
 *
 * @example
 * ```ts
 * groupOffHours(outsideHours, 20); // [{ actorId: 'u-ann', count: 41, deletes: 2, … }]
 * ```
 */
export function groupOffHours<
  TEvent extends { tenantId?: unknown; actor?: { id?: unknown }; kind?: unknown },
>(events: readonly TEvent[], limit: number): OffHoursActor<TEvent>[] {
  const actors = new Map<string, OffHoursActor<TEvent>>();
  for (const event of events) {
    const { tenantId } = event;
    const actorId = event.actor?.id;
    if (typeof tenantId !== 'string' || typeof actorId !== 'string') continue;
    const id = `${tenantId}\u0000${actorId}`;
    const entry = actors.get(id) ?? {
      tenantId,
      actorId,
      count: 0,
      deletes: 0,
      first: [],
      last: event,
    };
    entry.count += 1;
    if (event.kind === 'delete') entry.deletes += 1;
    if (entry.first.length < limit) entry.first.push(event);
    entry.last = event;
    actors.set(id, entry);
  }
  return [...actors.values()];
}

/**
 * People's (`user` actors') events of `events` (oldest first) within `range` and outside business
 * hours in `rules.timeZone`, grouped by tenant and actor.
 *
 * @example
 * ```ts
 * offHoursActors(events, { range, rules: signalRules({ timeZone: 'Europe/Moscow' }) });
 * ```
 */
export function offHoursActors(
  events: readonly SignalEvent[],
  options: { range: { from: Date; to: Date }; rules: SignalRules },
): OffHoursActor[] {
  const { range, rules } = options;
  const from = range.from.getTime();
  const to = range.to.getTime();
  const spans = offsetSpans(from - DAY_MS, to, rules.timeZone);
  const outside = events.filter((event) => {
    const at = event.occurredAt.getTime();
    return (
      event.actor.type === 'user' &&
      at >= from &&
      at < to &&
      !isBusinessTime(at, { spans, hours: rules.businessHours })
    );
  });
  return groupOffHours(outside, rules.limitEvents);
}

/**
 * One signal per person acting outside business hours, ordered by tenant and actor. Low; medium
 * when it includes deletes.
 *
 * @example
 * ```ts
 * offHoursSignals(offHoursActors(events, { range, rules }), rules);
 * ```
 */
export function offHoursSignals(
  actors: readonly OffHoursActor[],
  rules: SignalRules,
): SecuritySignal[] {
  return [...actors]
    .sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.actorId, b.actorId))
    .map((entry) => {
      const { tenantId, actorId, count, first: events, last } = entry;
      const window = { from: (events[0] ?? last).occurredAt, to: last.occurredAt };
      return makeSignal(
        {
          type: 'off_hours_activity',
          severity: entry.deletes > 0 ? 'medium' : 'low',
          key: actorId,
          tenantId,
          window,
          count,
          description: signalMessage(
            {
              type: 'off_hours_activity',
              who: displayName(last.actor),
              count,
              hours: rules.businessHours,
            },
            { ...rules, window },
          ),
          events,
        },
        rules.limitEvents,
      );
    });
}

/** A (tenant, user, IP) of successful logins within the range. */
export interface LoginPairKey {
  tenantId: string;
  actorId: string;
  ip: string;
  /** How many successful logins of the pair lie within the range. */
  n: number;
}

/**
 * The order pairs are checked in (only `newIpLogin.maxPairs` of them): the fewest logins first,
 * then by tenant, user and IP.
 *
 * @example
 * ```ts
 * pairs.sort(compareLoginPairs).slice(0, rules.newIpLogin.maxPairs);
 * ```
 */
export function compareLoginPairs(x: LoginPairKey, y: LoginPairKey): number {
  return (
    x.n - y.n ||
    compare(x.tenantId, y.tenantId) ||
    compare(x.actorId, y.actorId) ||
    compare(x.ip, y.ip)
  );
}

/**
 * The signal of a pair found new: the user's first login of the range from that IP. Medium.
 *
 * @example
 * ```ts
 * newIpLoginSignal({ tenantId: 'acme', actorId: 'u-ann', ip: '203.0.113.9', n: 2, first, logins }, rules);
 * ```
 */
export function newIpLoginSignal(
  pair: LoginPairKey & { first: SignalEvent; logins: readonly SignalEvent[] },
  rules: SignalRules,
): SecuritySignal {
  const window = { from: pair.first.occurredAt, to: pair.first.occurredAt };
  return makeSignal(
    {
      type: 'new_ip_login',
      severity: 'medium',
      key: pair.actorId,
      tenantId: pair.tenantId,
      window,
      count: pair.n,
      description: signalMessage(
        { type: 'new_ip_login', who: displayName(pair.first.actor), ip: pair.ip, count: pair.n },
        { ...rules, window },
      ),
      events: pair.logins,
    },
    rules.limitEvents,
  );
}

/**
 * Logins from an IP address the user had never logged in from, over events held in memory. For
 * each (tenant, user, IP) of `logins` (successful logins of the match within the range, oldest
 * first) its first login is new unless the same user logged in successfully from the same IP within
 * `newIpLogin.lookbackDays` before it — looking through `history` (every successful login,
 * whatever the match). A user with no earlier login at all is not flagged: a first login is not a
 * new IP.
 *
 * @example
 * ```ts
 * newIpLoginSignals({ logins, history: allLogins, rules: signalRules() });
 * ```
 */
export function newIpLoginSignals(options: {
  logins: readonly SignalEvent[];
  history: readonly SignalEvent[];
  rules: SignalRules;
}): SecuritySignal[] {
  const { rules } = options;
  const pairs = new Map<string, LoginPairKey & { first: SignalEvent; logins: SignalEvent[] }>();
  for (const login of options.logins) {
    const ip = login.context?.ip;
    if (typeof ip !== 'string' || ip === '') continue;
    const id = JSON.stringify([login.tenantId, login.actor.id, ip]);
    const pair = pairs.get(id) ?? {
      tenantId: login.tenantId,
      actorId: login.actor.id,
      ip,
      n: 0,
      first: login,
      logins: [],
    };
    pair.n += 1;
    if (pair.logins.length < rules.limitEvents) pair.logins.push(login);
    pairs.set(id, pair);
  }
  const lookback = rules.newIpLogin.lookbackDays * DAY_MS;
  return [...pairs.values()]
    .sort(compareLoginPairs)
    .slice(0, rules.newIpLogin.maxPairs)
    .filter((pair) => {
      const to = pair.first.occurredAt.getTime();
      const earlier = options.history.filter(
        (login) =>
          login.tenantId === pair.tenantId &&
          login.actor.id === pair.actorId &&
          login.occurredAt.getTime() >= to - lookback &&
          login.occurredAt.getTime() < to,
      );
      return earlier.length > 0 && !earlier.some((login) => login.context?.ip === pair.ip);
    })
    .map((pair) => newIpLoginSignal(pair, rules));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
