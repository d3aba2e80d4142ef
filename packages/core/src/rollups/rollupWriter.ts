import { randomBytes } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { mapLimit } from '../analytics/shared.ts';
import type { EventDocument } from '../internal/document.ts';
import { DUPLICATE_KEY, isDuplicateKey } from '../writer/classify.ts';
import { keepLeast, type RollupDelta, rollupDeltas } from './delta.ts';
import { OPERATIONS_PER_WRITE } from './limits.ts';

/**
 * Counter commands in flight at once. (FerretDB 1.24 holds a pooled PostgreSQL connection while it
 * waits for another during an update; the dev database gives it a pool large enough for this.)
 */
const WRITES_IN_FLIGHT = 4;
/** How soon counters that could not be written are tried again. */
const RETRY_MS = 1000;

import { COUNTER_SHAPE, type RollupCollectionDocument } from './rollupDocument.ts';

/** Keeps the counters of one writer (one store, so one process). */
export interface RollupWriter {
  /** This writer's id, part of each of its counter documents' ids. */
  readonly id: string;
  /** Counts `docs` as stored (`1`) or deleted (`-1`); resolves once the counters hold them. */
  apply(docs: readonly EventDocument[], sign: 1 | -1): Promise<void>;
  /**
   * Resolves once the updates asked for so far are in the counters. An update that failed is kept
   * and sent again now (up to {@link IDLE_RETRIES} times; then it is left to the retry a second
   * later, as the database may be down). Reads wait on it, so this process's stored events are
   * never missed.
   */
  idle(): Promise<void>;
  /** Stops the retry timer. */
  close(): void;
}

/** How many times `idle()` sends again what a failed update kept, before leaving it to the timer. */
export const IDLE_RETRIES = 3;

/**
 * The counters of one writer, applied one update after another (FerretDB rewrites a document to
 * update it, so only a single owner applying in order is safe). A failed update is kept and sent
 * again with the next one, so the counters catch up once the database answers.
 */
export function createRollupWriter(
  rollups: Collection<RollupCollectionDocument>,
  options: { timeoutMs: number },
): RollupWriter {
  const id = randomBytes(6).toString('base64url');
  /** Each counter document's newest look per actor, as this writer set it. */
  const newest = new Map<string, Map<string, number>>();
  const months = new Set<string>();
  let pending = new Map<string, RollupDelta>();
  /**
   * Updates sent but not confirmed (a failed or timed-out command may still have been applied),
   * sent again exactly as they were before anything new goes to their documents.
   */
  let unconfirmed = new Map<string, Numbered>();
  /** The number of the last update sent to each counter document (`seq` on the document). */
  const seqs = new Map<string, number>();
  let chain: Promise<void> = Promise.resolve();

  const write = (chunk: AnyBulkWriteOperation<RollupCollectionDocument>[]) =>
    rollups.bulkWrite(chunk, { ordered: false, timeoutMS: options.timeoutMs });

  /**
   * Sends numbered updates. Each applies only to its document while the document's `seq` is
   * below its number, so one sent again after it was applied is refused (a duplicate key on the
   * upsert) instead of counting twice. Throws when any update may not have been applied.
   */
  const sendNumbered = async (batch: Map<string, Numbered>) => {
    const operations: AnyBulkWriteOperation<RollupCollectionDocument>[] = [];
    const newMonths: string[] = [];
    for (const [key, { delta, seq }] of batch) {
      const docId = `${key}|${id}`;
      const set: Record<string, unknown> = {
        type: delta.type,
        tenantId: delta.tenantId,
        writer: id,
        month: delta.month,
        day: delta.day,
        v: COUNTER_SHAPE,
        seq,
      };
      if (delta.hour) set.hour = delta.hour;
      const known = newest.get(docId) ?? new Map<string, number>();
      for (const [actor, look] of delta.looks) {
        if ((known.get(actor) ?? Number.NEGATIVE_INFINITY) > look.at.getTime()) continue;
        set[`p.${actor}`] = look;
      }
      const monthKey = `m|${delta.tenantId}|${delta.month}`;
      if (!months.has(monthKey) && !newMonths.includes(monthKey)) newMonths.push(monthKey);
      operations.push({
        updateOne: {
          filter: { _id: docId, seq: { $lt: seq } } as never,
          update: {
            $inc: Object.fromEntries(delta.inc),
            $set: set,
            ...(delta.min.size > 0 ? { $min: Object.fromEntries(delta.min) } : {}),
          } as never,
          upsert: true,
        },
      });
    }
    // Month markers first: a list finds days through them, so none may name a month not marked.
    const markers: AnyBulkWriteOperation<RollupCollectionDocument>[] = newMonths.map((monthKey) => {
      const [, tenantId = '', month = ''] = monthKey.split('|');
      return {
        updateOne: {
          filter: { _id: monthKey },
          update: { $set: { type: 'month', tenantId, month } },
          upsert: true,
        },
      };
    });
    // Markers are shared (another writer's upsert of the same one may win the race); an update
    // refused as a duplicate was applied before.
    const tolerated = (chunk: AnyBulkWriteOperation<RollupCollectionDocument>[]) =>
      write(chunk).catch((error: unknown) => {
        if (!onlyDuplicateKeys(error)) throw error;
      });
    await mapLimit(chunked(markers), WRITES_IN_FLIGHT, tolerated);
    // Then the counters a few commands at a time (each a different document of this writer's).
    await mapLimit(chunked(operations), WRITES_IN_FLIGHT, tolerated);
    for (const monthKey of newMonths) months.add(monthKey);
    for (const [key, { delta }] of batch) {
      const docId = `${key}|${id}`;
      const known = newest.get(docId) ?? new Map<string, number>();
      for (const [actor, look] of delta.looks) {
        known.set(actor, Math.max(known.get(actor) ?? 0, look.at.getTime()));
      }
      newest.set(docId, known);
    }
  };

  const send = async () => {
    if (unconfirmed.size > 0) {
      const again = unconfirmed;
      await sendNumbered(again);
      unconfirmed = new Map();
    }
    const deltas = pending;
    pending = new Map();
    if (deltas.size === 0) return;
    const batch = new Map<string, Numbered>();
    for (const [key, delta] of deltas) {
      const docId = `${key}|${id}`;
      const seq = (seqs.get(docId) ?? 0) + 1;
      seqs.set(docId, seq);
      batch.set(key, { delta, seq });
    }
    try {
      await sendNumbered(batch);
    } catch (error) {
      // Sent again as they are: applied or not, each counts once.
      unconfirmed = batch;
      throw error;
    }
  };

  /** Counts not yet known to be in the counters: new ones, or ones whose update failed. */
  const waiting = () => pending.size > 0 || unconfirmed.size > 0;

  let retry: NodeJS.Timeout | undefined;
  const schedule = () => {
    const run = chain.then(send);
    chain = run.catch(() => {
      // Kept in `pending`: sent again on the next apply, or by itself a second later.
      retry ??= setTimeout(() => {
        retry = undefined;
        if (waiting()) void schedule().catch(() => {});
      }, RETRY_MS);
      retry.unref();
    });
    return run;
  };
  return {
    id,
    apply(docs, sign) {
      for (const [key, delta] of rollupDeltas(docs, sign)) merge(pending, key, delta);
      return schedule();
    },
    async idle() {
      await chain;
      // A failed update left its counts waiting: send them now, or a read would see
      // counters without them until the retry a second later.
      for (let attempt = 0; attempt < IDLE_RETRIES && waiting(); attempt++) {
        await schedule().catch(() => {});
      }
    },
    close() {
      clearTimeout(retry);
    },
  };
}

function chunked<T>(items: T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += OPERATIONS_PER_WRITE) {
    chunks.push(items.slice(start, start + OPERATIONS_PER_WRITE));
  }
  return chunks;
}

function merge(into: Map<string, RollupDelta>, key: string, delta: RollupDelta): void {
  const existing = into.get(key);
  if (!existing) {
    into.set(key, {
      ...delta,
      inc: new Map(delta.inc),
      looks: new Map(delta.looks),
      min: new Map(delta.min),
    });
    return;
  }
  for (const [path, value] of delta.min) keepLeast(existing.min, path, value);
  for (const [path, value] of delta.inc) {
    existing.inc.set(path, (existing.inc.get(path) ?? 0) + value);
  }
  for (const [actor, look] of delta.looks) {
    const seen = existing.looks.get(actor);
    if (!seen || seen.at.getTime() <= look.at.getTime()) existing.looks.set(actor, look);
  }
}

/** An update with the number it is sent under (see `sendNumbered`). */
interface Numbered {
  delta: RollupDelta;
  seq: number;
}

/** Whether every write a (bulk) write refused was refused as a duplicate key. */
function onlyDuplicateKeys(error: unknown): boolean {
  const { writeErrors, writeConcernError } = error as {
    writeErrors?: { code?: number }[] | { code?: number };
    writeConcernError?: unknown;
  };
  if (writeConcernError) return false;
  const refused = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (refused.length === 0) return isDuplicateKey(error);
  return refused.every((one) => one.code === DUPLICATE_KEY);
}
