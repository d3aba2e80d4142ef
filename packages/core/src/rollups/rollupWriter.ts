import { randomBytes } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { mapLimit } from '../analytics/shared.ts';
import type { EventDocument } from '../internal/document.ts';
import { isDuplicateKey } from '../writer/classify.ts';
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
   * Resolves once the updates asked for so far have been sent (or failed: those are kept and sent
   * again a second later). Reads wait on it, so this process's stored events are never missed.
   */
  idle(): Promise<void>;
  /** Stops the retry timer. */
  close(): void;
}

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
  let chain: Promise<void> = Promise.resolve();

  const write = (chunk: AnyBulkWriteOperation<RollupCollectionDocument>[]) =>
    rollups.bulkWrite(chunk, { ordered: false, timeoutMS: options.timeoutMs });
  const send = async () => {
    const deltas = pending;
    pending = new Map();
    if (deltas.size === 0) return;
    const operations: AnyBulkWriteOperation<RollupCollectionDocument>[] = [];
    const newMonths: string[] = [];
    for (const [key, delta] of deltas) {
      const docId = `${key}|${id}`;
      const set: Record<string, unknown> = {
        type: delta.type,
        tenantId: delta.tenantId,
        writer: id,
        month: delta.month,
        day: delta.day,
        v: COUNTER_SHAPE,
      };
      if (delta.hour) set.hour = delta.hour;
      const known = newest.get(docId) ?? new Map<string, number>();
      for (const [actor, look] of delta.looks) {
        if ((known.get(actor) ?? Number.NEGATIVE_INFINITY) > look.at.getTime()) continue;
        set[`p.${actor}`] = look;
      }
      const monthKey = `m|${delta.tenantId}|${delta.month}`;
      if (!months.has(monthKey)) newMonths.push(monthKey);
      operations.push({
        updateOne: {
          filter: { _id: docId },
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
    for (const monthKey of newMonths) {
      const [, tenantId = '', month = ''] = monthKey.split('|');
      operations.unshift({
        updateOne: {
          filter: { _id: monthKey },
          update: { $set: { type: 'month', tenantId, month } },
          upsert: true,
        },
      });
    }
    try {
      // Month markers first, then the counters a few commands at a time (each a different
      // document of this writer's, so their order does not matter).
      const [markers, counters] = [
        operations.slice(0, newMonths.length),
        operations.slice(newMonths.length),
      ];
      await mapLimit(chunked(markers), WRITES_IN_FLIGHT, (chunk) =>
        // Markers are shared: another writer's upsert of the same one may win the race.
        write(chunk).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        }),
      );
      await mapLimit(chunked(counters), WRITES_IN_FLIGHT, write);
    } catch (error) {
      // Keep what was not counted for the next update (merged with what comes meanwhile).
      const next = pending;
      pending = deltas;
      for (const [key, delta] of next) merge(pending, key, delta);
      throw error;
    }
    for (const monthKey of newMonths) months.add(monthKey);
    for (const [key, delta] of deltas) {
      const docId = `${key}|${id}`;
      const known = newest.get(docId) ?? new Map<string, number>();
      for (const [actor, look] of delta.looks) {
        known.set(actor, Math.max(known.get(actor) ?? 0, look.at.getTime()));
      }
      newest.set(docId, known);
    }
  };

  let retry: NodeJS.Timeout | undefined;
  const schedule = () => {
    const run = chain.then(send);
    chain = run.catch(() => {
      // Kept in `pending`: sent again on the next apply, or by itself a second later.
      retry ??= setTimeout(() => {
        retry = undefined;
        if (pending.size > 0) void schedule().catch(() => {});
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
    idle: () => chain,
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
