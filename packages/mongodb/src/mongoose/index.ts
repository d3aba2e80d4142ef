export type { CaptureKind } from '../options.ts';
export { type ActivityPluginOptions, activityPlugin } from './activityPlugin.ts';
