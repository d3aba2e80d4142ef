import type { Actor } from '@activitykit/schema';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { type SignalFacts, signalMessage } from './signalMessages.ts';

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

/** The fields of an event that burst detectors read. */
export interface BurstEvent {
  _id: string;
  tenantId: string;
  occurredAt: Date;
  actor: Actor;
  context?: { ip?: string };
  metadata?: Record<string, unknown>;
}

/** Events of one key, at least `threshold` of them within some window, oldest first. */
export interface Burst {
  key: string;
  tenantId?: string;
  events: BurstEvent[];
}

/** Options of {@link findBursts}. */
export interface FindBurstsOptions {
  /** The key of an event, or `undefined` to leave it out. */
  keyOf: (event: BurstEvent) => BurstKey | undefined;
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
 * const bursts = findBursts(await source.candidates('login_failed'), {
 *   keyOf: (event) => (event.context?.ip ? { id: event.context.ip, key: event.context.ip } : undefined),
 *   threshold: 5,
 *   windowMs: 15 * 60_000,
 * });
 * ```
 */
export function findBursts(events: readonly BurstEvent[], options: FindBurstsOptions): Burst[] {
  const { threshold, windowMs } = options;
  const keys = new Map<string, { key: BurstKey; events: BurstEvent[] }>();
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
function slidingRuns(
  events: BurstEvent[],
  rule: { threshold: number; windowMs: number },
): BurstEvent[][] {
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

/**
 * The signal of a burst: its window runs from its first to its last event; medium, or high.
 *
 * @example
 * ```ts
 * burstSignal(burst, settings, {
 *   type: 'bulk_delete',
 *   facts: { type: 'bulk_delete', who: 'Alice', count: burst.events.length, rule: settings.bulkDelete },
 *   high: true,
 * });
 * ```
 */
export function burstSignal(
  burst: Burst,
  settings: SignalSettings,
  what: {
    type: SecuritySignal['type'];
    facts: SignalFacts;
    high: boolean;
  },
): SecuritySignal {
  const window = {
    from: (burst.events[0] as BurstEvent).occurredAt,
    to: (burst.events.at(-1) as BurstEvent).occurredAt,
  };
  return makeSignal(
    {
      type: what.type,
      severity: what.high ? 'high' : 'medium',
      key: burst.key,
      ...(burst.tenantId === undefined ? {} : { tenantId: burst.tenantId }),
      window,
      count: burst.events.length,
      description: signalMessage(what.facts, { ...settings, window }),
      events: burst.events,
    },
    settings.limitEvents,
  );
}
