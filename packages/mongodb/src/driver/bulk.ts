import type {
  AnyBulkWriteOperation,
  BulkWriteOptions,
  BulkWriteResult,
  Document,
  Filter,
} from 'mongodb';
import { ObjectId } from 'mongodb';
import { idMapKey, pinned } from '../internal/ids.ts';
import { recordedNothing } from '../internal/recorder.ts';
import type { WriteContext } from './context.ts';
import { failedIndexes } from './insert.ts';

type Op = AnyBulkWriteOperation<Document>;

/** A filter that names one `_id` and nothing else: read together with the others like it. */
const onlyId = (filter: Filter<Document>) =>
  Object.keys(filter).length === 1 &&
  '_id' in filter &&
  (typeof filter._id !== 'object' || filter._id === null || filter._id instanceof ObjectId);

/**
 * `bulkWrite`: the documents each operation matches are read first (single-document operations
 * are pinned to the `_id` found), the operations run as given, then every touched document is read
 * back by `_id`; each document's whole change over the bulk write is one event (created, updated
 * or deleted), plus a summary per kind when more than one document was updated or deleted.
 */
export function bulkWrite(
  context: WriteContext,
  [operations, options = {}]: [readonly Op[], BulkWriteOptions?],
): Promise<BulkWriteResult> {
  return bulkWriteWith(context, {
    operations,
    options,
    run: (ops) => context.target.bulkWrite(ops, options),
  });
}

/** What {@link bulkWriteWith} runs: the operations, and how they are written (the driver, Mongoose). */
export interface BulkWriteRequest {
  operations: readonly Op[];
  options: BulkWriteOptions;
  /** Writes the (pinned) operations. */
  run: (ops: Op[]) => Promise<BulkWriteResult>;
  /** Casts a filter for the raw reads of the before images (Mongoose). Defaults to none. */
  cast?: (filter: Filter<Document>) => Filter<Document>;
}

/** `bulkWrite` through any writer: reads, runs `request.run`, reads back and records. */
export async function bulkWriteWith(
  context: WriteContext,
  request: BulkWriteRequest,
): Promise<BulkWriteResult> {
  const { operations, options } = request;
  const cast = request.cast ?? ((filter: Filter<Document>) => filter);
  const { target, recorder } = context;
  const before = new Map<string, Document>();
  const inserted = new Map<number, unknown>();
  const ops: Op[] = [];
  const byId: { index: number; id: unknown }[] = [];
  for (const [index, op] of operations.entries()) {
    if ('insertOne' in op) {
      // The driver would give it an _id as well; it is needed here to read it back.
      op.insertOne.document._id ??= new ObjectId();
      inserted.set(index, op.insertOne.document._id);
      ops.push(op);
      continue;
    }
    const single =
      'updateOne' in op
        ? op.updateOne
        : 'replaceOne' in op
          ? op.replaceOne
          : 'deleteOne' in op
            ? op.deleteOne
            : undefined;
    const many =
      'updateMany' in op ? op.updateMany : 'deleteMany' in op ? op.deleteMany : undefined;
    if (single && onlyId(cast(single.filter)) && !('sort' in single && single.sort)) {
      byId.push({ index, id: cast(single.filter)._id });
      ops.push(op);
    } else if (single) {
      const sort = 'sort' in single ? (single.sort as Document | undefined) : undefined;
      const found = await target.findOne(cast(single.filter), sort ? { sort } : {});
      if (found) before.set(idMapKey(found._id), found);
      const key = Object.keys(op)[0] as 'updateOne';
      ops.push(
        found ? ({ [key]: { ...single, filter: pinned(single.filter, [found._id]) } } as Op) : op,
      );
    } else if (many) {
      for (const found of await target.find(cast(many.filter)).toArray())
        before.set(idMapKey(found._id), found);
      ops.push(op);
    }
  }
  if (byId.length > 0) {
    const found = await target
      .find({ _id: { $in: byId.map((each) => each.id) as never[] } })
      .toArray();
    for (const document of found) before.set(idMapKey(document._id), document);
  }

  return recorder.batch(async () => {
    let result: BulkWriteResult | undefined;
    let failure: unknown;
    try {
      result = await request.run(ops);
    } catch (error) {
      failure = error;
    }
    const upserted =
      result?.upsertedIds ?? (failure as { result?: BulkWriteResult })?.result?.upsertedIds ?? {};
    const failed = failure ? (failedIndexes(failure) ?? new Set<number>()) : new Set<number>();
    const firstFailed = failed.size > 0 ? Math.min(...failed) : Number.POSITIVE_INFINITY;
    const attempted = (index: number) =>
      !failed.has(index) && (options.ordered === false || index < firstFailed);
    const created = new Set<string>();
    const ids = [...before.values()].map((document) => document._id);
    for (const [index, id] of inserted) {
      if (attempted(index)) {
        ids.push(id);
        created.add(idMapKey(id));
      }
    }
    for (const id of Object.values(upserted)) {
      ids.push(id);
      created.add(idMapKey(id));
    }
    const after = new Map(
      (await target.find({ _id: { $in: ids as never[] } }).toArray()).map((document) => [
        idMapKey(document._id),
        document,
      ]),
    );
    const recorded = recordedNothing();
    const unique = new Map(ids.map((id) => [idMapKey(id), id]));
    for (const key of unique.keys()) {
      const was = before.get(key);
      const now = after.get(key);
      if (!was && now && created.has(key)) recorder.created('bulkWrite', now, recorded);
      else if (was && now) recorder.updated('bulkWrite', { before: was, after: now }, recorded);
      else if (was && !now) recorder.deleted('bulkWrite', was, recorded);
    }
    if (recorded.updated.length > 1)
      recorder.summary('bulkWrite', 'updated', {
        ids: recorded.updated,
        filter: filtersOf(operations),
      });
    if (recorded.deleted.length > 1)
      recorder.summary('bulkWrite', 'deleted', {
        ids: recorded.deleted,
        filter: filtersOf(operations),
      });
    if (failure) {
      recorder.failed('bulkWrite', failure, {});
      throw failure;
    }
    return result as BulkWriteResult;
  });
}

/** The filters of a bulk write's operations, for its summary. */
function filtersOf(operations: readonly Op[]): unknown[] {
  return operations.flatMap((op) => {
    const body = Object.values(op)[0] as { filter?: unknown };
    return body.filter === undefined ? [] : [body.filter];
  });
}
