import type { Document } from 'mongodb';
import type { Model, Schema } from 'mongoose';
import { idMapKey } from '../internal/ids.ts';
import type { Recorder } from '../internal/recorder.ts';
import { nativeCollection } from './native.ts';

interface SaveState {
  isNew: boolean;
  before: Document | null;
}
const saves = new WeakMap<object, SaveState>();
type AnyDocument = { isNew: boolean; _id: unknown; isModified(): boolean; constructor: unknown };
const modelOf = (document: AnyDocument) => document.constructor as Model<unknown>;

/** `save` (create and update) and `insertMany`, read back raw from the collection. */
export function addDocumentHooks(schema: Schema, recorder: Recorder): void {
  schema.pre('save', async function () {
    const document = this as unknown as AnyDocument;
    const isNew = document.isNew;
    if (!recorder.wants(isNew ? 'create' : 'update') || (!isNew && !document.isModified())) return;
    const before = isNew
      ? null
      : await (await nativeCollection(modelOf(document))).findOne({ _id: document._id as never });
    saves.set(document, { isNew, before });
  });

  schema.post('save', async function () {
    const document = this as unknown as AnyDocument;
    const state = saves.get(document);
    if (!state) return;
    saves.delete(document);
    const native = await nativeCollection(modelOf(document));
    const after = await native.findOne({ _id: document._id as never });
    if (!after) return;
    recorder.batch(() => {
      if (state.isNew || !state.before) recorder.created('save', after);
      else recorder.updated('save', { before: state.before, after });
    });
  });

  schema.post(
    'save',
    { errorHandler: true },
    function (error: unknown, _document: unknown, next: () => void) {
      const document = this as unknown as AnyDocument;
      const state = saves.get(document);
      saves.delete(document);
      if (state) {
        recorder.batch(() =>
          recorder.failed('save', error, {
            id: document._id,
            verb: state.isNew ? 'created' : 'updated',
          }),
        );
      }
      next();
    },
  );

  schema.post('insertMany', async function (this: Model<unknown>, documents: unknown) {
    if (!recorder.wants('create')) return;
    const list = (Array.isArray(documents) ? documents : [documents]) as { _id?: unknown }[];
    await recordInserted(this, recorder, list);
  });

  schema.post(
    'insertMany',
    { errorHandler: true },
    function (error: unknown, _documents: unknown, next: () => void) {
      const model = this as unknown as Model<unknown>;
      const inserted = ((error as { insertedDocs?: { _id?: unknown }[] }).insertedDocs ?? []) as {
        _id?: unknown;
      }[];
      const done = recorder.batch(async () => {
        if (recorder.wants('create') && inserted.length > 0)
          await recordInserted(model, recorder, inserted);
        recorder.failed('insertMany', error, {});
      });
      done.then(
        () => next(),
        () => next(),
      );
    },
  );
}

async function recordInserted(
  model: Model<unknown>,
  recorder: Recorder,
  documents: { _id?: unknown }[],
) {
  const ids = documents.map((document) => document._id).filter((id) => id !== undefined);
  if (ids.length === 0) return;
  const native = await nativeCollection(model);
  const stored = new Map(
    (await native.find({ _id: { $in: ids as never[] } }).toArray()).map((document) => [
      idMapKey(document._id),
      document,
    ]),
  );
  recorder.batch(() => {
    for (const id of ids) {
      const document = stored.get(idMapKey(id));
      if (document) recorder.created('insertMany', document);
    }
  });
}
