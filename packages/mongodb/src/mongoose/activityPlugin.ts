import type { Document } from 'mongodb';
import type { Schema } from 'mongoose';
import { createRecorder } from '../internal/recorder.ts';
import type { CaptureOptions } from '../options.ts';
import { addBulkWrite } from './bulkWriteStatic.ts';
import { addDocumentHooks } from './documentHooks.ts';
import { hiddenSchemaPaths } from './hiddenSchemaPaths.ts';
import { addQueryHooks } from './queryHooks.ts';

/** Options of {@link activityPlugin}: those of `captureCollection`, the label reading raw documents. */
export type ActivityPluginOptions = CaptureOptions<Document>;

/**
 * A Mongoose plugin that records every write of the model in the activity log, with the same
 * events as `captureCollection`: `save` (create and update), `updateOne`, `updateMany`,
 * `findOneAndUpdate`, `replaceOne`, `findOneAndReplace`, `deleteOne`, `deleteMany`,
 * `findOneAndDelete`, `insertMany` and `bulkWrite` (also through documents: `doc.updateOne()`,
 * `doc.deleteOne()`). Images are read raw from the collection, so virtuals never appear; fields
 * declared `select: false` are hidden like secrets ("changed, value hidden", `[redacted]` in
 * snapshots) unless `redaction.allow` names them.
 *
 * @example
 * ```ts
 * const customerSchema = new Schema({ name: String, passwordHash: { type: String, select: false } });
 * customerSchema.plugin(activityPlugin, { type: 'customer', store, label: (doc) => String(doc.name) });
 * const Customer = model('Customer', customerSchema);
 * await Customer.updateMany({ status: 'inactive' }, { status: 'archived' }); // one event per document
 * ```
 */
export function activityPlugin(schema: Schema, options: ActivityPluginOptions): void {
  const recorder = createRecorder(options, {
    hiddenPaths: hiddenSchemaPaths(schema, options.redaction),
  });
  addDocumentHooks(schema, recorder);
  addQueryHooks(schema, recorder);
  addBulkWrite(schema, recorder);
}
