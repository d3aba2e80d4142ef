import type { Collection, Document } from 'mongodb';
import type { Recorder } from '../internal/recorder.ts';

/** What each wrapped method works with: the unwrapped collection and the capture's recorder. */
export interface WriteContext {
  target: Collection<Document>;
  recorder: Recorder;
  /** Whether the capture reads whole documents (a label needs them). */
  wholeDocuments: boolean;
}
