import type { Collection, Document } from 'mongodb';
import { bulkWrite } from './driver/bulk.ts';
import type { WriteContext } from './driver/context.ts';
import { insertMany, insertOne } from './driver/insert.ts';
import { deleteMany, updateMany } from './driver/many.ts';
import {
  deleteOne,
  findOneAndChange,
  findOneAndDelete,
  replaceOne,
  updateOne,
} from './driver/single.ts';
import { createRecorder } from './internal/recorder.ts';
import type { CaptureKind, CaptureOptions } from './options.ts';

type Method = (context: WriteContext, args: never) => Promise<unknown>;

/** The wrapped methods, with the kind of change each records. */
const METHODS: Record<string, { kind: CaptureKind | 'any'; run: Method }> = {
  insertOne: { kind: 'create', run: insertOne as Method },
  insertMany: { kind: 'create', run: insertMany as Method },
  updateOne: { kind: 'update', run: updateOne as Method },
  replaceOne: { kind: 'update', run: replaceOne as Method },
  updateMany: { kind: 'update', run: updateMany as Method },
  findOneAndUpdate: {
    kind: 'update',
    run: ((context: WriteContext, [filter, change, options]: [Document, Document, Document?]) =>
      findOneAndChange(context, {
        operation: 'findOneAndUpdate',
        filter,
        change,
        options,
      })) as Method,
  },
  findOneAndReplace: {
    kind: 'update',
    run: ((context: WriteContext, [filter, change, options]: [Document, Document, Document?]) =>
      findOneAndChange(context, {
        operation: 'findOneAndReplace',
        filter,
        change,
        options,
      })) as Method,
  },
  deleteOne: { kind: 'delete', run: deleteOne as Method },
  findOneAndDelete: { kind: 'delete', run: findOneAndDelete as Method },
  deleteMany: { kind: 'delete', run: deleteMany as Method },
  bulkWrite: { kind: 'any', run: bulkWrite as Method },
};

/**
 * The collection with every write recorded in the activity log: the driver's own API and types,
 * where `insertOne` / `insertMany`, `updateOne` / `updateMany`, `replaceOne`,
 * `findOneAndUpdate` / `findOneAndReplace` / `findOneAndDelete`, `deleteOne` / `deleteMany` and
 * `bulkWrite` record one `<type>.created` / `.updated` / `.deleted` event per changed document
 * with exact field-level `changes` (a snapshot on delete, for `store.restore`), and multi-document
 * writes a `<type>.bulk_updated` / `.bulk_deleted` summary. Everything else goes straight to the
 * driver. Events take their actor, tenant and request from `withActivityContext`; outside one they
 * are the `system` actor's, with one correlation id per write.
 *
 * @example
 * ```ts
 * const customers = captureCollection(db.collection<Customer>('customers'), { type: 'customer', store });
 * await customers.updateOne({ _id: id }, { $set: { 'address.city': 'Bergen' } });
 * // customer.updated, changes: [{ path: 'address.city', before: 'Oslo', after: 'Bergen' }]
 * ```
 */
export function captureCollection<TSchema extends Document>(
  collection: Collection<TSchema>,
  options: CaptureOptions<TSchema>,
): Collection<TSchema> {
  const target = collection as unknown as Collection<Document>;
  const recorder = createRecorder(options as unknown as CaptureOptions<Document>);
  const context: WriteContext = { target, recorder, wholeDocuments: options.label !== undefined };
  const wrapped = new Map<PropertyKey, unknown>();
  for (const [name, method] of Object.entries(METHODS)) {
    if (method.kind !== 'any' && !recorder.wants(method.kind)) continue;
    wrapped.set(name, (...args: unknown[]) => method.run(context, args as never));
  }
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(collection, {
    get(object, property) {
      const own = wrapped.get(property);
      if (own) return own;
      const value = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      // The driver's methods run on the collection itself (its private state is not on the proxy).
      let method = bound.get(property);
      if (!method) {
        method = value.bind(object);
        bound.set(property, method);
      }
      return method;
    },
  });
}
