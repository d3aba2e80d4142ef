import type { Actor } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import {
  type BusinessHours,
  makeSignal,
  type SecuritySignal,
  type SignalSettings,
} from './securitySignal.ts';
import { type EventMatch, type GroupRow, mapLimit, within } from './shared.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import { DAY_MS, HOUR_MS, localTime, mod, type OffsetSpan, offsetSpans } from './zone.ts';

type Row = GroupRow<{ tn?: string; a?: string; q?: number; k?: string }>;
interface ActorEntry {
  tenantId: string;
  actorId: string;
  count: number;
  deletes: number;
  quarters: Set<number>;
}

/**
 * Whether a quarter hour lies within business hours on the zone's clocks. Business hours are whole
 * hours and every offset a multiple of 15 minutes, so a quarter is wholly inside or outside.
 *
 * @example
 * ```ts
 * const spans = offsetSpans(from, to, 'Europe/Moscow');
 * isBusinessTime(Date.UTC(2026, 10, 2, 7) / 900_000, { spans, hours: { start: 9, end: 18, days: [1, 2, 3, 4, 5] } });
 * // true: Monday 10:00 in Moscow
 * ```
 */
export function isBusinessTime(
  quarter: number,
  options: { spans: OffsetSpan[]; hours: BusinessHours },
): boolean {
  const { start, end, days } = options.hours;
  const local = localTime(quarter * QUARTER_MS, options.spans);
  const hour = mod(Math.floor(local / HOUR_MS), 24);
  const day = mod(Math.floor(local / DAY_MS) + 4, 7); // 1 January 1970 was a Thursday
  const inHours = start < end ? hour >= start && hour < end : hour >= start || hour < end;
  return inHours && (days as number[]).includes(day);
}

/**
 * Activity by people (`user` actors; jobs, API keys and anonymous attempts are left out) outside
 * business hours in the zone, one signal per actor (and tenant) over the range. One `$group` by actor and
 * quarter hour finds the quarters outside business hours; then each actor's first events and last
 * event in them are fetched. Low; medium when it includes deletes.
 *
 * @example
 * ```ts
 * const signals = await offHoursSignals(collection, signalSettings({ match, range, timeZone: 'Europe/Moscow' }));
 * ```
 */
export async function offHoursSignals(
  collection: Collection<EventDocument>,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const { range, businessHours: hours, limitEvents } = settings;
  const match = within(settings.match, range, { 'actor.type': 'user' });
  const rows = await collection
    .aggregate<Row>([
      { $match: match },
      {
        $group: {
          _id: { tn: '$tenantId', a: '$actor.id', q: '$quarter', k: '$kind' },
          n: { $sum: 1 },
        },
      },
    ])
    .toArray();
  const spans = offsetSpans(
    range.from.getTime() - QUARTER_MS,
    range.to.getTime(),
    settings.timeZone,
  );
  const actors = new Map<string, ActorEntry>();
  for (const { _id, n } of rows) {
    const { tn: tenantId, a: actorId, q: quarter } = _id;
    if (
      typeof tenantId !== 'string' ||
      typeof actorId !== 'string' ||
      typeof quarter !== 'number'
    ) {
      continue;
    }
    if (isBusinessTime(quarter, { spans, hours })) continue;
    const id = `${tenantId}\u0000${actorId}`;
    const entry = actors.get(id) ?? {
      tenantId,
      actorId,
      count: 0,
      deletes: 0,
      quarters: new Set(),
    };
    entry.count += n;
    if (_id.k === 'delete') entry.deletes += n;
    entry.quarters.add(quarter);
    actors.set(id, entry);
  }

  return mapLimit(
    [...actors].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, entry]) => entry),
    8,
    async (entry) => {
      const { tenantId, actorId } = entry;
      const filter = {
        $and: [match, { tenantId, 'actor.id': actorId }, { quarter: { $in: [...entry.quarters] } }],
      } as EventMatch;
      const [firsts, lasts] = await Promise.all([
        collection
          .find(filter, {
            projection: { _id: 1, occurredAt: 1, actor: 1 },
            sort: { occurredAt: 1, _id: 1 },
            limit: limitEvents,
          })
          .toArray(),
        collection
          .find(filter, {
            projection: { _id: 1, occurredAt: 1, actor: 1 },
            sort: { occurredAt: -1, _id: -1 },
            limit: 1,
          })
          .toArray(),
      ]);
      const first = firsts[0];
      const last = lasts[0] ?? first;
      const window = { from: first?.occurredAt ?? range.from, to: last?.occurredAt ?? range.from };
      const who = displayName((last?.actor as Actor | undefined) ?? { id: actorId });
      return makeSignal(
        {
          type: 'off_hours_activity',
          severity: entry.deletes > 0 ? 'medium' : 'low',
          key: actorId,
          tenantId,
          window,
          count: entry.count,
          description: signalMessage(
            { type: 'off_hours_activity', who, count: entry.count, hours },
            { ...settings, window },
          ),
          events: firsts,
        },
        limitEvents,
      );
    },
  );
}
