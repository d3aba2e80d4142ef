import { randomUUID } from 'node:crypto';
import { getActivityContext, noteDataLayerWrite, withActivityContext } from '@activitykit/core';
import { type ActivityEventInput, type Change, createRedactor, diff } from '@activitykit/schema';
import type { Document } from 'mongodb';
import { type CaptureKind, type CaptureOptions, DEFAULT_MAX_SUMMARY_IDS } from '../options.ts';
import { createHider } from './hiddenPaths.ts';
import { idKey } from './ids.ts';

/** The driver method a write came through, as named in events' metadata. */
export type Operation =
  | 'insertOne'
  | 'insertMany'
  | 'updateOne'
  | 'updateMany'
  | 'replaceOne'
  | 'findOneAndUpdate'
  | 'findOneAndReplace'
  | 'findOneAndDelete'
  | 'deleteOne'
  | 'deleteMany'
  | 'bulkWrite'
  | 'save';

/** What one write recorded, for its summary. */
export interface Recorded {
  created: string[];
  updated: string[];
  deleted: string[];
}

const FAILED_ACTION: Record<Operation, string> = {
  insertOne: 'created',
  insertMany: 'created',
  save: 'updated',
  updateOne: 'updated',
  replaceOne: 'updated',
  findOneAndUpdate: 'updated',
  findOneAndReplace: 'updated',
  updateMany: 'bulk_updated',
  deleteOne: 'deleted',
  findOneAndDelete: 'deleted',
  deleteMany: 'bulk_deleted',
  bulkWrite: 'bulk_written',
};

const MAX_LABEL = 500;

/**
 * Turns before and after images into events for one capture's options: one per changed document
 * (exact `changes`, a snapshot on delete), a summary per multi-document write, a failure event.
 * Every recorded document is noted with `noteDataLayerWrite`.
 */
export function createRecorder(
  options: CaptureOptions<Document>,
  extra: { hiddenPaths?: readonly string[] } = {},
) {
  const hider = createHider(extra.hiddenPaths ?? []);
  const kinds = new Set<CaptureKind>(options.capture ?? ['create', 'update', 'delete']);
  const ignore = options.ignore ?? [];
  const maxIds = Math.max(0, Math.floor(options.maxSummaryIds ?? DEFAULT_MAX_SUMMARY_IDS));
  const redactor = createRedactor(options.redaction);
  const onError =
    options.onError ??
    ((error: unknown) => process.stderr.write(`[activitykit/mongodb] ${String(error)}\n`));

  const kept = (changes: Change[]) =>
    ignore.length === 0
      ? hider.changes(changes)
      : hider
          .changes(changes)
          .filter(
            (change) =>
              !ignore.some((path) => change.path === path || change.path.startsWith(`${path}.`)),
          );

  const subjectOf = (document: Document) => {
    const label = options.label?.(document as never);
    return {
      type: options.type,
      id: idKey(document._id),
      ...(label ? { label: label.slice(0, MAX_LABEL) } : {}),
    };
  };

  function record(input: ActivityEventInput): void {
    try {
      options.store.record(input);
      if (input.subject) noteDataLayerWrite(input.subject);
    } catch (error) {
      onError(error);
    }
  }

  const filterText = (filter: unknown) =>
    JSON.stringify(redactor.redactValue(filter ?? {}), (_key, value) =>
      value instanceof RegExp ? String(value) : value,
    );

  return {
    /** Whether writes of this kind are recorded at all. */
    wants: (kind: CaptureKind) => kinds.has(kind),

    /** Runs `fn` (the recording of one write) with a correlation id: the context's, or a new one. */
    batch<T>(fn: () => T): T {
      return getActivityContext()?.correlationId
        ? fn()
        : withActivityContext({ correlationId: randomUUID() }, fn);
    },

    created(operation: Operation, after: Document, into?: Recorded): void {
      if (!kinds.has('create')) return;
      const subject = subjectOf(after);
      record({
        action: `${options.type}.created`,
        subject,
        changes: kept(diff(null, after)),
        metadata: { operation },
      });
      into?.created.push(subject.id);
    },

    /** Records the update if anything outside `ignore` changed; says whether it did. */
    updated(
      operation: Operation,
      { before, after }: { before: Document; after: Document },
      into?: Recorded,
    ): boolean {
      const changes = kept(diff(before, after));
      if (changes.length === 0 || !kinds.has('update')) return false;
      const subject = subjectOf(after);
      record({ action: `${options.type}.updated`, subject, changes, metadata: { operation } });
      into?.updated.push(subject.id);
      return true;
    },

    deleted(operation: Operation, before: Document, into?: Recorded): void {
      if (!kinds.has('delete')) return;
      const subject = subjectOf(before);
      record({
        action: `${options.type}.deleted`,
        subject,
        changes: kept(diff(before, null)),
        snapshot: hider.snapshot({ ...before }),
        metadata: { operation },
      });
      into?.deleted.push(subject.id);
    },

    /** `<type>.bulk_updated` / `.bulk_deleted`: the count, the redacted filter and the first ids. */
    summary(
      operation: Operation,
      kind: 'updated' | 'deleted',
      write: { ids: readonly string[]; filter: unknown },
    ): void {
      if (write.ids.length === 0) return;
      record({
        action: `${options.type}.bulk_${kind}`,
        metadata: {
          operation,
          count: write.ids.length,
          filter: filterText(write.filter),
          ids: write.ids.slice(0, maxIds),
          idsCap: maxIds,
          idsTruncated: write.ids.length > maxIds,
        },
      });
    },

    /** One `outcome: failure` event for a write the driver refused. */
    failed(
      operation: Operation,
      error: unknown,
      write: { filter?: unknown; id?: unknown; verb?: string },
    ): void {
      const failure = error as { name?: unknown; message?: unknown; code?: unknown };
      record({
        action: `${options.type}.${write.verb ?? FAILED_ACTION[operation]}`,
        outcome: 'failure',
        ...(write.id === undefined ? {} : { subject: { type: options.type, id: idKey(write.id) } }),
        metadata: {
          operation,
          error: {
            name: String(failure?.name ?? 'Error'),
            message: String(failure?.message ?? error).slice(0, 1000),
            ...(typeof failure?.code === 'number' || typeof failure?.code === 'string'
              ? { code: failure.code }
              : {}),
          },
          ...(write.filter === undefined ? {} : { filter: filterText(write.filter) }),
        },
      });
    },
  };
}

/** A recorder of one capture's options. */
export type Recorder = ReturnType<typeof createRecorder>;

/** An empty tally of what a write recorded. */
export const recordedNothing = (): Recorded => ({ created: [], updated: [], deleted: [] });
