import type { KeyObject } from 'node:crypto';
import { minUlidAt, ulidTime, type VerifyReport } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { type AnchorRead, checkAnchor, checkChain } from './chainChecks.ts';
import {
  type CheckpointDocument,
  type CheckpointEntry,
  checkCheckpoint,
  eventHash,
} from './checkpoint.ts';
import { type Explanations, loadExplanations } from './explanations.ts';
import { keyIdOf } from './keys.ts';
import { hasReplayProof } from './proofs.ts';

export type { AnchorRead, VerifyReport };

export interface VerifyDeps {
  events: Collection<EventDocument>;
  checkpoints: Collection<CheckpointDocument>;
  publicKey: KeyObject;
  anchored: AnchorRead;
  /** Expiry is judged against it. */
  now: Date;
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
  checkChain(all, report);
  report.anchor = checkAnchor(all, deps.anchored, report);

  const lower = range.from ? minUlidAt(range.from.getTime()) : '';
  const upper = range.to ? minUlidAt(range.to.getTime()) : '\uffff';
  const explanations = await loadExplanations(deps.events, {
    tenantId,
    publicKey: deps.publicKey,
    now: deps.now,
  });
  const inRange = all.filter((checkpoint) => checkpoint.toId >= lower && checkpoint.fromId < upper);
  report.checkedCheckpoints = inRange.length;
  await walk({ deps, report, explanations, checkpoints: inRange, lower, upper, tenantId });
  report.ok =
    !report.wrongKey &&
    report.invalidCheckpoints.length === 0 &&
    report.missingCheckpoints.length === 0 &&
    report.modified.length === 0 &&
    report.deleted.length === 0 &&
    report.inserted.length === 0 &&
    (report.anchor.status === 'ok' || report.anchor.status === 'not_configured');
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
      // Late only with the writer's proof: `replayedAt` alone is a field anyone can write.
      const late = doc.replayedAt !== undefined && hasReplayProof(doc, deps.publicKey);
      (late ? report.late : report.inserted).push({ id: doc._id, seq: range.seq });
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
    anchor: { status: 'not_configured', unanchored: [], mismatched: [] },
    inserted: [],
    late: [],
    explained: { expired: 0, bulkDeleted: 0 },
    unsealed: { fromId: '', count: 0 },
  };
}
