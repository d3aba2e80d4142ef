import { BULK_DELETED } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import type { CheckpointEntry } from './checkpoint.ts';

/** The actions the kit records when it deletes events itself. */
export const RETENTION_SWEPT = 'retention.swept';

/** Why a sealed event may legitimately be gone. */
export interface Explanations {
  explain(entry: CheckpointEntry): 'expired' | 'bulk_deleted' | undefined;
}

/**
 * Reads the tenant's own records of deletions: retention sweeps (everything before their cutoff is
 * gone on purpose) and bulk deletes (their ids). Those records are sealed events themselves, so
 * deleting one to cover tracks shows up in `verify` too.
 */
export async function loadExplanations(
  events: Collection<EventDocument>,
  tenantId: string,
): Promise<Explanations> {
  let sweptBefore = Number.NEGATIVE_INFINITY;
  const bulkDeleted = new Set<string>();
  const cursor = events.find(
    { tenantId, action: { $in: [RETENTION_SWEPT, BULK_DELETED] } },
    { projection: { action: 1, metadata: 1 } },
  );
  for await (const doc of cursor) {
    if (doc.action === RETENTION_SWEPT) {
      const before = Date.parse(String(doc.metadata?.before));
      if (before > sweptBefore) sweptBefore = before;
    } else if (Array.isArray(doc.metadata?.ids)) {
      for (const id of doc.metadata.ids) bulkDeleted.add(String(id));
    }
  }
  return {
    explain(entry) {
      if (bulkDeleted.has(entry.i)) return 'bulk_deleted';
      if (entry.t < sweptBefore) return 'expired';
      return undefined;
    },
  };
}
