import type { Document, Filter } from 'mongodb';
import type { Model, Query, Schema } from 'mongoose';
import { idMapKey } from '../internal/ids.ts';
import { type Recorder, recordedNothing } from '../internal/recorder.ts';
import { nativeCollection } from './native.ts';

const SINGLE = [
  'updateOne',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'findOneAndDelete',
] as const;
const MANY = ['updateMany', 'deleteMany'] as const;
type QueryOp = (typeof SINGLE)[number] | (typeof MANY)[number];
const OPS: readonly QueryOp[] = [...SINGLE, ...MANY];

const isDelete = (op: QueryOp) =>
  op === 'deleteOne' || op === 'deleteMany' || op === 'findOneAndDelete';
const isMany = (op: QueryOp) => op === 'updateMany' || op === 'deleteMany';

/** What a query's pre hook read for its post hook. */
interface QueryState {
  op: QueryOp;
  filter: Filter<Document>;
  before: Document[];
}
const states = new WeakMap<object, QueryState>();
type AnyQuery = Query<unknown, unknown> & { op?: string; model: Model<unknown> };

/**
 * Query middleware: before the write, the matching documents are read raw and the query is pinned
 * to their `_id`s; after it, they are read back by `_id` and each change is recorded.
 */
export function addQueryHooks(schema: Schema, recorder: Recorder): void {
  schema.pre(OPS as unknown as QueryOp[], { document: false, query: true }, async function () {
    const query = this as unknown as AnyQuery;
    const op = query.op as QueryOp;
    if (!recorder.wants(isDelete(op) ? 'delete' : 'update')) return;
    const native = await nativeCollection(query.model);
    const filter = query.cast(query.model, query.getFilter()) as Filter<Document>;
    const options = query.getOptions() as { sort?: Document; upsert?: boolean };
    let before: Document[];
    if (isMany(op)) {
      before = await native.find(filter).toArray();
    } else {
      const found = await native.findOne(filter, options.sort ? { sort: options.sort } : {});
      before = found ? [found] : [];
    }
    // Only what was read is written (an upsert that matched nothing keeps its filter).
    if (before.length > 0 || !options.upsert) {
      query.and([{ _id: { $in: before.map((document) => document._id) } }]);
    }
    states.set(query, { op, filter, before });
  });

  schema.post(
    OPS as unknown as QueryOp[],
    { document: false, query: true },
    async function (result: unknown) {
      const query = this as unknown as AnyQuery;
      const state = states.get(query);
      if (!state) return;
      states.delete(query);
      const native = await nativeCollection(query.model);
      await recorder.batch(() => recordQuery({ native, recorder, state, result }));
    },
  );

  schema.post(
    OPS as unknown as QueryOp[],
    { document: false, query: true, errorHandler: true },
    function (error: unknown, _result: unknown, next: (error?: Error) => void) {
      const query = this as unknown as AnyQuery;
      const state = states.get(query);
      states.delete(query);
      const op = (state?.op ?? query.op) as QueryOp;
      if (!OPS.includes(op)) return next();
      const done = recorder.batch(async () => {
        // What a multi-document write changed before it failed is recorded too.
        if (state && isMany(op)) {
          await recordQuery({
            native: await nativeCollection(query.model),
            recorder,
            state,
            result: undefined,
          }).catch(() => {});
        }
        recorder.failed(op, error, { filter: state?.filter ?? query.getFilter() });
      });
      done.then(
        () => next(),
        () => next(),
      );
    },
  );
}

async function recordQuery(request: {
  native: Awaited<ReturnType<typeof nativeCollection>>;
  recorder: Recorder;
  state: QueryState;
  result: unknown;
}): Promise<void> {
  const { native, recorder, state, result } = request;
  const { op, before, filter } = state;
  const recorded = recordedNothing();
  const ids = before.map((document) => document._id);
  const after = new Map(
    (ids.length === 0 ? [] : await native.find({ _id: { $in: ids } }).toArray()).map((document) => [
      idMapKey(document._id),
      document,
    ]),
  );
  for (const document of before) {
    const now = after.get(idMapKey(document._id));
    if (isDelete(op)) {
      if (!now) recorder.deleted(op, document, recorded);
    } else if (now) {
      recorder.updated(op, { before: document, after: now }, recorded);
    }
  }
  if (before.length === 0 && !isDelete(op)) {
    const upserted = upsertedIdOf(result);
    const created =
      upserted === undefined ? null : await native.findOne({ _id: upserted as never });
    if (created) recorder.created(op, created, recorded);
  }
  if (op === 'updateMany') recorder.summary(op, 'updated', { ids: recorded.updated, filter });
  if (op === 'deleteMany') recorder.summary(op, 'deleted', { ids: recorded.deleted, filter });
}

/** The `_id` an upsert inserted, from an update result, a raw `findOneAnd…` result or the document. */
function upsertedIdOf(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return undefined;
  const value = result as {
    upsertedId?: unknown;
    lastErrorObject?: { upserted?: unknown };
    value?: { _id?: unknown } | null;
    _id?: unknown;
  };
  return (
    value.upsertedId ??
    value.lastErrorObject?.upserted ??
    value.value?._id ??
    value._id ??
    undefined
  );
}
