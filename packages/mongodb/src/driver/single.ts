import type {
  DeleteResult,
  Document,
  Filter,
  FindOneAndDeleteOptions,
  FindOneAndReplaceOptions,
  FindOneAndUpdateOptions,
  ModifyResult,
  UpdateFilter,
  UpdateResult,
} from 'mongodb';
import { applyUpdate } from '../internal/applyUpdate.ts';
import { applyProjection, touchedFields } from '../internal/projection.ts';
import type { Operation } from '../internal/recorder.ts';
import type { DeleteArgs, UpdateArgs, WriteContext } from './context.ts';

type Change =
  | { kind: 'update'; update: UpdateFilter<Document> | Document[] }
  | { kind: 'replace'; replacement: Document };

interface Images {
  before: Document | null;
  after: Document | null;
  upsertedId: unknown;
  changed: boolean;
}

/**
 * One document changed atomically: `findOneAndUpdate` / `findOneAndReplace` with
 * `returnDocument: 'before'` (the before image comes from the write itself), then the after image
 * read by `_id`. Records `<type>.updated` (or `.created` for an upsert) and answers both images.
 */
async function changeOne(
  context: WriteContext,
  request: { operation: Operation; filter: Filter<Document>; change: Change; options: Document },
): Promise<Images> {
  const { target, recorder } = context;
  const { operation, filter, change, options } = request;
  const projection =
    context.wholeDocuments || change.kind === 'replace' ? undefined : touchedFields(change.update);
  // No projection on the write itself: FerretDB's findAndModify has none; it is applied here.
  const writeOptions = {
    ...options,
    returnDocument: 'before' as const,
    includeResultMetadata: true as const,
  };
  let result: ModifyResult<Document>;
  try {
    result =
      change.kind === 'update'
        ? await target.findOneAndUpdate(
            filter,
            change.update,
            writeOptions as FindOneAndUpdateOptions & { includeResultMetadata: true },
          )
        : await target.findOneAndReplace(
            filter,
            change.replacement,
            writeOptions as FindOneAndReplaceOptions & { includeResultMetadata: true },
          );
  } catch (error) {
    recorder.batch(() => recorder.failed(operation, error, { filter }));
    throw error;
  }
  const before = applyProjection(result.value, projection);
  const upsertedId = result.lastErrorObject?.upserted;
  const id = before?._id ?? upsertedId;
  if (id === undefined) return { before: null, after: null, upsertedId: undefined, changed: false };
  // The after image follows from the atomic before image and the update when it can be evaluated
  // here (one round trip, exactly this write's result); else it is read back by _id.
  const computed =
    result.value &&
    applyUpdate(result.value, change.kind === 'update' ? change.update : change.replacement, {
      ignoreUndefined: options.ignoreUndefined ?? target.bsonOptions?.ignoreUndefined ?? false,
    });
  const after = computed
    ? applyProjection(computed, projection)
    : await target.findOne({ _id: id }, projection ? { projection } : {});
  let changed = false;
  recorder.batch(() => {
    if (!before) {
      if (after) recorder.created(operation, after);
      changed = after !== null;
    } else if (after) {
      changed = recorder.updated(operation, { before, after });
    }
  });
  return { before, after, upsertedId, changed };
}

export async function updateOne(
  context: WriteContext,
  [filter, update, options = {}]: UpdateArgs,
): Promise<UpdateResult> {
  const images = await changeOne(context, {
    operation: 'updateOne',
    filter,
    change: { kind: 'update', update },
    options,
  });
  return updateResult(images);
}

export async function replaceOne(
  context: WriteContext,
  [filter, replacement, options = {}]: [Filter<Document>, Document, Document?],
): Promise<UpdateResult> {
  const images = await changeOne(context, {
    operation: 'replaceOne',
    filter,
    change: { kind: 'replace', replacement },
    options,
  });
  return updateResult(images);
}

function updateResult(images: Images): UpdateResult {
  const upserted = images.before === null && images.upsertedId !== undefined;
  return {
    acknowledged: true,
    matchedCount: images.before ? 1 : 0,
    modifiedCount: images.before && images.changed ? 1 : 0,
    upsertedCount: upserted ? 1 : 0,
    upsertedId: upserted ? (images.upsertedId as UpdateResult['upsertedId']) : null,
  };
}

/** `findOneAndUpdate` / `findOneAndReplace` as the caller asked: the before or after image, projected. */
export async function findOneAndChange(
  context: WriteContext,
  request: {
    operation: 'findOneAndUpdate' | 'findOneAndReplace';
    filter: Filter<Document>;
    change: Document;
    options?: Document;
  },
): Promise<unknown> {
  const options = request.options ?? {};
  const { returnDocument, projection, includeResultMetadata, ...rest } =
    options as FindOneAndUpdateOptions;
  const change: Change =
    request.operation === 'findOneAndUpdate'
      ? { kind: 'update', update: request.change }
      : { kind: 'replace', replacement: request.change };
  // The caller's projection is applied here, on whole images.
  const images = await changeOne(
    { ...context, wholeDocuments: context.wholeDocuments || projection !== undefined },
    { operation: request.operation, filter: request.filter, change, options: rest },
  );
  const value = applyProjection(
    returnDocument === 'after' ? images.after : images.before,
    projection,
  );
  if (!includeResultMetadata) return value;
  return {
    ok: 1,
    value,
    lastErrorObject: {
      n: images.before || images.upsertedId !== undefined ? 1 : 0,
      updatedExisting: images.before !== null,
      ...(images.before === null && images.upsertedId !== undefined
        ? { upserted: images.upsertedId }
        : {}),
    },
  };
}

/** `findOneAndDelete` with the before image as the snapshot; `<type>.deleted` if one was deleted. */
async function deleteFound(
  context: WriteContext,
  operation: Operation,
  { filter, options }: { filter: Filter<Document>; options: Document },
): Promise<Document | null> {
  const { target, recorder } = context;
  let before: Document | null;
  try {
    before = await target.findOneAndDelete(filter, {
      ...options,
      projection: undefined,
      includeResultMetadata: false,
    } as FindOneAndDeleteOptions & { includeResultMetadata: false });
  } catch (error) {
    recorder.batch(() => recorder.failed(operation, error, { filter }));
    throw error;
  }
  if (before) recorder.batch(() => recorder.deleted(operation, before));
  return before;
}

export async function deleteOne(
  context: WriteContext,
  [filter = {}, options = {}]: DeleteArgs,
): Promise<DeleteResult> {
  const before = await deleteFound(context, 'deleteOne', { filter, options });
  return { acknowledged: true, deletedCount: before ? 1 : 0 };
}

export async function findOneAndDelete(
  context: WriteContext,
  [filter, options = {}]: [Filter<Document>, FindOneAndDeleteOptions?],
): Promise<unknown> {
  const { projection, includeResultMetadata, ...rest } = options;
  const before = await deleteFound(context, 'findOneAndDelete', { filter, options: rest });
  const value = applyProjection(before, projection);
  if (!includeResultMetadata) return value;
  return { ok: 1, value, lastErrorObject: { n: before ? 1 : 0 } };
}
