import type { KeyObject } from 'node:crypto';
import { BULK_DELETED } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import type { CheckpointEntry } from './checkpoint.ts';
import { hasExplanationProof } from './proofs.ts';

/** The action the store records after a retention sweep. */
export const RETENTION_SWEPT = 'retention.swept';

/** Why a sealed event may legitimately be gone. */
export interface Explanations {
  explain(entry: CheckpointEntry): 'expired' | 'bulk_deleted' | undefined;
}

/**
 * Why sealed events of a tenant may be gone, from what an attacker with database access cannot
 * make: an event's own expiry, sealed in its checkpoint entry (`x`, so a TTL index may have deleted
 * it once `now` is past it); and the store's records of deletions signed with the sealing key when
 * they were made — bulk deletes (their ids) and retention sweeps (events before their cutoff, a
 * cutoff no later than the sweep itself). Unsigned or forged records explain nothing.
 */
export async function loadExplanations(
  events: Collection<EventDocument>,
  options: { tenantId: string; publicKey: KeyObject; now: Date },
): Promise<Explanations> {
  let sweptBefore = Number.NEGATIVE_INFINITY;
  const bulkDeleted = new Set<string>();
  const reads = [RETENTION_SWEPT, BULK_DELETED].map((action) =>
    // Top-level equality, so FerretDB filters in the database.
    events
      .find(
        { tenantId: options.tenantId, action },
        { projection: { tenantId: 1, action: 1, occurredAt: 1, metadata: 1 } },
      )
      .toArray(),
  );
  for (const doc of (await Promise.all(reads)).flat()) {
    if (!hasExplanationProof(doc, options.publicKey)) continue;
    if (doc.action === RETENTION_SWEPT) {
      const before = Date.parse(String(doc.metadata?.before));
      // A cutoff after the sweep itself would call events expired that were not.
      if (before <= doc.occurredAt.getTime() && before > sweptBefore) sweptBefore = before;
    } else if (Array.isArray(doc.metadata?.ids)) {
      for (const id of doc.metadata.ids) bulkDeleted.add(String(id));
    }
  }
  const now = options.now.getTime();
  return {
    explain(entry) {
      if (bulkDeleted.has(entry.i)) return 'bulk_deleted';
      if (entry.x !== undefined && entry.x <= now) return 'expired';
      if (entry.t < sweptBefore) return 'expired';
      return undefined;
    },
  };
}
