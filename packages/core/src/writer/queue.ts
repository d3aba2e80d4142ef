import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import type { Insert } from './insert.ts';
import type { Outage } from './outage.ts';
import type { WriterContext } from './state.ts';

/** The writer's memory side: the queue, its batches and the backpressure that bounds it. */
export interface Queue {
  /** Queues a document; with `durable`, resolves once it is stored in MongoDB. */
  enqueue(doc: EventDocument, durable: boolean): Promise<void> | undefined;
  /** Runs the pump after `delayMs` (right away for `0`), unless one runs or is due already. */
  schedule(delayMs: number): void;
  /** Until everything recorded is stored, or in the journal while MongoDB is unreachable. */
  flush(): Promise<void>;
}

/**
 * The writer's queue: batches of `batchSize` go to `insert` (to the journal while degraded), and
 * past `maxQueue` the newest events are spilled so memory stays bounded.
 */
export function createQueue(
  ctx: WriterContext,
  { insert, outage }: { insert: Insert; outage: Outage },
): Queue {
  const { settings, onError, counters, state, idleWaiters } = ctx;

  const pump = async () => {
    if (state.pumping) return;
    state.pumping = true;
    clearTimeout(state.timer);
    state.timer = undefined;
    try {
      while (state.queue.length > 0) {
        const batch = state.queue.splice(0, settings.batchSize);
        if (state.degraded) {
          await outage.spill(batch);
          continue;
        }
        state.inFlightFrom = batch[0]?._id;
        try {
          if (!(await insert(batch))) {
            outage.enterDegraded();
            await outage.spill(batch);
          }
        } finally {
          state.inFlightFrom = undefined;
        }
      }
    } catch {
      // spill() failed and already reported it; the events are back in the queue.
      schedule(settings.retryMaxMs);
    } finally {
      state.pumping = false;
    }
    if (state.queue.length === 0 && !state.overflowing) {
      for (const done of idleWaiters.splice(0)) done();
      if (state.spilledWhileHealthy && !state.degraded && !state.closed) outage.drainJournal();
    } else if (state.queue.length > 0) {
      schedule(0);
    }
  };

  const schedule = (delayMs: number) => {
    if (state.pumping) return;
    if (delayMs === 0) {
      clearTimeout(state.timer);
      state.timer = undefined;
      setImmediate(() => void pump());
      return;
    }
    state.timer ??= setTimeout(() => void pump(), delayMs);
  };

  /** Keeps memory bounded: past `maxQueue`, the newest events go to the journal right away. */
  const relieve = () => {
    if (state.overflowing || state.queue.length <= settings.maxQueue) return;
    state.overflowing = (async () => {
      while (state.queue.length > settings.maxQueue) {
        const excess = state.queue.splice(settings.maxQueue - settings.batchSize);
        if (!state.degraded) state.spilledWhileHealthy = true;
        // A failed spill puts the events back and reports it; try again on the next record().
        if (
          !(await outage.spill(excess).then(
            () => true,
            () => false,
          ))
        )
          break;
      }
    })().finally(() => {
      state.overflowing = undefined;
      if (state.queue.length === 0 && !state.pumping)
        for (const done of idleWaiters.splice(0)) done();
    });
  };

  const flush = async () => {
    for (;;) {
      await state.resuming;
      if (ctx.afterStoring.size > 0) {
        await Promise.all(ctx.afterStoring);
        continue;
      }
      if (state.queue.length > 0 || state.pumping || state.overflowing) {
        const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
        schedule(0);
        await idle;
        continue;
      }
      if (state.spilledWhileHealthy && !state.degraded) {
        outage.drainJournal();
        continue;
      }
      return;
    }
  };

  const enqueue = (doc: EventDocument, durable: boolean) => {
    if (state.closed) {
      // Recorded during or after shutdown: straight to the journal for the next start.
      counters.queued += 1;
      void outage.spill([doc]).catch(() => {});
      onError(
        new ActivityError(
          'CLOSED',
          `Event ${doc._id} was recorded after close(); it went to the journal.`,
        ),
      );
      return durable
        ? Promise.reject(
            new ActivityError('NOT_STORED', 'The store is closed; the event went to the journal.'),
          )
        : undefined;
    }
    counters.queued += 1;
    state.queue.push(doc);
    const stored = durable
      ? new Promise<void>((resolve, reject) => ctx.durableWaiters.set(doc._id, { resolve, reject }))
      : undefined;
    if (state.queue.length >= settings.batchSize) schedule(0);
    else schedule(settings.flushIntervalMs);
    relieve();
    return stored;
  };

  return { enqueue, schedule, flush };
}
