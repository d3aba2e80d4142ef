import type { DeleteResult, Document, Filter, FindCursor, UpdateResult } from 'mongodb';
import { idMapKey, pinned } from '../internal/ids.ts';
import { touchedFields } from '../internal/projection.ts';
import { type Recorded, recordedNothing } from '../internal/recorder.ts';
import type { DeleteArgs, UpdateArgs, WriteContext } from './context.ts';

/** Documents read, written and read back per round: bounds memory on a write of any size. */
export const BATCH_SIZE = 1000;

/** The next batch of documents the cursor gives that were not seen before (a moved document can come twice). */
async function nextBatch(cursor: FindCursor<Document>, seen: Set<string>): Promise<Document[]> {
  const batch: Document[] = [];
  while (batch.length < BATCH_SIZE) {
    const document = await cursor.next();
    if (!document) break;
    const key = idMapKey(document._id);
    if (seen.has(key)) continue;
    seen.add(key);
    batch.push(document);
  }
  return batch;
}

/**
 * Runs `each` on every batch of documents the cursor over `filter` gives, then `last` (told whether
 * none matched), as one recorded write: a failure is recorded and rethrown; either way the cursor
 * is closed and the `<type>.bulk_updated` / `.bulk_deleted` summary of `recorded` is recorded.
 */
function inBatches(
  context: WriteContext,
  run: {
    operation: 'updateMany' | 'deleteMany';
    filter: Filter<Document>;
    projection?: Document | undefined;
    recorded: Recorded;
    each: (before: Document[], ids: Document['_id'][]) => Promise<void>;
    last?: (none: boolean) => Promise<void>;
  },
): Promise<void> {
  const { target, recorder } = context;
  const { operation, filter, projection } = run;
  const seen = new Set<string>();
  const cursor = target.find(filter, projection ? { projection } : {});
  return recorder.batch(async () => {
    try {
      for (;;) {
        const before = await nextBatch(cursor, seen);
        if (before.length === 0) break;
        await run.each(
          before,
          before.map((document) => document._id),
        );
      }
      await run.last?.(seen.size === 0);
    } catch (error) {
      recorder.failed(operation, error, { filter });
      throw error;
    } finally {
      await cursor.close();
      const kind = operation === 'updateMany' ? 'updated' : 'deleted';
      recorder.summary(operation, kind, { ids: run.recorded[kind], filter });
    }
  });
}

/**
 * `updateMany` in batches: read the matching documents (only the fields the update touches), update
 * them with the filter pinned to their `_id`s, read them back by `_id`; one `<type>.updated` per
 * changed document and a `<type>.bulk_updated` summary. An upsert that matched nothing records
 * `<type>.created`.
 */
export async function updateMany(
  context: WriteContext,
  [filter, update, options = {}]: UpdateArgs,
): Promise<UpdateResult> {
  const { target, recorder } = context;
  const projection = context.wholeDocuments ? undefined : touchedFields(update);
  const total: UpdateResult = {
    acknowledged: true,
    matchedCount: 0,
    modifiedCount: 0,
    upsertedCount: 0,
    upsertedId: null,
  };
  const recorded = recordedNothing();
  const { upsert, ...writeOptions } = options;
  await inBatches(context, {
    operation: 'updateMany',
    filter,
    projection,
    recorded,
    each: async (before, ids) => {
      let result: UpdateResult;
      try {
        result = await target.updateMany(pinned(filter, ids), update, writeOptions);
      } finally {
        // Also after a failure: what did change is recorded.
        await recordUpdates({ context, before, projection, recorded });
      }
      total.matchedCount += result.matchedCount;
      total.modifiedCount += result.modifiedCount;
    },
    last: async (none) => {
      if (!none || !upsert) return;
      const result = await target.updateMany(filter, update, options);
      if (result.upsertedId !== null) {
        const created = await target.findOne({ _id: result.upsertedId });
        if (created) recorder.created('updateMany', created, recorded);
      }
      Object.assign(total, result);
    },
  });
  return total;
}

async function recordUpdates(request: {
  context: WriteContext;
  before: Document[];
  projection: Document | undefined;
  recorded: Recorded;
}): Promise<void> {
  const { context, before, projection, recorded } = request;
  const ids = before.map((document) => document._id);
  const after = await context.target
    .find({ _id: { $in: ids } }, projection ? { projection } : {})
    .toArray();
  const afterById = new Map(after.map((document) => [idMapKey(document._id), document]));
  for (const document of before) {
    const changed = afterById.get(idMapKey(document._id));
    if (changed)
      context.recorder.updated('updateMany', { before: document, after: changed }, recorded);
  }
}

/**
 * `deleteMany` in batches: read the matching documents whole (each delete's snapshot), delete
 * them with the filter pinned to their `_id`s; one `<type>.deleted` per deleted document and a
 * `<type>.bulk_deleted` summary.
 */
export async function deleteMany(
  context: WriteContext,
  [filter = {}, options = {}]: DeleteArgs,
): Promise<DeleteResult> {
  const { target, recorder } = context;
  const recorded = recordedNothing();
  let deletedCount = 0;
  await inBatches(context, {
    operation: 'deleteMany',
    filter,
    recorded,
    each: async (before, ids) => {
      let result: DeleteResult | undefined;
      try {
        result = await target.deleteMany(pinned(filter, ids), options);
      } finally {
        // Which of them are gone: all when the count says so, else those not found again.
        const remaining =
          result?.deletedCount === before.length
            ? new Set<string>()
            : new Set(
                (
                  await target.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()
                ).map((document) => idMapKey(document._id)),
              );
        for (const document of before) {
          if (!remaining.has(idMapKey(document._id)))
            recorder.deleted('deleteMany', document, recorded);
        }
      }
      deletedCount += result.deletedCount;
    },
  });
  return { acknowledged: true, deletedCount };
}
