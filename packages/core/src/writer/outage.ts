import { ActivityError } from '../errors.ts';
import { replayedDocument } from '../integrity/proofs.ts';
import type { EventDocument } from '../internal/document.ts';
import type { Insert } from './insert.ts';
import type { WriterContext } from './state.ts';

/** The writer's journal side: spilling, the degraded mode while MongoDB is unreachable, replay. */
export interface Outage {
  /**
   * Appends a batch to the journal. When the disk fails too, the batch goes back to the front of
   * the queue, the failure to `onError`, and the promise rejects.
   */
  spill(batch: EventDocument[]): Promise<void>;
  /** Marks MongoDB unreachable and starts pinging it every `probeIntervalMs`. */
  enterDegraded(): void;
  /**
   * Stores what the journal holds, in the background (`state.resuming`), until nothing spilled
   * meanwhile is left: after an outage, and after memory pressure spilled events while MongoDB was
   * fine.
   */
  drainJournal(): void;
  /** Stores what the journal holds now; resolves to how many events it stored. */
  replayJournal(): Promise<number>;
}

/**
 * The writer's outage handling. `wake` runs the queue again once a probe finds the server back.
 */
export function createOutage(
  ctx: WriterContext,
  { insert, wake }: { insert: Insert; wake: () => void },
): Outage {
  const { collection, journal, settings, onError, counters, state } = ctx;

  const spill = async (batch: EventDocument[]) => {
    try {
      await journal.append(batch);
      counters.spilled += batch.length;
      const oldest = oldestId(batch);
      if (state.journalFrom === undefined || oldest < state.journalFrom) state.journalFrom = oldest;
    } catch (error) {
      // The disk failed too: keep the events in memory rather than lose them.
      state.queue = batch.concat(state.queue);
      onError(error);
      throw error;
    }
  };

  const enterDegraded = () => {
    if (state.degraded) return;
    state.degraded = true;
    state.probe = setInterval(() => void tryResume(), settings.probeIntervalMs);
    state.probe.unref();
  };

  /** While degraded: ping, and once the server answers, store the journal and carry on. */
  const tryResume = async () => {
    if (!state.degraded || state.closed || state.resuming || state.probing) return;
    state.probing = true;
    try {
      await ctx.connect();
      await collection.db.command({ ping: 1 }, { timeoutMS: settings.insertTimeoutMs });
    } catch {
      return;
    } finally {
      state.probing = false;
    }
    if (!state.degraded || state.closed) return;
    state.degraded = false;
    clearInterval(state.probe);
    drainJournal();
    wake();
  };

  const drainJournal = () => {
    // A drain asked for while one runs is not dropped: each round clears the flag first, so a spill
    // that lands during the round (or after its replay listed the files) sets it again and makes
    // another round; a drain that gives up with files left keeps the flag for the next flush.
    state.resuming ??= (async () => {
      for (let round = 0; round < 5 && !state.degraded; round++) {
        state.spilledWhileHealthy = false;
        await replayJournal();
        const left = await journal.pendingFiles();
        if (left > 0 && !state.degraded) state.spilledWhileHealthy = true;
        if (!state.spilledWhileHealthy) break;
      }
    })()
      .catch((error: unknown) => {
        // Reported, and the journal kept for the next start or outage: flush() does not spin on it.
        state.spilledWhileHealthy = false;
        onError(
          new ActivityError('NOT_STORED', `Replaying the journal failed: ${String(error)}`, {
            cause: error,
          }),
        );
      })
      .finally(() => {
        state.resuming = undefined;
      });
  };

  const replayJournal = async (): Promise<number> => {
    const result = await journal.replay(async (journaled) => {
      const replayedAt = new Date();
      // Stored late, inside a range that may be sealed already: signed, so verify can tell it
      // from an insertion through the driver.
      const { privateKey } = ctx;
      const docs = journaled.map((doc) => replayedDocument(doc, { replayedAt, privateKey }));
      if (!(await insert(docs))) {
        enterDegraded();
        throw new ActivityError(
          'NOT_STORED',
          'MongoDB is unreachable; the journal is kept for later.',
        );
      }
      counters.replayed += docs.length;
    });
    // Nothing left that no reader has seen yet: log streams may read past it again.
    if (!state.degraded && (await journal.pendingFiles()) === 0) state.journalFrom = undefined;
    return result.events;
  };

  return { spill, enterDegraded, drainJournal, replayJournal };
}

/** The smallest id of a batch (its ids are in order as recorded, but a requeue may mix them). */
function oldestId(batch: readonly EventDocument[]): string {
  let oldest = batch[0]?._id ?? '';
  for (const doc of batch) if (doc._id < oldest) oldest = doc._id;
  return oldest;
}
