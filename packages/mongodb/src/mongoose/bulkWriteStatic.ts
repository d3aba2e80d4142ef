import type { AnyBulkWriteOperation, BulkWriteOptions, Document, Filter } from 'mongodb';
import mongoose, { type Model, type Schema } from 'mongoose';
import { bulkWriteWith } from '../driver/bulk.ts';
import type { Recorder } from '../internal/recorder.ts';
import { nativeCollection } from './native.ts';

/**
 * `Model.bulkWrite` (Mongoose has no per-call state between its bulkWrite hooks): reads the
 * documents the operations match (filters cast by the model), runs Mongoose's own `bulkWrite` with
 * the single-document operations pinned to what was read, and records every touched document.
 */
export function addBulkWrite(schema: Schema, recorder: Recorder): void {
  schema.static(
    'bulkWrite',
    async function bulkWrite(
      this: Model<unknown>,
      operations: AnyBulkWriteOperation<Document>[],
      options: BulkWriteOptions = {},
    ) {
      const original = mongoose.Model.bulkWrite as (
        this: Model<unknown>,
        ops: AnyBulkWriteOperation<Document>[],
        options?: BulkWriteOptions,
      ) => Promise<mongoose.mongo.BulkWriteResult>;
      const target = await nativeCollection(this);
      return bulkWriteWith(
        { target, recorder, wholeDocuments: true },
        {
          operations,
          options,
          cast: (filter) => this.find(filter as never).cast(this) as Filter<Document>,
          run: (ops) => original.call(this, ops, options),
        },
      );
    },
  );
}
