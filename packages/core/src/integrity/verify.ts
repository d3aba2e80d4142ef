import type { KeyObject } from 'node:crypto';
import { type AnchorStatus, minUlidAt, ulidTime, type VerifyReport } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { type AnchorEntry, anchorEntry } from './anchor.ts';
import {
  type CheckpointDocument,
  type CheckpointEntry,
  checkCheckpoint,
  eventHash,
} from './checkpoint.ts';
import { type Explanations, loadExplanations } from './explanations.ts';
import { keyIdOf } from './keys.ts';
import { hasReplayProof } from './proofs.ts';

export type { VerifyReport };

/** What the anchor gave back: its entries for the tenant, or why there are none to compare. */
export type AnchorRead =
  | { entries: AnchorEntry[] }
  | {
      status: Extract<AnchorStatus, 'not_configured' | 'missing' | 'unreadable'>;
      message?: string;
    };

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

/**
 * Gaps in the sequence and broken links. A checkpoint whose own hash is wrong is reported once (as
 * `hash`), and the link after it is not reported again as a broken chain.
 */
function checkChain(all: CheckpointDocument[], report: VerifyReport) {
  const invalid = new Set(report.invalidCheckpoints.map((c) => c.seq));
  let expected = 1;
  let prev: CheckpointDocument | undefined;
  for (const checkpoint of all) {
    for (; expected < checkpoint.seq; expected++)
      report.missingCheckpoints.push({ seq: expected, source: 'chain' });
    const broken = checkpoint.prevHash !== (prev?.hash ?? '') && checkpoint.seq === expected;
    if (broken && !invalid.has(checkpoint.seq) && !(prev && invalid.has(prev.seq))) {
      report.invalidCheckpoints.push({ seq: checkpoint.seq, reason: 'chain' });
      invalid.add(checkpoint.seq);
    }
    prev = checkpoint;
    expected = checkpoint.seq + 1;
  }
  report.invalidCheckpoints.sort((a, b) => a.seq - b.seq);
}

/**
 * Holds the checkpoints to the anchor: every anchored entry must be stored, field for field, and
 * every stored checkpoint anchored. Missing checkpoints it knows of are added to the report.
 */
function checkAnchor(
  all: CheckpointDocument[],
  anchored: AnchorRead,
  report: VerifyReport,
): VerifyReport['anchor'] {
  const verdict: VerifyReport['anchor'] = { status: 'ok', unanchored: [], mismatched: [] };
  if (!('entries' in anchored)) {
    return {
      ...verdict,
      status: anchored.status,
      ...(anchored.message ? { message: anchored.message } : {}),
    };
  }
  const { entries } = anchored;
  if (entries.length === 0 && all.length > 0) {
    return {
      ...verdict,
      status: 'empty',
      message: `The anchor holds no checkpoint of this tenant, while MongoDB holds ${all.length}.`,
      unanchored: all.map((checkpoint) => checkpoint.seq),
    };
  }
  const bySeq = new Map(all.map((checkpoint) => [checkpoint.seq, checkpoint]));
  const anchoredSeqs = new Set<number>();
  for (const entry of entries) {
    if (anchoredSeqs.has(entry.seq)) continue; // a retried write may repeat an entry
    anchoredSeqs.add(entry.seq);
    const stored = bySeq.get(entry.seq);
    if (!stored) {
      const known = report.missingCheckpoints.find((missing) => missing.seq === entry.seq);
      const fromAnchor = {
        seq: entry.seq,
        toId: entry.toId,
        count: entry.count,
        source: 'anchor' as const,
      };
      if (known) Object.assign(known, fromAnchor);
      else report.missingCheckpoints.push(fromAnchor);
      continue;
    }
    const fields = ANCHORED_FIELDS.filter(
      (field) => String(anchorEntry(stored)[field]) !== String(entry[field]),
    );
    if (fields.length > 0) verdict.mismatched.push({ seq: entry.seq, fields: [...fields] });
  }
  report.missingCheckpoints.sort((a, b) => a.seq - b.seq);
  verdict.unanchored = all.filter((c) => !anchoredSeqs.has(c.seq)).map((c) => c.seq);
  const gone = report.missingCheckpoints.filter((missing) => missing.source === 'anchor');
  if (verdict.mismatched.length > 0 || gone.length > 0) {
    const parts = [
      ...verdict.mismatched.map((m) => `checkpoint ${m.seq} differs in ${m.fields.join(', ')}`),
      ...gone.map((m) => `checkpoint ${m.seq} is anchored but gone from MongoDB`),
    ];
    return {
      ...verdict,
      status: 'mismatch',
      message: `The anchor disagrees: ${parts.join('; ')}.`,
    };
  }
  if (verdict.unanchored.length > 0) {
    return {
      ...verdict,
      status: 'behind',
      message: `Checkpoint(s) ${verdict.unanchored.join(', ')} are not in the anchor yet: anchoring failed or was skipped; the next seal retries it.`,
    };
  }
  return verdict;
}

/** The fields of an anchor entry that must equal the stored checkpoint's. */
const ANCHORED_FIELDS = ['toId', 'count', 'hash', 'createdAt'] as const;

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
