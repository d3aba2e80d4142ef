import type { ActivityEvent } from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { type EventDocument, fromDocument, QUARTER_MS } from '../internal/document.ts';

/** One read of the live hub: every event stored lately, of every tenant. */
export interface RecentEventsRequest {
  /** The oldest `occurredAt` to read (inclusive). */
  since: Date;
  /** Read on after this event of an earlier read with the same `since`, in `(occurredAt, id)` order. */
  after?: { occurredAt: Date; id: string } | undefined;
  /** The most events to return. */
  limit: number;
  /** This process's clock: the read covers quarter-hours up to the one `now` is in. */
  now: Date;
}

/** More quarter-hours than this are read with one range query instead of one query per quarter. */
const MAX_QUARTER_READS = 8;

/**
 * Every event with `occurredAt` from `since` (up to the end of the current quarter-hour), of all
 * tenants, oldest first by `(occurredAt, id)`, at most `limit` — the one database read of the live
 * hub, whatever the number of subscribers.
 *
 * Each query pairs the precomputed `quarter` with the time range: FerretDB filters top-level
 * equality in the database and decodes only those documents (a range alone decodes the whole
 * collection on every poll); MongoDB uses its `time` index. An event dated ahead of this
 * process's clock is read once the clock reaches its quarter-hour.
 */
export async function recentEvents(
  collection: Collection<EventDocument>,
  request: RecentEventsRequest,
): Promise<ActivityEvent[]> {
  const { since, after, limit } = request;
  const range: Filter<EventDocument> = after
    ? {
        $or: [
          { occurredAt: { $gt: after.occurredAt } },
          { occurredAt: after.occurredAt, _id: { $gt: after.id } },
        ],
      }
    : { occurredAt: { $gte: since } };
  const first = Math.floor((after?.occurredAt ?? since).getTime() / QUARTER_MS);
  const last = Math.floor(request.now.getTime() / QUARTER_MS);
  const quarters: (number | undefined)[] = [];
  if (last - first + 1 > MAX_QUARTER_READS || last < first) quarters.push(undefined);
  else for (let quarter = first; quarter <= last; quarter++) quarters.push(quarter);

  const events: ActivityEvent[] = [];
  for (const quarter of quarters) {
    const docs = await collection
      .find(quarter === undefined ? range : { quarter, ...range })
      .sort({ occurredAt: 1, _id: 1 })
      .limit(limit - events.length)
      .toArray();
    events.push(...docs.map(fromDocument));
    if (events.length >= limit) break;
  }
  return events;
}
