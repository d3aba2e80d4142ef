export {
  type BurstRule,
  type BusinessHours,
  bulkDeleteInputSchema,
  chooseBucket,
  eventIdsSchema,
  filterQuerySchema,
  MAX_BUCKETS,
  MAX_BULK_IDS,
  MAX_NOTE_LENGTH,
  mentionsPermissions,
  noteInputSchema,
  refKeySchema,
  restoreInputSchema,
  SECURITY_SIGNAL_TYPES,
  type SecuritySignal,
  type SecuritySignalType,
  SIGNAL_SEVERITIES,
  type SignalSeverity,
  type StatsBucket,
  verifyInputSchema,
} from '@activitykit/schema';
export {
  type ActivityAccess,
  type ActivityAuthorization,
  type ActivityPermissionsView,
  assertTenantInScope,
  permissionsView,
  resolveAccess,
  scopeHasTenant,
} from './access.ts';
export { type AnalyticsRangeOptions, analyticsRange } from './analytics/analyticsRange.ts';
export type {
  ActivityStats,
  AuthStats,
  KeyCount,
  StoreStatsOptions,
} from './analytics/computeActivityStats.ts';
export type { StoreSignalOptions } from './analytics/securitySignal.ts';
export type { ActorCount, ActorSummary } from './analytics/topActors.ts';
export type { BulkDeleteOptions, BulkDeleteResult } from './bulkDelete.ts';
export {
  type ActivityContext,
  type ActivityContextSource,
  DataLayerWrites,
  getActivityContext,
  noteDataLayerWrite,
  SYSTEM_ACTOR,
  withActivityContext,
} from './context.ts';
export {
  type ActivityStore,
  createActivityStore,
  type RecordOptions,
} from './createActivityStore.ts';
export {
  ACTIVITY_ERROR_CODES,
  ActivityError,
  type ActivityErrorCode,
  type ActivityFailure,
  type ActivityFailureCode,
  activityFailure,
  HTTP_STATUS_BY_CODE,
} from './errors.ts';
export {
  type ActivityExport,
  createExport,
  type ExportOptionsByFormat,
} from './export/createExport.ts';
export {
  type AuditedExport,
  auditExport,
  EXPORTED,
  type ExportAuditOptions,
  MAX_AUDITED_IDS,
} from './export/exportAudit.ts';
export { csvChunks, type ExportCsvOptions, exportCsv } from './export/exportCsv.ts';
export { exportNdjson, ndjsonChunks } from './export/exportNdjson.ts';
export { type ExportPlan, exportFilters, exportTitle, planExport } from './export/exportPlan.ts';
export {
  EXPORT_CONTENT_TYPES,
  EXPORT_FILE_EXTENSIONS,
  EXPORT_FORMATS,
  type ExportContentDispositionOptions,
  type ExportFormat,
  exportContentDisposition,
  isExportFormat,
} from './export/formats.ts';
export { type IterateEventsOptions, iterateEvents } from './export/iterateEvents.ts';
export {
  DEFAULT_PDF_MAX_ROWS,
  type ExportPdfOptions,
  exportPdf,
  pdfChunks,
} from './export/pdf/exportPdf.ts';
export type { PdfFonts } from './export/pdf/pdfFonts.ts';
export {
  type AnchorEntry,
  type CheckpointAnchor,
  fileAnchor,
  type HttpAnchorOptions,
  httpAnchor,
} from './integrity/anchor.ts';
export type { CheckpointDocument, CheckpointEntry } from './integrity/checkpoint.ts';
export { generateSealingKeys, type SealingKeyPair } from './integrity/keys.ts';
export type { SealResult } from './integrity/sealer.ts';
export type { VerifyRange, VerifyReport } from './integrity/verify.ts';
export type { RequestContext } from './internal/auditText.ts';
export { TRUNCATED } from './internal/capMetadata.ts';
export { EVENT_INDEXES, type IndexReport } from './internal/indexes.ts';
export type { AddNoteInput } from './notes.ts';
export type { IntegrityOptions } from './options.ts';
export {
  type ActivityStoreConnection,
  type ActivityStoreOptions,
  DEFAULT_WRITER_SETTINGS,
} from './options.ts';
export type { TimelineQueryInput } from './query/reader.ts';
export {
  createStreamSlots,
  DEFAULT_MAX_STREAMS_PER_TENANT,
  type StreamSlots,
} from './query/streamSlots.ts';
export {
  DEFAULT_WATCH_LOOKBACK_MS,
  type WatchOptions,
  type WatchScope,
} from './query/watch.ts';
export type { RestoreOptions, Restorer, Restorers } from './restore.ts';
export type { RetentionOptions, SweepResult } from './retention.ts';
export { placeSignIn, type SignInPlacement } from './signInPlacement.ts';
export type { ActivityStreams } from './streams/createStreams.ts';
export type { StreamPayload } from './streams/payload.ts';
export type { StreamAccess } from './streams/streamAccess.ts';
export { STREAM_ACTIONS } from './streams/streamAudit.ts';
export {
  type CreateStreamInput,
  createStreamInputSchema,
  STREAM_FORMAT_VERSIONS,
  type StreamDestination,
  type StreamDestinationInput,
  type StreamFilter,
  streamDestinationSchema,
  streamFilterSchema,
  streamIdSchema,
  type UpdateStreamInput,
  updateStreamInputSchema,
} from './streams/streamInputs.ts';
export {
  DEFAULT_STREAM_SETTINGS,
  type StreamDelivered,
  type StreamsOptions,
} from './streams/streamSettings.ts';
export type { LogStream, StreamState, StreamStatus } from './streams/streamView.ts';
export { signWebhook, type WebhookHeaders } from './streams/webhook.ts';
export { narrowScope } from './viewer/narrowScope.ts';
export type { ViewerTokenSecret } from './viewer/tokenCodec.ts';
export {
  assertViewerCan,
  type ViewerRequestOptions,
  viewerAccess,
} from './viewer/viewerAccess.ts';
export { recordViewerView, VIEWED, type ViewerViewOptions } from './viewer/viewerAudit.ts';
export {
  VIEWER_PERMISSIONS,
  type ViewerGrant,
  type ViewerPermission,
} from './viewer/viewerClaims.ts';
export { viewerEvent, viewerEvents } from './viewer/viewerEvent.ts';
export type {
  CreateViewerTokenInput,
  ViewerAccess,
  ViewerToken,
  ViewerTokenOptions,
} from './viewer/viewerTokens.ts';
export type { WriterMetrics } from './writer/metrics.ts';
export type { WriterSettings } from './writer/writer.ts';
