import type { Collection, Db } from 'mongodb';
import type { SealedSecret } from './secrets.ts';
import type { StreamDestination, StreamFilter } from './streamInputs.ts';

/** A stream's configuration, as the API writes it (`<collection>_streams`). */
export interface StreamDocument {
  _id: string;
  tenantId: string;
  name: string;
  destination: StreamDestination;
  /** Webhook secrets, encrypted, newest first: two while a rotation lets the old one live on. */
  secrets?: SealedSecret[];
  filter: StreamFilter;
  formatVersion: 1;
  paused: boolean;
  /** When an operator last resumed it: a dead letter from before then is retried. */
  resumedAt?: Date;
  /** Where delivery starts: events with a greater id (`''` for the tenant's whole history). */
  startAfter: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A stream's delivery state, written only by the process holding its lease
 * (`<collection>_stream_state`): its own document, so an API write to the configuration can never
 * overwrite it (FerretDB rewrites whole documents).
 */
export interface StreamStateDocument {
  _id: string;
  /** The last event id examined: delivery resumes after it. */
  cursor: string;
  /** Every event recorded up to this time was delivered (or did not match). */
  deliveredUntil?: Date;
  lastDeliveredId?: string;
  lastDeliveredAt?: Date;
  /** Events delivered so far. */
  delivered: number;
  consecutiveFailures: number;
  lastError?: string;
  lastErrorAt?: Date;
  /** No attempt before this (backoff). */
  nextAttemptAt?: Date;
  /** Set when the stream went to the dead letter; cleared by a resume after it. */
  deadAt?: Date;
}

/** Which process delivers a stream, until when (`<collection>_stream_leases`). */
export interface StreamLeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
}

/** The collections of streams, named after the events collection. */
export interface StreamCollections {
  streams: Collection<StreamDocument>;
  states: Collection<StreamStateDocument>;
  leases: Collection<StreamLeaseDocument>;
}

export function streamCollections(database: Db, eventsName: string): StreamCollections {
  return {
    streams: database.collection<StreamDocument>(`${eventsName}_streams`),
    states: database.collection<StreamStateDocument>(`${eventsName}_stream_state`),
    leases: database.collection<StreamLeaseDocument>(`${eventsName}_stream_leases`),
  };
}
