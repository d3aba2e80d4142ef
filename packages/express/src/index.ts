export { type ActivityApiHandlers, activityApi } from './api/activityApi.ts';
export { MAX_EXPORT_IDS } from './api/exportRoute.ts';
export type { ActivityAccess, ActivityApiOptions, LiveOptions } from './api/options.ts';
export { type ActivityStreamsApiOptions, activityStreamsApi } from './api/streamsApi.ts';
export { MAX_BULK_IDS } from './api/writeRoutes.ts';
export { activityCapture } from './capture/activityCapture.ts';
export type { ActivityDraft } from './capture/capturedRequest.ts';
export type {
  AccessCapture,
  ActivityCaptureOptions,
  CaptureStore,
  LoginCaptureOptions,
  LoginStep,
  RouteCapture,
  SignInAttempt,
} from './capture/options.ts';
export {
  type LoginAttempt,
  type OtpStep,
  RequestActivity,
} from './capture/requestActivity.ts';
export {
  ActivityHttpError,
  EXPRESS_ERROR_CODES,
  type ExpressErrorCode,
  type InputProblem,
} from './errors.ts';
export {
  HTTP_STATUS_BY_CODE,
  type ProblemCode,
  type ProblemDocument,
  sendProblem,
  toProblem,
} from './problem.ts';
