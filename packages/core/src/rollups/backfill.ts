import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { signalMarks } from '../analytics/signalMarks.ts';
import { actorKeys, type EventDocument, utcDay, utcHour } from '../internal/document.ts';
import { isDuplicateKey } from '../writer/classify.ts';
import { OPERATIONS_PER_WRITE } from './limits.ts';
import type { RollupWriter } from './rollupWriter.ts';

/**
 * The document of the rollup collection that says whether events stored before the rollups existed
 * are counted.
 */
export interface BackfillDocument {
  _id: 'rollups_backfill';
  type: 'backfill';
  state: 'running' | 'done';
  by: string;
  at: Date;
  counted?: number;
}

const ID = 'rollups_backfill';
/** A claim older than this is taken over (its process died half-way). */
const STALE_MS = 10 * 60_000;
const BATCH = 500;

/**
 * Counts, once per database, the events stored before the store kept rollups (they have no
 * `hour`): gives them their `day`, `hour` and `marks` and adds them to this writer's counters, in
 * one pass.
 * One process claims the work in the rollup collection; the others leave it to that one.
 *
 * @returns how many events it counted (0 when there was nothing to do, or another process does it).
 */
export async function backfillRollups(deps: {
  collection: Collection<EventDocument>;
  meta: Collection<BackfillDocument>;
  rollups: RollupWriter;
  clock: () => Date;
}): Promise<number> {
  const { collection, meta, rollups } = deps;
  if (!(await claim(meta, rollups.id, deps.clock))) return 0;
  let counted = 0;
  let batch: EventDocument[] = [];
  const store = async () => {
    if (batch.length === 0) return;
    // What the writer stores now, computed once: the fields set on the event and counted.
    const filled = batch.map((doc): EventDocument => {
      const marks = signalMarks(doc);
      return {
        ...doc,
        day: utcDay(doc.occurredAt),
        hour: utcHour(doc.occurredAt),
        actorKeys: actorKeys(doc.actor),
        // The security signals read these by equality too (see signalMarks).
        ...(marks.length > 0 ? { marks } : {}),
      };
    });
    const operations: AnyBulkWriteOperation<EventDocument>[] = filled.map((doc) => ({
      updateOne: {
        filter: { _id: doc._id },
        update: {
          $set: {
            day: doc.day,
            hour: doc.hour,
            actorKeys: doc.actorKeys,
            ...(doc.marks ? { marks: doc.marks } : {}),
          },
        },
      },
    }));
    for (let start = 0; start < operations.length; start += OPERATIONS_PER_WRITE) {
      await collection.bulkWrite(operations.slice(start, start + OPERATIONS_PER_WRITE), {
        ordered: false,
      });
    }
    await rollups.apply(filled, 1);
    counted += batch.length;
    batch = [];
  };
  const cursor = collection.find({ hour: { $exists: false } }).batchSize(1000);
  try {
    for await (const doc of cursor) {
      batch.push(doc);
      if (batch.length >= BATCH) await store();
    }
    await store();
  } finally {
    await cursor.close();
  }
  await meta.updateOne(
    { _id: ID },
    { $set: { state: 'done', by: rollups.id, at: deps.clock(), counted } },
  );
  return counted;
}

async function claim(
  meta: Collection<BackfillDocument>,
  by: string,
  clock: () => Date,
): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await meta.insertOne({ _id: ID, type: 'backfill', state: 'running', by, at: clock() });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const current = await meta.findOne({ _id: ID });
    if (!current || current.state === 'done') return false;
    if (clock().getTime() - new Date(current.at).getTime() < STALE_MS) return false;
    await meta.deleteOne({ _id: ID, by: current.by });
  }
  return false;
}
