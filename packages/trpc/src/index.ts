export {
  type ActivityCaptureContext,
  type ActivityMiddlewareOptions,
  activityMiddleware,
} from './capture/activityMiddleware.ts';
export type { ActivityCapture, LoginFailure } from './capture/captureHelper.ts';
export type { CaptureResolvers } from './capture/resolvers.ts';
export type { SignInAttempt } from './capture/signIn.ts';
export { withActivityRequest } from './capture/withActivityRequest.ts';
export {
  ACTIVITY_TRPC_CODES,
  type ActivityErrorData,
  activityErrorData,
  toTRPCError,
} from './errors.ts';
export type { ExportFileOptions } from './export/exportFile.ts';
export {
  type ActivityExportHandlerOptions,
  createActivityExportHandler,
} from './export/exportHandler.ts';
export type {
  ActivityMeta,
  ActivityProcedureMeta,
  AuthStep,
  CaptureArgs,
  CaptureValue,
  RecordSpec,
  ValuePath,
} from './meta.ts';
export type { ActivityAuthorization, ActivityAuthorize } from './router/access.ts';
export {
  type ActivityRouter,
  type ActivityRouterOptions,
  type ActivityRouterRecord,
  createActivityRouter,
  type DefaultActivityRoot,
} from './router/createActivityRouter.ts';
export type { ActivityExportOptions, ActivityExportResult } from './router/exportProcedure.ts';
export type { ActivityLiveOptions } from './router/liveProcedure.ts';
export type { ActivityPermissionsView } from './router/readProcedures.ts';
export {
  type ActivityStreamsRouter,
  type ActivityStreamsRouterOptions,
  type ActivityStreamsRouterRecord,
  createActivityStreamsRouter,
} from './router/streamsRouter.ts';
export type { ActivityVerifyOptions } from './router/writeProcedures.ts';
