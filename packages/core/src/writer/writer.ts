import type { Collection } from 'mongodb';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import { classifyInsertError } from './classify.ts';
import type { Journal } from './journal.ts';
import { createMetrics, type WriterMetrics } from './metrics.ts';

/** How the writer batches, retries and spills. */
export interface WriterSettings {
  /** Events per `insertMany`. */
  batchSize: number;
  /** A partial batch is written after this long. */
  flushIntervalMs: number;
  /** Events held in memory at most; past it, the newest spill to the journal. */
  maxQueue: number;
  /** Retries of a failing batch before it is spilled to the journal. */
  maxRetries: number;
  /** First retry delay; it doubles each time (with jitter) up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** While the server is unreachable, how often it is pinged to resume. */
  probeIntervalMs: number;
  /** Time limit of one `insertMany`. */
  insertTimeoutMs: number;
}

export interface WriterDeps {
  collection: Collection<EventDocument>;
  journal: Journal;
  settings: WriterSettings;
  /** Store failures go here, never to the caller of `record()`. */
  onError: (error: unknown) => void;
  /**
   * Connects the collection's client if it is not (see `createConnection`); rejects while MongoDB
   * does not answer. Defaults to none: the client is connected already.
   */
  connect?: () => Promise<void>;
  /**
   * Called with the documents each insert stored (not those there already, nor those refused): the
   * store counts them into its rollups. Not awaited before the next insert; `flush()` waits for it.
   * A failure goes to `onError`; the events stay stored.
   */
  afterStored?: (docs: EventDocument[]) => Promise<void>;
}

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
  close(): Promise<void>;
}

type Waiter = { resolve: () => void; reject: (error: Error) => void };

export function createWriter(deps: WriterDeps): Writer {
  const { collection, journal, settings, onError } = deps;
  const connecting = deps.connect;
  /** Connects first if need be, within the time limit of an insert. */
  const connect = (): Promise<void> =>
    connecting ? within(connecting(), settings.insertTimeoutMs) : Promise.resolve();
  const counters = createMetrics();
  let queue: EventDocument[] = [];
  const durableWaiters = new Map<string, Waiter>();
  const idleWaiters: (() => void)[] = [];
  let pumping = false;
  let overflowing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let probe: NodeJS.Timeout | undefined;
  let degraded = false;
  let resuming: Promise<void> | undefined;
  let probing = false;
  /** Memory pressure sent events to the journal while MongoDB was reachable: drain it soon. */
  let spilledWhileHealthy = false;
  let closed = false;

  const settle = (ids: Iterable<string>, error?: Error) => {
    for (const id of ids) {
      const waiter = durableWaiters.get(id);
      if (!waiter) continue;
      durableWaiters.delete(id);
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  };

  const refuse = async (refused: EventDocument[], reason: string) => {
    await journal.reject(refused, reason);
    counters.failed += refused.length;
    settle(
      refused.map((doc) => doc._id),
      new ActivityError('NOT_STORED', `MongoDB refused the event: ${reason}`),
    );
    onError(
      new ActivityError(
        'NOT_STORED',
        `MongoDB refused ${refused.length} event(s) for good (${reason}); they were kept in ` +
          `${journal.dir}/rejected.ndjson.dead for inspection.`,
      ),
    );
  };

  /**
   * One `insertMany`; returns how many were inserted and throws only what is worth retrying.
   * Documents refused for good go to the dead letter, found one by one if the batch was refused.
   */
  /**
   * Ids of documents an insert that failed may have stored anyway: when a retry finds them there
   * already, this writer stored them, and they are counted as stored now.
   */
  const uncertain = new Set<string>();
  /** Counting of stored documents under way (see `afterStored`). */
  const afterStoring = new Set<Promise<void>>();
  const insertOnce = async (batch: EventDocument[]): Promise<EventDocument[]> => {
    await connect(); // unreachable: thrown as is, so retried
    try {
      await collection.insertMany(batch, {
        ordered: false,
        timeoutMS: settings.insertTimeoutMs,
      });
      return batch;
    } catch (error) {
      const failure = classifyInsertError(error, batch.length);
      if (failure.kind === 'retryable') {
        for (const doc of batch) uncertain.add(doc._id);
        throw failure.error;
      }
      if (failure.kind === 'invalid') {
        if (batch.length === 1) {
          await refuse(batch, failure.error.message);
          return [];
        }
        const stored: EventDocument[] = [];
        for (const doc of batch) stored.push(...(await insertOnce([doc])));
        return stored;
      }
      const refused = batch.filter((_, index) => failure.refused.has(index));
      if (refused.length > 0)
        await refuse(refused, [...new Set(failure.refused.values())].join('; '));
      return batch.filter(
        (doc, index) =>
          !failure.refused.has(index) && (!failure.duplicates.has(index) || uncertain.has(doc._id)),
      );
    }
  };

  /** Inserts with retries and backoff; false when the server stayed unreachable. */
  const insertWithRetry = async (batch: EventDocument[]): Promise<boolean> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const stored = await insertOnce(batch);
        counters.written += stored.length;
        for (const doc of batch) uncertain.delete(doc._id);
        if (stored.length > 0 && deps.afterStored) {
          // Not awaited: the next batch goes in meanwhile (counters coalesce); flush() waits.
          const counting = deps.afterStored(stored).catch(onError);
          afterStoring.add(counting);
          void counting.finally(() => afterStoring.delete(counting));
        }
        settle(batch.map((doc) => doc._id));
        return true;
      } catch (error) {
        if (attempt >= settings.maxRetries || closed) {
          onError(
            new ActivityError(
              'NOT_STORED',
              `MongoDB did not take ${batch.length} event(s) after ${attempt + 1} attempt(s) ` +
                `(${String(error)}); they go to the journal in ${journal.dir} until it answers.`,
              { cause: error },
            ),
          );
          return false;
        }
        counters.retried += 1;
        await sleep(backoff(attempt, settings));
      }
    }
  };

  const spill = async (batch: EventDocument[]) => {
    try {
      await journal.append(batch);
      counters.spilled += batch.length;
    } catch (error) {
      // The disk failed too: keep the events in memory rather than lose them.
      queue = batch.concat(queue);
      onError(error);
      throw error;
    }
  };

  const enterDegraded = () => {
    if (degraded) return;
    degraded = true;
    probe = setInterval(() => void tryResume(), settings.probeIntervalMs);
    probe.unref();
  };

  /** While degraded: ping, and once the server answers, store the journal and carry on. */
  const tryResume = async () => {
    if (!degraded || closed || resuming || probing) return;
    probing = true;
    try {
      await connect();
      await collection.db.command({ ping: 1 }, { timeoutMS: settings.insertTimeoutMs });
    } catch {
      return;
    } finally {
      probing = false;
    }
    if (!degraded || closed) return;
    degraded = false;
    clearInterval(probe);
    drainJournal();
    schedule(0);
  };

  /**
   * Stores what the journal holds, in the background (`resuming`), until nothing spilled meanwhile
   * is left: after an outage, and after memory pressure spilled events while MongoDB was fine.
   */
  const drainJournal = () => {
    // A drain asked for while one runs is not dropped: each round clears the flag first, so a spill
    // that lands during the round (or after its replay listed the files) sets it again and makes
    // another round; a drain that gives up with files left keeps the flag for the next flush.
    resuming ??= (async () => {
      for (let round = 0; round < 5 && !degraded; round++) {
        spilledWhileHealthy = false;
        await replayJournal();
        const left = await journal.pendingFiles();
        if (left > 0 && !degraded) spilledWhileHealthy = true;
        if (!spilledWhileHealthy) break;
      }
    })()
      .catch((error: unknown) => {
        // Reported, and the journal kept for the next start or outage: flush() does not spin on it.
        spilledWhileHealthy = false;
        onError(
          new ActivityError('NOT_STORED', `Replaying the journal failed: ${String(error)}`, {
            cause: error,
          }),
        );
      })
      .finally(() => {
        resuming = undefined;
      });
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    clearTimeout(timer);
    timer = undefined;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, settings.batchSize);
        if (degraded) {
          await spill(batch);
          continue;
        }
        if (!(await insertWithRetry(batch))) {
          enterDegraded();
          await spill(batch);
        }
      }
    } catch {
      // spill() failed and already reported it; the events are back in the queue.
      schedule(settings.retryMaxMs);
    } finally {
      pumping = false;
    }
    if (queue.length === 0 && !overflowing) {
      for (const done of idleWaiters.splice(0)) done();
      if (spilledWhileHealthy && !degraded && !closed) drainJournal();
    } else if (queue.length > 0) {
      schedule(0);
    }
  };

  const schedule = (delayMs: number) => {
    if (pumping) return;
    if (delayMs === 0) {
      clearTimeout(timer);
      timer = undefined;
      setImmediate(() => void pump());
      return;
    }
    timer ??= setTimeout(() => void pump(), delayMs);
  };

  /** Keeps memory bounded: past `maxQueue`, the newest events go to the journal right away. */
  const relieve = () => {
    if (overflowing || queue.length <= settings.maxQueue) return;
    overflowing = (async () => {
      while (queue.length > settings.maxQueue) {
        const excess = queue.splice(settings.maxQueue - settings.batchSize);
        if (!degraded) spilledWhileHealthy = true;
        // A failed spill puts the events back and reports it; try again on the next record().
        if (
          !(await spill(excess).then(
            () => true,
            () => false,
          ))
        )
          break;
      }
    })().finally(() => {
      overflowing = undefined;
      if (queue.length === 0 && !pumping) for (const done of idleWaiters.splice(0)) done();
    });
  };

  /** Until everything recorded is stored, or in the journal while MongoDB is unreachable. */
  const flush = async () => {
    for (;;) {
      await resuming;
      if (afterStoring.size > 0) {
        await Promise.all(afterStoring);
        continue;
      }
      if (queue.length > 0 || pumping || overflowing) {
        const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
        schedule(0);
        await idle;
        continue;
      }
      if (spilledWhileHealthy && !degraded) {
        drainJournal();
        continue;
      }
      return;
    }
  };

  const replayJournal = async (): Promise<number> => {
    const result = await journal.replay(async (journaled) => {
      const replayedAt = new Date();
      const docs = journaled.map((doc) => ({ ...doc, replayedAt: doc.replayedAt ?? replayedAt }));
      if (!(await insertWithRetry(docs))) {
        enterDegraded();
        throw new ActivityError(
          'NOT_STORED',
          'MongoDB is unreachable; the journal is kept for later.',
        );
      }
      counters.replayed += docs.length;
    });
    return result.events;
  };

  return {
    enqueue(doc, durable) {
      if (closed) {
        // Recorded during or after shutdown: straight to the journal for the next start.
        counters.queued += 1;
        void spill([doc]).catch(() => {});
        onError(
          new ActivityError(
            'CLOSED',
            `Event ${doc._id} was recorded after close(); it went to the journal.`,
          ),
        );
        return durable
          ? Promise.reject(
              new ActivityError(
                'NOT_STORED',
                'The store is closed; the event went to the journal.',
              ),
            )
          : undefined;
      }
      counters.queued += 1;
      queue.push(doc);
      const stored = durable
        ? new Promise<void>((resolve, reject) => durableWaiters.set(doc._id, { resolve, reject }))
        : undefined;
      if (queue.length >= settings.batchSize) schedule(0);
      else schedule(settings.flushIntervalMs);
      relieve();
      return stored;
    },
    flush,
    replayJournal,
    metrics: () => ({ ...counters, pending: queue.length, degraded }),
    async close() {
      await flush();
      if (!degraded) await replayJournal().catch(onError);
      closed = true;
      clearInterval(probe);
      clearTimeout(timer);
      await journal.close();
      settle(
        [...durableWaiters.keys()],
        new ActivityError(
          'NOT_STORED',
          `The store closed before MongoDB took this event; it is kept in ${journal.dir} and is ` +
            'stored by the next store that starts with this journal.',
        ),
      );
    },
  };
}

function backoff(attempt: number, settings: WriterSettings): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ActivityError('NOT_STORED', `MongoDB did not answer within ${ms} ms.`)),
      ms,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
