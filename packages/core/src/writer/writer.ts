import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import { createInsert } from './insert.ts';
import type { WriterMetrics } from './metrics.ts';
import { createOutage } from './outage.ts';
import { createQueue } from './queue.ts';
import { createWriterContext, settle, type WriterDeps } from './state.ts';

export type { WriterDeps, WriterSettings } from './state.ts';

/** The batched, durable writer behind `store.record()`. */
export interface Writer {
  /** Queues a document; with `durable`, resolves once it is stored in MongoDB. */
  enqueue(doc: EventDocument, durable: boolean): Promise<void> | undefined;
  /**
   * Resolves once every queued event is stored or safely in the journal (and a journal replay that
   * was under way has finished).
   */
  flush(): Promise<void>;
  /** Stores what the journal holds (also done on start and when the server comes back). */
  replayJournal(): Promise<number>;
  metrics(): WriterMetrics;
  /**
   * The oldest id of an event this writer has taken but not stored yet (queued, being inserted, or
   * in the journal), `''` while the journal may hold an earlier process's events, or `undefined`
   * when everything it took is stored. Log streams deliver only below it, so an event stored late
   * (after an outage) is not passed by newer ones.
   */
  oldestUnstored(): string | undefined;
  close(): Promise<void>;
}

/**
 * The batched, durable writer: a queue in memory (`queue.ts`), inserts with retries (`insert.ts`)
 * and the journal while MongoDB is unreachable (`outage.ts`), over one shared state (`state.ts`).
 */
export function createWriter(deps: WriterDeps): Writer {
  const ctx = createWriterContext(deps);
  const { journal, onError, counters, state } = ctx;
  const insert = createInsert(ctx);
  const outage = createOutage(ctx, { insert, wake: () => queue.schedule(0) });
  const queue = createQueue(ctx, { insert, outage });

  return {
    enqueue: queue.enqueue,
    flush: queue.flush,
    replayJournal: outage.replayJournal,
    metrics: () => ({ ...counters, pending: state.queue.length, degraded: state.degraded }),
    oldestUnstored: () => {
      let oldest = state.journalFrom;
      for (const id of [state.inFlightFrom, state.queue[0]?._id]) {
        if (id !== undefined && (oldest === undefined || id < oldest)) oldest = id;
      }
      return oldest;
    },
    async close() {
      await queue.flush();
      if (!state.degraded) await outage.replayJournal().catch(onError);
      state.closed = true;
      clearInterval(state.probe);
      clearTimeout(state.timer);
      await journal.close();
      settle(
        ctx,
        [...ctx.durableWaiters.keys()],
        new ActivityError(
          'NOT_STORED',
          `The store closed before MongoDB took this event; it is kept in ${journal.dir} and is ` +
            'stored by the next store that starts with this journal.',
        ),
      );
    },
  };
}
