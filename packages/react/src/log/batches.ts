import type { ActivityEvent } from '@activitykit/schema';

/** A run of two or more consecutive events of one user action (one `context.correlationId`). */
export interface EventBatch {
  /** `<correlationId>#<n>`: stable while rows load above and below it. */
  key: string;
  events: ActivityEvent[];
  /** The write's summary event (`<type>.bulk_updated`…), if the run has one. */
  summary: ActivityEvent | undefined;
}

/** A row of a list: an event (with the key of its batch when it sits in one) or a batch. */
export type BatchItem =
  | { event: ActivityEvent; batch?: EventBatch; key: string }
  | { batch: EventBatch; event?: undefined; key: string };

/**
 * Groups consecutive events with the same correlation id (two or more) into batches: a batch is
 * one row, followed by its events when its key is in `expanded`.
 *
 * @example
 * ```ts
 * batchItems(events, new Set()); // [{ batch: { key: 'req-1#0', events: [12 events] } }, { event }…]
 * ```
 */
export function batchItems(
  events: readonly ActivityEvent[],
  expanded: ReadonlySet<string> = new Set(),
): BatchItem[] {
  const items: BatchItem[] = [];
  const runs = new Map<string, number>();
  for (let start = 0; start < events.length; ) {
    const first = events[start] as ActivityEvent;
    const id = first.context.correlationId;
    let end = start + 1;
    while (id && events[end]?.context.correlationId === id) end++;
    if (id && end - start > 1) {
      const run = runs.get(id) ?? 0;
      runs.set(id, run + 1);
      const members = events.slice(start, end);
      const batch: EventBatch = {
        key: `${id}#${run}`,
        events: members,
        summary: members.find((event) => event.action.includes('.bulk_')),
      };
      items.push({ batch, key: batch.key });
      if (expanded.has(batch.key)) {
        for (const event of members) items.push({ event, batch, key: event.id });
      }
    } else {
      items.push({ event: first, key: first.id });
    }
    start = end;
  }
  return items;
}

/** How many records a batch changed: its events besides the summary. */
export const batchCount = (batch: EventBatch): number =>
  batch.events.length - (batch.summary ? 1 : 0);
