/** Counters of the writer, for metrics endpoints and tests. All but `pending` only grow. */
export interface WriterMetrics {
  /** Events accepted by `record()`. */
  queued: number;
  /** Events inserted into MongoDB (duplicates of earlier attempts not counted). */
  written: number;
  /** Retries of failed batches. */
  retried: number;
  /** Events written to the local journal while MongoDB was unreachable (or memory was full). */
  spilled: number;
  /** Journaled events later stored in MongoDB. */
  replayed: number;
  /** Events MongoDB refused for good (kept in the journal's dead-letter file). */
  failed: number;
  /** Events in memory, waiting for their batch. */
  pending: number;
  /** Whether the writer is spilling because MongoDB is unreachable. */
  degraded: boolean;
}

export function createMetrics(): Omit<WriterMetrics, 'pending' | 'degraded'> {
  return { queued: 0, written: 0, retried: 0, spilled: 0, replayed: 0, failed: 0 };
}
