export {
  type ActivityContext,
  getActivityContext,
  SYSTEM_ACTOR,
  withActivityContext,
} from './context.ts';
export {
  type ActivityStore,
  createActivityStore,
  type RecordOptions,
} from './createActivityStore.ts';
export { ACTIVITY_ERROR_CODES, ActivityError, type ActivityErrorCode } from './errors.ts';
export { TRUNCATED } from './internal/capMetadata.ts';
export { EVENT_INDEXES, type IndexReport } from './internal/indexes.ts';
export type { AddNoteInput } from './notes.ts';
export {
  type ActivityStoreConnection,
  type ActivityStoreOptions,
  DEFAULT_WRITER_SETTINGS,
} from './options.ts';
export type { TimelineQueryInput } from './query/reader.ts';
export type { RestoreOptions, Restorer, Restorers } from './restore.ts';
export type { RetentionOptions, SweepResult } from './retention.ts';
export type { WriterMetrics } from './writer/metrics.ts';
export type { WriterSettings } from './writer/writer.ts';
