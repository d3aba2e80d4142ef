import type { KeyObject } from 'node:crypto';
import { minUlidAt, ulidTime } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import type { AnchorEntry } from './anchor.ts';
import {
  type CheckpointDocument,
  type CheckpointEntry,
  checkCheckpoint,
  eventHash,
} from './checkpoint.ts';
import { type Explanations, loadExplanations } from './explanations.ts';
import { keyIdOf } from './keys.ts';

/** What `verify` found. `ok` is true when nothing below says otherwise. */
export interface VerifyReport {
  tenantId: string;
  ok: boolean;
  /** No checkpoint verifies with the key given: it is not the sealing key. */
  wrongKey: boolean;
  checkedCheckpoints: number;
  checkedEvents: number;
  /** Checkpoints whose content or signature is wrong, or whose chain is broken. */
  invalidCheckpoints: { seq: number; reason: 'hash' | 'signature' | 'chain' }[];
  /** Checkpoints known from the chain or the anchor that are gone from MongoDB. */
  missingCheckpoints: { seq: number; toId?: string; count?: number; source: 'chain' | 'anchor' }[];
  /** Sealed events whose stored document changed. */
  modified: { id: string; seq: number }[];
  /** Sealed events that are gone, not explained by retention or a recorded bulk delete. */
  deleted: { id: string; occurredAt: Date; seq: number }[];
  /** Events in a sealed range that no checkpoint covers: written behind the kit's back. */
  inserted: { id: string; seq: number }[];
  /** Events in a sealed range that arrived late from a writer's journal (not tampering; unsealed). */
  late: { id: string; seq: number }[];
  /** Sealed events gone for reasons the log itself records. */
  explained: { expired: number; bulkDeleted: number };
  /** Events not sealed yet (newer than the last checkpoint), listed separately. */
  unsealed: { fromId: string; count: number; from?: Date; to?: Date };
}

export interface VerifyDeps {
  events: Collection<EventDocument>;
  checkpoints: Collection<CheckpointDocument>;
  publicKey: KeyObject;
  anchored: AnchorEntry[] | undefined;
}

export interface VerifyRange {
  tenantId: string;
  from?: Date;
  to?: Date;
}

/**
 * Checks a tenant's sealed events against its checkpoints: signatures, the hash chain, the anchor,
 * and every event's content, naming each event modified, deleted or inserted in a sealed range.
 */
export async function verifyTenant(range: VerifyRange, deps: VerifyDeps): Promise<VerifyReport> {
  const { tenantId } = range;
  const report = emptyReport(tenantId);
  const all = await deps.checkpoints.find({ tenantId }).sort({ seq: 1 }).toArray();
  checkChain(all, report);
  checkAnchor(all, deps.anchored, report);

  const keyId = keyIdOf(deps.publicKey);
  const verdicts = all.map((checkpoint) => checkCheckpoint(checkpoint, deps.publicKey));
  report.wrongKey =
    all.length > 0 &&
    verdicts.every((v) => v === 'signature') &&
    all.every((c) => c.keyId !== keyId);
  all.forEach((checkpoint, index) => {
    const verdict = verdicts[index];
    if (verdict && !report.wrongKey)
      report.invalidCheckpoints.push({ seq: checkpoint.seq, reason: verdict });
  });

  const lower = range.from ? minUlidAt(range.from.getTime()) : '';
  const upper = range.to ? minUlidAt(range.to.getTime()) : '\uffff';
  const explanations = await loadExplanations(deps.events, tenantId);
  const inRange = all.filter((checkpoint) => checkpoint.toId >= lower && checkpoint.fromId < upper);
  report.checkedCheckpoints = inRange.length;
  await walk({ deps, report, explanations, checkpoints: inRange, lower, upper, tenantId });
  report.ok =
    !report.wrongKey &&
    report.invalidCheckpoints.length === 0 &&
    report.missingCheckpoints.length === 0 &&
    report.modified.length === 0 &&
    report.deleted.length === 0 &&
    report.inserted.length === 0;
  return report;
}

interface WalkContext {
  deps: VerifyDeps;
  report: VerifyReport;
  explanations: Explanations;
  checkpoints: CheckpointDocument[];
  lower: string;
  upper: string;
  tenantId: string;
}

/**
 * One pass over the tenant's events in the server's natural order (no sort: FerretDB sorts in its
 * own memory, gigabytes for a million events), matched against every sealed entry of the range held
 * in a map — about 150 bytes per sealed event; verify a `from`/`to` range to bound it.
 */
async function walk(context: WalkContext) {
  const { deps, report, explanations, checkpoints } = context;
  const sealed = new Map<string, { entry: CheckpointEntry; seq: number }>();
  for (const checkpoint of checkpoints) {
    for (const entry of checkpoint.entries) sealed.set(entry.i, { entry, seq: checkpoint.seq });
  }
  const ranges = checkpoints.map((c) => ({ fromId: c.fromId, toId: c.toId, seq: c.seq }));
  const lastSealed = checkpoints.at(-1)?.toId ?? '';
  const firstFrom = checkpoints[0]?.fromId ?? context.lower;
  // Ids are strings: the earlier of the first checkpoint's start and the range's lower bound.
  // biome-ignore lint/complexity/useMathMinMax: Math.min compares numbers, these are ULID strings.
  const start = firstFrom < context.lower ? firstFrom : context.lower;
  const cursor = deps.events
    .find({ tenantId: context.tenantId, _id: { $gt: start, $lt: context.upper } })
    .batchSize(1000);
  let unsealedFirst: string | undefined;
  let unsealedLast: string | undefined;
  for await (const doc of cursor) {
    const found = sealed.get(doc._id);
    if (found) {
      sealed.delete(doc._id);
      report.checkedEvents += 1;
      if (eventHash(doc) !== found.entry.h) report.modified.push({ id: doc._id, seq: found.seq });
      continue;
    }
    const range = rangeOf(ranges, doc._id);
    if (range) {
      report.checkedEvents += 1;
      (doc.replayedAt ? report.late : report.inserted).push({ id: doc._id, seq: range.seq });
    } else if (doc._id > lastSealed && doc._id >= context.lower) {
      report.unsealed.count += 1;
      if (!unsealedFirst || doc._id < unsealedFirst) unsealedFirst = doc._id;
      if (!unsealedLast || doc._id > unsealedLast) unsealedLast = doc._id;
    }
  }
  for (const { entry, seq } of sealed.values()) {
    const why = explanations.explain(entry);
    if (why === 'expired') report.explained.expired += 1;
    else if (why === 'bulk_deleted') report.explained.bulkDeleted += 1;
    else report.deleted.push({ id: entry.i, occurredAt: new Date(entry.t), seq });
  }
  for (const list of [report.modified, report.inserted, report.late, report.deleted]) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  report.unsealed.fromId = lastSealed;
  if (unsealedFirst && unsealedLast) {
    report.unsealed.from = new Date(ulidTime(unsealedFirst));
    report.unsealed.to = new Date(ulidTime(unsealedLast));
  }
}

/** The checkpoint whose range `(fromId, toId]` holds `id` (ranges are in order and do not overlap). */
function rangeOf(
  ranges: { fromId: string; toId: string; seq: number }[],
  id: string,
): { seq: number } | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (!range) return undefined;
    if (id <= range.fromId) high = middle - 1;
    else if (id > range.toId) low = middle + 1;
    else return range;
  }
  return undefined;
}

function checkChain(all: CheckpointDocument[], report: VerifyReport) {
  let expected = 1;
  let prevHash = '';
  for (const checkpoint of all) {
    for (; expected < checkpoint.seq; expected++)
      report.missingCheckpoints.push({ seq: expected, source: 'chain' });
    if (checkpoint.prevHash !== prevHash && checkpoint.seq === expected) {
      report.invalidCheckpoints.push({ seq: checkpoint.seq, reason: 'chain' });
    }
    prevHash = checkpoint.hash;
    expected = checkpoint.seq + 1;
  }
}

function checkAnchor(
  all: CheckpointDocument[],
  anchored: AnchorEntry[] | undefined,
  report: VerifyReport,
) {
  if (!anchored) return;
  const bySeq = new Map(all.map((checkpoint) => [checkpoint.seq, checkpoint]));
  for (const entry of anchored) {
    const stored = bySeq.get(entry.seq);
    if (!stored) {
      if (!report.missingCheckpoints.some((missing) => missing.seq === entry.seq)) {
        report.missingCheckpoints.push({
          seq: entry.seq,
          toId: entry.toId,
          count: entry.count,
          source: 'anchor',
        });
      } else {
        const known = report.missingCheckpoints.find((missing) => missing.seq === entry.seq);
        if (known)
          Object.assign(known, { toId: entry.toId, count: entry.count, source: 'anchor' as const });
      }
    } else if (stored.hash !== entry.hash) {
      report.invalidCheckpoints.push({ seq: entry.seq, reason: 'hash' });
    }
  }
  report.missingCheckpoints.sort((a, b) => a.seq - b.seq);
}

function emptyReport(tenantId: string): VerifyReport {
  return {
    tenantId,
    ok: true,
    wrongKey: false,
    checkedCheckpoints: 0,
    checkedEvents: 0,
    invalidCheckpoints: [],
    missingCheckpoints: [],
    modified: [],
    deleted: [],
    inserted: [],
    late: [],
    explained: { expired: 0, bulkDeleted: 0 },
    unsealed: { fromId: '', count: 0 },
  };
}
