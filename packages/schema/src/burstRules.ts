/**
 * The rules of the burst signals, the same for the store and the React kit's memory source: how
 * events group (per account, per IP, within a tenant), what a burst is, and the default thresholds.
 */

/** Anything with an instant: the events a burst is found among. */
export interface Timed {
  occurredAt: Date;
}

/** What a group of events is keyed by: an id to merge on and the key shown. */
export interface BurstKey {
  id: string;
  key: string;
  /** The tenant, for keys that only mean something within one (user and actor ids). */
  tenantId?: string;
}

/**
 * `key` within one tenant: the same id in two tenants is two keys. `undefined` when either is.
 *
 * @example
 * ```ts
 * inTenant('acme', { id: 'u1', key: 'u1' });
 * // { id: 'acme\u0000u1', key: 'u1', tenantId: 'acme' }
 * ```
 */
export function inTenant(tenantId: unknown, key: BurstKey | undefined): BurstKey | undefined {
  if (typeof tenantId !== 'string' || !key) return undefined;
  return { id: `${tenantId}\u0000${key.id}`, key: key.key, tenantId };
}

/** Events of one key, at least `threshold` of them within some window, oldest first. */
export interface Burst<TEvent extends Timed = Timed> {
  key: string;
  tenantId?: string;
  events: TEvent[];
}

/** Options of {@link findBursts}. */
export interface FindBurstsOptions<TEvent extends Timed = Timed> {
  /** The key of an event, or `undefined` to leave it out. */
  keyOf: (event: TEvent) => BurstKey | undefined;
  threshold: number;
  windowMs: number;
}

/**
 * Finds every burst among `events` (oldest first, already confined to the match and the range): a
 * maximal run of one key's events in which each event is covered by a window of `windowMs` holding
 * at least `threshold` events. The events are the few candidates of a rule (failed logins,
 * deletes), so they are grouped and the windows slid here.
 *
 * @example
 * ```ts
 * const bursts = findBursts(failedLogins, {
 *   keyOf: (event) => (event.context?.ip ? { id: event.context.ip, key: event.context.ip } : undefined),
 *   threshold: 5,
 *   windowMs: 15 * 60_000,
 * });
 * ```
 */
export function findBursts<TEvent extends Timed>(
  events: readonly TEvent[],
  options: FindBurstsOptions<TEvent>,
): Burst<TEvent>[] {
  const { threshold, windowMs } = options;
  const keys = new Map<string, { key: BurstKey; events: TEvent[] }>();
  for (const event of events) {
    const key = options.keyOf(event);
    if (!key) continue;
    const entry = keys.get(key.id) ?? { key, events: [] };
    entry.events.push(event);
    keys.set(key.id, entry);
  }
  return [...keys.values()].flatMap(({ key, events: ofKey }) =>
    slidingRuns(ofKey, { threshold, windowMs }).map((run) => ({
      key: key.key,
      ...(key.tenantId === undefined ? {} : { tenantId: key.tenantId }),
      events: run,
    })),
  );
}

/** Runs of events, oldest first, in which every event lies in a window holding `threshold` events. */
function slidingRuns<TEvent extends Timed>(
  events: TEvent[],
  rule: { threshold: number; windowMs: number },
): TEvent[][] {
  const runs: [number, number][] = [];
  let end = 0;
  events.forEach((event, start) => {
    const limit = event.occurredAt.getTime() + rule.windowMs;
    while (end < events.length && (events[end]?.occurredAt.getTime() ?? 0) < limit) end++;
    if (end - start < rule.threshold) return;
    const last = runs.at(-1);
    if (last && last[1] >= start) last[1] = end - 1;
    else runs.push([start, end - 1]);
  });
  return runs.map(([first, last]) => events.slice(first, last + 1));
}

/** Actor types that name a real account: a failed login by one is keyed by the actor's id. */
const ACCOUNT_TYPES = ['user', 'api_key'];

/** Whether an actor type names a real account (see {@link accountOf}). */
export const isAccountType = (type: unknown): boolean => ACCOUNT_TYPES.includes(String(type));

/** Whose account a failed login was against: an id to group on and the key shown. */
export interface Account {
  id: string;
  key: string;
}

/**
 * Whose account a failed login was against: the actor's id when the app knew the account (a `user`
 * or `api_key` actor), else the attempted identifier from `metadata.identifier` (trimmed and
 * lower-cased, as `describe` shows it) — `undefined` for an anonymous attempt without one. The
 * failed-login rules group by it (the store's writer also counts failed logins per account and hour with it).
 *
 * @example
 * ```ts
 * accountOf({ actorId: 'anonymous', actorType: 'anonymous', identifier: ' Bob@Acme.test ' });
 * // { id: 'identifier:bob@acme.test', key: 'bob@acme.test' }
 * ```
 */
export function accountOf(values: {
  actorId: unknown;
  actorType: unknown;
  identifier: unknown;
}): Account | undefined {
  const { actorId, actorType, identifier } = values;
  if (typeof actorId === 'string' && isAccountType(actorType)) {
    return { id: `actor:${actorId}`, key: actorId };
  }
  if (typeof identifier !== 'string' || identifier.trim() === '') return undefined;
  const key = identifier.trim().toLowerCase();
  return { id: `identifier:${key}`, key };
}

/** The default thresholds of the security signals (each one a store option). */
export const SIGNAL_DEFAULTS = {
  /** Business hours: from `start` to `end` o'clock on `days` (0 = Sunday), in the request's zone. */
  businessHours: { start: 9, end: 18, days: [1, 2, 3, 4, 5] },
  /** Failed logins, per account and per IP address. */
  failedLogins: { threshold: 5, windowMinutes: 15 },
  /** Deletes by one actor. */
  bulkDelete: { threshold: 20, windowMinutes: 10 },
  /** How far back a login from an IP counts as known, and how many (user, IP) pairs are checked. */
  newIpLogin: { lookbackDays: 365, maxPairs: 1000 },
  /** The events a signal names at most. */
  limitEvents: 20,
} as const;
