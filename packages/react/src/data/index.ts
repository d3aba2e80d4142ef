export { type ActivityContextValue, useActivityContext } from './ActivityContext.ts';
export { ActivityProvider, type ActivityProviderProps } from './ActivityProvider.tsx';
export {
  type ExportVariables,
  saveExport,
  useAddNote,
  useBulkDelete,
  useExportActivity,
  useInvalidateActivity,
  useRestoreEvent,
} from './mutations.ts';
export {
  type ActivityListResult,
  type ActivityQueryOptions,
  type ActivityStatsOptions,
  useActivityEvent,
  useActivityList,
  useActivityPermissions,
  useActivityStats,
  useCheckpointOf,
  useIntegrityStatus,
  useSecuritySignals,
  useTimeline,
} from './queries.ts';
export { type ActivityQueryKeys, createQueryKeys } from './queryKeys.ts';
export { createRestSource, type RestSourceOptions } from './rest/createRestSource.ts';
export type { ViewerTokenSource } from './rest/viewerToken.ts';
export {
  ACTIVITY_SOURCE_ERROR_CODES,
  type ActivityPermissions,
  type ActivitySource,
  ActivitySourceError,
  type ActivitySourceErrorCode,
  type ActivitySourceErrorOptions,
  type ExportRequest,
  type ExportResult,
  isDeniedError,
  type LiveHandlers,
  type RequestOptions,
  type VerifyInput,
} from './source.ts';
export {
  type ActivityTrpcClient,
  createTrpcSource,
  type TrpcSourceOptions,
} from './trpc/createTrpcSource.ts';
export {
  type LiveActivity,
  type LiveActivityOptions,
  type LiveStatus,
  useLiveActivity,
} from './useLiveActivity.ts';
