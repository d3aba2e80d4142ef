import { ulidTime } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, utcHoursBetween } from '../internal/document.ts';
import type { ServerProfile } from '../query/server.ts';

/** What reading a stream's next events needs. */
export interface StreamReadDeps {
  events: Collection<EventDocument>;
  profile: () => Promise<ServerProfile>;
  /**
   * Streams this process read in one whole pass up to their window since it started: from then on
   * (on a server that filters only by equality) it reads them by the UTC hour of the ids.
   */
  readWhole: Set<string>;
}

/** A cursor further behind than this is read in one whole pass instead of hour by hour. */
const MAX_HOUR_PROBES = 24;

/**
 * The tenant's events with ids in `(after, before)`, oldest id first.
 *
 * On MongoDB one range read of the `tenant_id` index through one server cursor. On a server that
 * filters only by equality (FerretDB decodes every document a range or sort touches), once this
 * process has read the stream up to its window in one whole pass, one `{ tenantId, idHour }` read
 * per UTC hour of the ids from `after`'s to `before`'s, sorted here: the hour is the id's own, so
 * nothing in the range is left out, whatever its `occurredAt`. The first run of each stream in a
 * process (and a cursor more than a day behind) reads the whole range once, which also takes
 * events stored without `idHour` by earlier versions.
 */
export async function* eventsBetween(
  input: { streamId: string; tenantId: string; after: string; before: string },
  deps: StreamReadDeps,
): AsyncGenerator<EventDocument> {
  const { tenantId, after, before } = input;
  const hours = after
    ? utcHoursBetween(ulidTime(after), ulidTime(before), MAX_HOUR_PROBES)
    : undefined;
  if (
    hours &&
    hours.length <= MAX_HOUR_PROBES &&
    deps.readWhole.has(input.streamId) &&
    (await deps.profile()) === 'equality'
  ) {
    const docs: EventDocument[] = [];
    for (const idHour of hours) {
      for await (const doc of deps.events.find({ tenantId, idHour })) {
        if (doc._id > after && doc._id < before) docs.push(doc);
      }
    }
    yield* docs.sort((a, b) => (a._id < b._id ? -1 : 1));
    return;
  }
  const found = deps.events
    .find({ tenantId, _id: { $gt: after, $lt: before } })
    .sort({ _id: 1 })
    .batchSize(1000);
  try {
    yield* found;
  } finally {
    await found.close().catch(() => {});
  }
}
