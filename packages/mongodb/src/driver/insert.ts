import type {
  BulkWriteOptions,
  Document,
  InsertManyResult,
  InsertOneOptions,
  InsertOneResult,
  OptionalId,
} from 'mongodb';
import { asStored } from '../internal/asStored.ts';
import type { WriteContext } from './context.ts';

const ignoresUndefined = (context: WriteContext, options: { ignoreUndefined?: boolean }) =>
  options.ignoreUndefined ?? context.target.bsonOptions?.ignoreUndefined ?? false;

/** `insertOne`, then `<type>.created` from the document as stored (no read needed). */
export async function insertOne(
  context: WriteContext,
  [document, options = {}]: [OptionalId<Document>, InsertOneOptions?],
): Promise<InsertOneResult> {
  const { target, recorder } = context;
  let result: InsertOneResult;
  try {
    result = await target.insertOne(document, options);
  } catch (error) {
    recorder.batch(() => recorder.failed('insertOne', error, { id: document._id }));
    throw error;
  }
  const stored = {
    ...asStored(document, ignoresUndefined(context, options)),
    _id: result.insertedId,
  };
  recorder.batch(() => recorder.created('insertOne', stored));
  return result;
}

/**
 * `insertMany`, then `<type>.created` per inserted document. When the driver refuses some
 * (duplicate keys), the ones it did insert are still recorded, and one failure event.
 */
export async function insertMany(
  context: WriteContext,
  [documents, options = {}]: [readonly OptionalId<Document>[], BulkWriteOptions?],
): Promise<InsertManyResult> {
  const { target, recorder } = context;
  const ignoreUndefined = ignoresUndefined(context, options);
  const record = (indexes: number[], ids: Record<number, unknown>) => {
    for (const index of indexes) {
      const document = documents[index];
      const id = ids[index] ?? document?._id;
      if (document && id !== undefined) {
        recorder.created('insertMany', { ...asStored(document, ignoreUndefined), _id: id });
      }
    }
  };
  try {
    const result = await target.insertMany(documents as OptionalId<Document>[], options);
    recorder.batch(() =>
      record(
        documents.map((_, index) => index),
        result.insertedIds,
      ),
    );
    return result;
  } catch (error) {
    const failed = failedIndexes(error);
    recorder.batch(() => {
      if (failed) {
        const ordered = options.ordered !== false;
        const first = Math.min(...failed);
        const inserted = documents
          .map((_, index) => index)
          .filter((index) => !failed.has(index) && (!ordered || index < first));
        record(inserted, {});
      }
      recorder.failed('insertMany', error, {});
    });
    throw error;
  }
}

/** The indexes of the operations a bulk write error names, if it names any. */
export function failedIndexes(error: unknown): Set<number> | undefined {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  if (writeErrors === undefined) return undefined;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return new Set(list.map((each) => Number((each as { index?: unknown }).index)));
}
