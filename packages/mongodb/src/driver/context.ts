import type {
  Collection,
  DeleteOptions,
  Document,
  Filter,
  UpdateFilter,
  UpdateOptions,
} from 'mongodb';
import type { Recorder } from '../internal/recorder.ts';

/** What each wrapped method works with: the unwrapped collection and the capture's recorder. */
export interface WriteContext {
  target: Collection<Document>;
  recorder: Recorder;
  /** Whether the capture reads whole documents (a label needs them). */
  wholeDocuments: boolean;
}

/** The arguments of `updateOne` / `updateMany`. */
export type UpdateArgs = [Filter<Document>, UpdateFilter<Document> | Document[], UpdateOptions?];

/** The arguments of `deleteOne` / `deleteMany`. */
export type DeleteArgs = [Filter<Document>?, DeleteOptions?];
