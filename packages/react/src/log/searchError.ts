import type { SearchProblem } from '@activitykit/schema';

/** A search-syntax error with the offending text's place in the input. */
export interface SearchError {
  /** English, as the schema (or the server) words it. */
  message: string;
  /** Zero-based offset into the search text. */
  position?: number | undefined;
  length?: number | undefined;
  /** Why, as a reason and parameters: the box words it in the reader's language. */
  search?: SearchProblem | undefined;
}
