import type { KeyObject } from 'node:crypto';
import { minUlidAt, ulidTime } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import type { AnchorEntry } from './anchor.ts';
import { type CheckpointDocument, checkCheckpoint, eventHash } from './checkpoint.ts';
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
  for (const checkpoint of all) {
    if (checkpoint.toId < lower || checkpoint.fromId >= upper) continue;
    report.checkedCheckpoints += 1;
    await checkRange(checkpoint, { deps, report, explanations });
  }

  const lastSealed = all.at(-1)?.toId ?? '';
  const unsealedFrom = lastSealed > lower ? lastSealed : lower;
  const unsealed = await deps.events
    .find({ tenantId, _id: { $gt: unsealedFrom, $lt: upper } }, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .toArray();
  const first = unsealed[0]?._id;
  const last = unsealed.at(-1)?._id;
  report.unsealed = {
    fromId: lastSealed,
    count: unsealed.length,
    ...(first && last ? { from: new Date(ulidTime(first)), to: new Date(ulidTime(last)) } : {}),
  };
  report.ok =
    !report.wrongKey &&
    report.invalidCheckpoints.length === 0 &&
    report.missingCheckpoints.length === 0 &&
    report.modified.length === 0 &&
    report.deleted.length === 0 &&
    report.inserted.length === 0;
  return report;
}

async function checkRange(
  checkpoint: CheckpointDocument,
  {
    deps,
    report,
    explanations,
  }: { deps: VerifyDeps; report: VerifyReport; explanations: Explanations },
) {
  const sealed = new Map(checkpoint.entries.map((entry) => [entry.i, entry]));
  const cursor = deps.events
    .find({ tenantId: checkpoint.tenantId, _id: { $gt: checkpoint.fromId, $lte: checkpoint.toId } })
    .sort({ _id: 1 });
  for await (const doc of cursor) {
    report.checkedEvents += 1;
    const entry = sealed.get(doc._id);
    if (!entry) {
      (doc.replayedAt ? report.late : report.inserted).push({ id: doc._id, seq: checkpoint.seq });
      continue;
    }
    sealed.delete(doc._id);
    if (eventHash(doc) !== entry.h) report.modified.push({ id: doc._id, seq: checkpoint.seq });
  }
  for (const entry of sealed.values()) {
    const why = explanations.explain(entry);
    if (why === 'expired') report.explained.expired += 1;
    else if (why === 'bulk_deleted') report.explained.bulkDeleted += 1;
    else report.deleted.push({ id: entry.i, occurredAt: new Date(entry.t), seq: checkpoint.seq });
  }
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
