import type { Actor } from '@activitykit/schema';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import {
  type BusinessHours,
  makeSignal,
  type SecuritySignal,
  type SignalSettings,
} from './securitySignal.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import type { SignalSource } from './signalReads.ts';
import { DAY_MS, HOUR_MS, localTime, mod, type OffsetSpan, offsetSpans } from './zone.ts';

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
 * business hours in the zone, one signal per actor (and tenant) over the range. The day counters
 * say which UTC hours hold events in quarters outside business hours; only those hours are read
 * (a day with many of them is read whole), and each event is checked here. Low; medium when it
 * includes deletes.
 *
 * @example
 * ```ts
 * const signals = await offHoursSignals(source, signalSettings({ match, range, timeZone: 'Europe/Moscow' }));
 * ```
 */
export async function offHoursSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const { range, businessHours: hours, limitEvents } = settings;
  const spans = offsetSpans(
    range.from.getTime() - QUARTER_MS,
    range.to.getTime(),
    settings.timeZone,
  );
  const actors = await source.offHoursActors(
    (quarter) => !isBusinessTime(quarter, { spans, hours }),
    limitEvents,
  );
  return actors
    .sort((a, b) =>
      a.tenantId === b.tenantId ? compare(a.actorId, b.actorId) : compare(a.tenantId, b.tenantId),
    )
    .map((entry) => {
      const { tenantId, actorId, count, first: events, last } = entry;
      const window = { from: (events[0] as EventDocument).occurredAt, to: last.occurredAt };
      const who = displayName(last.actor as Actor);
      return makeSignal(
        {
          type: 'off_hours_activity',
          severity: entry.deletes > 0 ? 'medium' : 'low',
          key: actorId,
          tenantId,
          window,
          count,
          description: signalMessage(
            { type: 'off_hours_activity', who, count, hours },
            { ...settings, window },
          ),
          events,
        },
        limitEvents,
      );
    });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
