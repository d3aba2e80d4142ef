export { captureCollection } from './captureCollection.ts';
export { type CaptureKind, type CaptureOptions, DEFAULT_MAX_SUMMARY_IDS } from './options.ts';
