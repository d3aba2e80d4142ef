import type { ActivityEvent } from '@activitykit/schema';

/** Events of one calendar day, in the order given. */
export interface DayGroup {
  /** `YYYY-MM-DD` in the viewer's time zone. */
  key: string;
  /** The first event's time (for the day heading). */
  date: Date;
  events: ActivityEvent[];
}

/**
 * Splits events (already sorted) into runs of the same calendar day, as `dayKey` computes it in
 * the viewer's time zone.
 *
 * @example
 * ```ts
 * groupByDay(events, i18n.dayKey).map((g) => i18n.formatDay(g.date)); // ['Today', 'Yesterday', …]
 * ```
 */
export function groupByDay(
  events: readonly ActivityEvent[],
  dayKey: (date: Date) => string,
): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const event of events) {
    const key = dayKey(event.occurredAt);
    const last = groups.at(-1);
    if (last?.key === key) last.events.push(event);
    else groups.push({ key, date: event.occurredAt, events: [event] });
  }
  return groups;
}
