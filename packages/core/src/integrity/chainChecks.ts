/**
 * Verify's checks of the checkpoints themselves: the chain (gaps and broken links) and the anchor
 * (every anchored checkpoint stored, field for field, and every stored one anchored).
 */
import type { AnchorStatus, VerifyReport } from '@activitykit/schema';
import { type AnchorEntry, anchorEntry } from './anchor.ts';
import type { CheckpointDocument } from './checkpoint.ts';

/** What the anchor gave back: its entries for the tenant, or why there are none to compare. */
export type AnchorRead =
  | { entries: AnchorEntry[] }
  | {
      status: Extract<AnchorStatus, 'not_configured' | 'missing' | 'unreadable'>;
      message?: string;
    };

/**
 * Gaps in the sequence and broken links. A checkpoint whose own hash is wrong is reported once (as
 * `hash`), and the link after it is not reported again as a broken chain.
 */
export function checkChain(all: CheckpointDocument[], report: VerifyReport) {
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
export function checkAnchor(
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
