import type { ActivityStore } from '@activitykit/core';
import type { RedactorOptions } from '@activitykit/schema';
import type { Document, WithId } from 'mongodb';

/** The kinds of change a capture records: created, updated (replaced), deleted documents. */
export type CaptureKind = 'create' | 'update' | 'delete';

/** The default of {@link CaptureOptions.maxSummaryIds}. */
export const DEFAULT_MAX_SUMMARY_IDS = 200;

/**
 * Options of `captureCollection` and of the Mongoose `activityPlugin`.
 *
 * @example
 * ```ts
 * captureCollection(db.collection<Order>('orders'), {
 *   type: 'order',
 *   store,
 *   label: (order) => `#${order.number}`,
 *   ignore: ['updatedAt'],
 *   capture: ['update', 'delete'],
 *   redaction: { deny: ['iban'] }, // as the store's
 * });
 * ```
 */
export interface CaptureOptions<TSchema extends Document = Document> {
  /** The record type of the collection's documents: events are `<type>.created` / `.updated` / `.deleted`. */
  type: string;
  /** Where the events go (they are recorded without waiting for MongoDB). */
  store: Pick<ActivityStore, 'record'>;
  /**
   * The subject's label, from the document (after the change; before it for a delete). With a
   * label the whole documents are read; without one, an update reads only the fields it touches.
   * Defaults to no label.
   */
  label?: (document: WithId<TSchema>) => string | undefined;
  /**
   * Field paths left out of `changes` (`'updatedAt'`, `'__v'`, `'meta.seenAt'`, with everything
   * below them): a write that changed only these records nothing. Defaults to `[]`.
   */
  ignore?: readonly string[];
  /** Which kinds of change are recorded; other writes go straight to the driver. Defaults to all three. */
  capture?: readonly CaptureKind[];
  /** The most ids a `<type>.bulk_updated` / `.bulk_deleted` summary lists. Defaults to `200`. */
  maxSummaryIds?: number;
  /**
   * How the filter stored in a summary event is redacted (pass the store's `redaction`); the
   * changes and snapshots are redacted by the store itself. Defaults to the default deny list.
   */
  redaction?: RedactorOptions;
  /** Called when an event cannot be recorded (the write itself has succeeded). Defaults to writing to stderr. */
  onError?: (error: unknown) => void;
}
