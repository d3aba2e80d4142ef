import { ulidTime } from '@activitykit/schema';
import type { StreamDocument, StreamStateDocument } from './streamDocuments.ts';
import type { StreamDestination, StreamFilter } from './streamInputs.ts';

/** Where a stream stands. */
export type StreamState = 'active' | 'retrying' | 'dead_letter' | 'paused';

/** How a stream delivers: what the API shows (never a secret). */
export interface StreamStatus {
  state: StreamState;
  /** The last event delivered, and when. */
  lastDeliveredId: string | null;
  lastDeliveredAt: Date | null;
  /** Every event recorded up to this time was delivered (or did not match the filter). */
  deliveredUntil: Date | null;
  /** How far delivery is behind now, in ms (from `deliveredUntil`). */
  lagMs: number;
  /** Events delivered so far. */
  delivered: number;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** When the next retry is due. */
  nextAttemptAt: Date | null;
  /** When the stream went to the dead letter (resume it to retry). */
  deadAt: Date | null;
}

/** A log stream as the API shows it. */
export interface LogStream {
  id: string;
  tenantId: string;
  name: string;
  destination: StreamDestination;
  filter: StreamFilter;
  formatVersion: 1;
  paused: boolean;
  /** How many webhook secrets sign each delivery (two during a rotation). */
  secrets: number;
  createdAt: Date;
  updatedAt: Date;
  status: StreamStatus;
}

/** The view of a stream's configuration and state at `now`. */
export function streamView(
  stream: StreamDocument,
  state: StreamStateDocument | null,
  now: Date,
): LogStream {
  const dead = Boolean(state?.deadAt && !(stream.resumedAt && stream.resumedAt > state.deadAt));
  const failures = state?.consecutiveFailures ?? 0;
  const since =
    state?.deliveredUntil?.getTime() ??
    (stream.startAfter ? ulidTime(stream.startAfter) : stream.createdAt.getTime());
  return {
    id: stream._id,
    tenantId: stream.tenantId,
    name: stream.name,
    destination: stream.destination,
    filter: stream.filter,
    formatVersion: stream.formatVersion,
    paused: stream.paused,
    secrets: stream.secrets?.length ?? 0,
    createdAt: stream.createdAt,
    updatedAt: stream.updatedAt,
    status: {
      state: stream.paused ? 'paused' : dead ? 'dead_letter' : failures > 0 ? 'retrying' : 'active',
      lastDeliveredId: state?.lastDeliveredId ?? null,
      lastDeliveredAt: state?.lastDeliveredAt ?? null,
      deliveredUntil: state?.deliveredUntil ?? null,
      lagMs: Math.max(0, now.getTime() - since),
      delivered: state?.delivered ?? 0,
      consecutiveFailures: failures,
      lastError: state?.lastError ?? null,
      lastErrorAt: state?.lastErrorAt ?? null,
      nextAttemptAt: dead ? null : (state?.nextAttemptAt ?? null),
      deadAt: dead ? (state?.deadAt ?? null) : null,
    },
  };
}
