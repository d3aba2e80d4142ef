import type { Actor } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { type EventMatch, type GroupRow, mapLimit } from './shared.ts';
import { type SignalFacts, signalMessage } from './signalMessages.ts';

/** What a group of events is keyed by: an id to merge on, the key shown, and a filter to fetch it. */
export interface BurstKey {
  id: string;
  key: string;
  filter: EventMatch;
  /** The tenant, for keys that only mean something within one (user and actor ids). */
  tenantId?: string;
}

/**
 * `key` within one tenant: the same id in two tenants is two keys. `undefined` when either is.
 *
 * @example
 * ```ts
 * inTenant('acme', { id: 'u1', key: 'u1', filter: { 'actor.id': 'u1' } });
 * // { id: 'acme\u0000u1', key: 'u1', tenantId: 'acme', filter: { 'actor.id': 'u1', tenantId: 'acme' } }
 * ```
 */
export function inTenant(tenantId: unknown, key: BurstKey | undefined): BurstKey | undefined {
  if (typeof tenantId !== 'string' || !key) return undefined;
  return {
    id: `${tenantId}\u0000${key.id}`,
    key: key.key,
    tenantId,
    filter: { ...key.filter, tenantId },
  };
}

/** The fields of an event that burst detectors read. */
export interface BurstEvent {
  _id: string;
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
  /** Selects the events (and already confines them to the range). */
  match: EventMatch;
  /** `$group` fields whose values make the key, e.g. `{ ip: '$context.ip' }`. */
  groupBy: Record<string, string>;
  /** The key of a group's values, or `undefined` to ignore the group. */
  keyOf: (values: Record<string, unknown>) => BurstKey | undefined;
  threshold: number;
  windowMs: number;
}

/**
 * Finds every burst: a maximal run of one key's events in which each event is covered by a window of
 * `windowMs` holding at least `threshold` events. First one `$group` counts events per key and
 * quarter hour, which rules out every stretch whose quarters cannot add up to `threshold` within a
 * window; then only the stretches left are fetched (times and a few fields), oldest first, and the
 * windows are slid over them exactly.
 *
 * @example
 * ```ts
 * const bursts = await findBursts(collection, {
 *   match: { tenantId: 'acme', kind: 'login_failed' },
 *   groupBy: { ip: '$context.ip' },
 *   keyOf: ({ ip }) => (typeof ip === 'string' ? { id: ip, key: ip, filter: { 'context.ip': ip } } : undefined),
 *   threshold: 5,
 *   windowMs: 15 * 60_000,
 * });
 * ```
 */
export async function findBursts(
  collection: Collection<EventDocument>,
  options: FindBurstsOptions,
): Promise<Burst[]> {
  const { match, threshold, windowMs } = options;
  const rows = await collection
    .aggregate<GroupRow<Record<string, unknown>>>([
      { $match: match },
      { $group: { _id: { ...options.groupBy, q: '$quarter' }, n: { $sum: 1 } } },
    ])
    .toArray();
  const keys = new Map<
    string,
    {
      key: string;
      tenantId?: string;
      filters: Map<string, EventMatch>;
      quarters: Map<number, number>;
    }
  >();
  for (const row of rows) {
    const found = options.keyOf(row._id);
    if (!found) continue;
    let entry = keys.get(found.id);
    if (!entry) {
      entry = { key: found.key, tenantId: found.tenantId, filters: new Map(), quarters: new Map() };
      keys.set(found.id, entry);
    }
    entry.filters.set(JSON.stringify(found.filter), found.filter);
    const quarter = Number(row._id.q);
    entry.quarters.set(quarter, (entry.quarters.get(quarter) ?? 0) + row.n);
  }

  const span = Math.ceil(windowMs / QUARTER_MS);
  const stretches = [...keys.values()].flatMap((entry) =>
    candidateStretches(entry.quarters, { span, threshold }).map(([first, last]) => ({
      entry,
      first,
      last,
    })),
  );
  const found = await mapLimit(stretches, 8, async ({ entry, first, last }) => {
    const filters = [...entry.filters.values()];
    const events = await collection
      .find(
        {
          $and: [
            match,
            filters.length === 1 ? (filters[0] as EventMatch) : { $or: filters },
            {
              occurredAt: {
                $gte: new Date(first * QUARTER_MS),
                $lt: new Date((last + 1) * QUARTER_MS),
              },
            },
          ],
        } as EventMatch,
        {
          projection: {
            _id: 1,
            occurredAt: 1,
            actor: 1,
            'context.ip': 1,
            'metadata.identifier': 1,
          },
          sort: { occurredAt: 1, _id: 1 },
        },
      )
      .toArray();
    return slidingRuns(events as BurstEvent[], { threshold, windowMs }).map((run) => ({
      key: entry.key,
      ...(entry.tenantId === undefined ? {} : { tenantId: entry.tenantId }),
      events: run,
    }));
  });
  return found.flat();
}

/**
 * Quarter stretches `[first, last]` (merged when they overlap or touch) that may hold a burst: some
 * `span + 1` consecutive quarters — as many as one window can touch — with `threshold` events.
 */
function candidateStretches(
  quarters: Map<number, number>,
  rule: { span: number; threshold: number },
): [number, number][] {
  const sorted = [...quarters].sort((a, b) => a[0] - b[0]);
  const stretches: [number, number][] = [];
  let end = 0;
  let sum = 0;
  for (const [start] of sorted) {
    while (end < sorted.length && (sorted[end]?.[0] ?? 0) <= start + rule.span) {
      sum += sorted[end]?.[1] ?? 0;
      end++;
    }
    if (sum >= rule.threshold) {
      const last = stretches.at(-1);
      if (last && last[1] >= start - 1) last[1] = start + rule.span;
      else stretches.push([start, start + rule.span]);
    }
    sum -= quarters.get(start) ?? 0;
  }
  return stretches;
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
