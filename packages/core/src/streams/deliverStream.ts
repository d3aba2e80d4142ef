import {
  type ActivityEvent,
  type ActivityFilter,
  type EventPredicate,
  filtersPredicate,
  minUlidAt,
  ulidTime,
  type WeekDay,
} from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, fromDocument } from '../internal/document.ts';
import { searchFilter } from '../query/readInputs.ts';
import { acquireLease } from './lease.ts';
import type { StreamSender } from './senders.ts';
import type { StreamCollections, StreamDocument, StreamStateDocument } from './streamDocuments.ts';
import { eventsBetween, type StreamReadDeps } from './streamReads.ts';
import { retryDelay, type StreamSettings } from './streamSettings.ts';

/** What delivering one stream needs. */
export interface DeliverDeps {
  events: Collection<EventDocument>;
  collections: StreamCollections;
  settings: StreamSettings;
  clock: () => Date;
  weekStartsOn: WeekDay;
  /** This process's lease holder id. */
  holder: string;
  /** Stops a run between batches (the store is closing). */
  stopping: () => boolean;
  /**
   * The oldest id this process's writer has taken but not stored (`writer.oldestUnstored`): a run
   * reads only below it, so an event stored late (queued, retried, or journaled in an outage) is
   * not passed by newer ones. `''`: nothing may be read yet.
   */
  unstoredFrom?: () => string | undefined;
  /** Which read shapes serve the server, and which streams were read whole (see `eventsBetween`). */
  reads: Omit<StreamReadDeps, 'events'>;
}

/** A stream's state is written when it moved, else at most this often (its lag). */
const IDLE_WRITE_MS = 5000;
/** How far behind the window an idle stream's cursor moves (events stored late are still read). */
const IDLE_CURSOR_LAG_MS = 60_000;

/**
 * One delivery run of a stream whose lease this process holds: from its cursor, over the tenant's
 * events in id order up to `settleMs` ago (see `eventsBetween`: one range read, or hour by hour on
 * FerretDB), batches of matching events go out one after the other; after each delivered batch
 * the cursor moves past it. A failure counts, sets the next attempt after a backoff, and after
 * `deadLetterAfter` in a row parks the stream in the dead letter. Ends when caught up, on a failure,
 * when the lease is lost, or when the store closes.
 */
export async function deliverStream(
  listed: StreamDocument,
  sender: StreamSender,
  deps: DeliverDeps,
): Promise<void> {
  const { states } = deps.collections;
  const started = deps.clock();
  // Read again now: a pause written after the poll listed the stream (and events recorded after
  // it) must not be sent; whatever is paused after this read is newer than the run's window.
  const stream = await deps.collections.streams.findOne({ _id: listed._id });
  if (!stream || stream.paused) return;
  let state = await states.findOne({ _id: stream._id });
  if (state?.deadAt) {
    if (!(stream.resumedAt && stream.resumedAt > state.deadAt)) return;
    state = await resetState(states, state);
  } else if (state?.nextAttemptAt && started < state.nextAttemptAt) {
    if (!(stream.resumedAt && state.lastErrorAt && stream.resumedAt > state.lastErrorAt)) return;
  }
  let cursor = state?.cursor ?? stream.startAfter;
  const matches = streamPredicate(stream, deps, started);
  const unstored = deps.unstoredFrom?.();
  if (unstored === '') return;
  let until = started.getTime() - deps.settings.settleMs;
  let before = minUlidAt(until + 1);
  if (unstored !== undefined && unstored < before) {
    before = unstored;
    until = ulidTime(unstored) - 1;
  }
  const found = eventsBetween(
    { streamId: stream._id, tenantId: stream.tenantId, after: cursor, before },
    { events: deps.events, ...deps.reads },
  );
  let batch: ActivityEvent[] = [];
  let scanned = cursor;
  let renewedAt = started.getTime();
  const save = async (events: ActivityEvent[], upTo: string, drained: boolean) => {
    if (events.length > 0) {
      try {
        await sender.send(events);
      } catch (error) {
        await recordFailure(deps, { stream, state, error });
        return false;
      }
    }
    if (events.length > 0) {
      deps.settings.onDelivered?.({
        streamId: stream._id,
        tenantId: stream.tenantId,
        ids: events.map((event) => event.id),
      });
    }
    // Drained: every id up to the window's start was examined, so an idle stream's cursor may
    // move up to a minute behind it (its reads stay recent) and still wait for stragglers.
    const floor = minUlidAt(until - IDLE_CURSOR_LAG_MS);
    const next = drained && floor > upTo ? floor : upTo;
    // Nothing read: the window's move alone is written at most every few seconds (for the lag).
    const idle = events.length === 0 && upTo === cursor;
    const lastWrite = state?.deliveredUntil?.getTime() ?? 0;
    if (idle && state && until - lastWrite < IDLE_WRITE_MS) return true;
    cursor = next;
    state = await recordProgress(deps, {
      stream,
      previous: state,
      events,
      cursor,
      until: drained ? until : undefined,
    });
    return true;
  };
  try {
    for await (const doc of found) {
      const event = fromDocument(doc);
      scanned = event.id;
      if (matches(event)) batch.push(event);
      if (batch.length < deps.settings.batchSize) continue;
      if (!(await save(batch, event.id, false))) return;
      batch = [];
      if (deps.stopping()) return;
      const now = deps.clock().getTime();
      if (now - renewedAt > deps.settings.leaseMs / 3) {
        renewedAt = now;
        const held = await acquireLease(deps.collections.leases, {
          streamId: stream._id,
          holder: deps.holder,
          now: new Date(now),
          leaseMs: deps.settings.leaseMs,
        });
        const current = await deps.collections.streams.findOne({ _id: stream._id });
        if (!held || !current || current.paused) return;
      }
    }
    // The last (partial) batch; the cursor also passes the events that did not match.
    if (await save(batch, scanned, true)) deps.reads.readWhole.add(stream._id);
  } finally {
    await found.return(undefined);
  }
}

/** Whether an event is one the stream sends: its filter and search string. */
function streamPredicate(stream: StreamDocument, deps: DeliverDeps, now: Date): EventPredicate {
  const { q, ...fields } = stream.filter;
  const filters: ActivityFilter[] = [fields as ActivityFilter];
  if (q?.trim()) filters.push(searchFilter(q, fields.timeZone));
  return filtersPredicate(filters, { now, weekStartsOn: deps.weekStartsOn });
}

async function resetState(
  states: Collection<StreamStateDocument>,
  state: StreamStateDocument,
): Promise<StreamStateDocument> {
  const reset = { ...state, consecutiveFailures: 0 };
  delete reset.deadAt;
  delete reset.nextAttemptAt;
  await states.replaceOne({ _id: state._id }, reset, { upsert: true });
  return reset;
}

async function recordProgress(
  deps: DeliverDeps,
  input: {
    stream: StreamDocument;
    previous: StreamStateDocument | null;
    events: ActivityEvent[];
    cursor: string;
    until?: number | undefined;
  },
): Promise<StreamStateDocument> {
  const { stream, events, cursor, previous } = input;
  const now = deps.clock();
  const next: StreamStateDocument = {
    _id: stream._id,
    cursor,
    delivered: (previous?.delivered ?? 0) + events.length,
    consecutiveFailures: 0,
    deliveredUntil: new Date(input.until ?? ulidTime(cursor)),
  };
  const last = events.at(-1);
  if (last) {
    next.lastDeliveredId = last.id;
    next.lastDeliveredAt = now;
  } else if (previous?.lastDeliveredId) {
    next.lastDeliveredId = previous.lastDeliveredId;
    if (previous.lastDeliveredAt) next.lastDeliveredAt = previous.lastDeliveredAt;
  }
  if (previous?.lastError) next.lastError = previous.lastError;
  if (previous?.lastErrorAt) next.lastErrorAt = previous.lastErrorAt;
  await deps.collections.states.replaceOne({ _id: stream._id }, next, { upsert: true });
  return next;
}

async function recordFailure(
  deps: DeliverDeps,
  input: { stream: StreamDocument; state: StreamStateDocument | null; error: unknown },
): Promise<void> {
  const { stream, state } = input;
  const now = deps.clock();
  const failures = (state?.consecutiveFailures ?? 0) + 1;
  const next: StreamStateDocument = {
    _id: stream._id,
    cursor: state?.cursor ?? stream.startAfter,
    delivered: state?.delivered ?? 0,
    ...state,
    consecutiveFailures: failures,
    lastError: (input.error instanceof Error ? input.error.message : String(input.error)).slice(
      0,
      500,
    ),
    lastErrorAt: now,
    nextAttemptAt: new Date(now.getTime() + retryDelay(failures, deps.settings)),
  };
  if (failures >= deps.settings.deadLetterAfter) next.deadAt = now;
  await deps.collections.states.replaceOne({ _id: stream._id }, next, { upsert: true });
}
