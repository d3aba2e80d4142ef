import { createPublicKey, type KeyObject } from 'node:crypto';
import { minUlidAt } from '@activitykit/schema';
import { type Collection, MongoServerError } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { DUPLICATE_KEY } from '../writer/classify.ts';
import { anchorEntry, type CheckpointAnchor } from './anchor.ts';
import { type CheckpointDocument, eventHash, signCheckpoint } from './checkpoint.ts';
import { keyIdOf } from './keys.ts';

export interface SealerDeps {
  events: Collection<EventDocument>;
  checkpoints: Collection<CheckpointDocument>;
  privateKey: KeyObject;
  anchor: CheckpointAnchor | undefined;
  /** Events younger than this are left for the next run, so writers on other hosts catch up. */
  delayMs: number;
  maxEntries: number;
  clock: () => Date;
}

/** What one sealing run did. */
export interface SealResult {
  checkpoints: number;
  events: number;
}

/**
 * Seals every tenant's events recorded up to `delayMs` ago into signed, chained checkpoints. Safe to
 * run in several processes at once: a checkpoint's `_id` is unique, so a second sealer of the same
 * range loses the insert and stops for that tenant.
 */
export async function sealOnce(deps: SealerDeps): Promise<SealResult> {
  const result: SealResult = { checkpoints: 0, events: 0 };
  const keyId = keyIdOf(createPublicKey(deps.privateKey));
  const upTo = minUlidAt(deps.clock().getTime() - deps.delayMs);
  const tenants = ((await deps.events.distinct('tenantId')) as string[]).sort();
  for (const tenantId of tenants) {
    const [newest] = await deps.checkpoints.find({ tenantId }).sort({ seq: -1 }).limit(1).toArray();
    let last: Pick<CheckpointDocument, 'seq' | 'toId' | 'hash'> | undefined = newest;
    // One sorted pass over everything due, cut into checkpoints: servers without sort pushdown
    // (FerretDB) read the range once instead of once per checkpoint.
    const cursor = deps.events
      .find({ tenantId, _id: { $gt: last?.toId ?? '', $lt: upTo } })
      .sort({ _id: 1 });
    let batch: EventDocument[] = [];
    const sealBatch = async (): Promise<boolean> => {
      const checkpoint = signCheckpoint(
        {
          tenantId,
          seq: (last?.seq ?? 0) + 1,
          fromId: last?.toId ?? '',
          toId: batch.at(-1)?._id ?? '',
          count: batch.length,
          entries: batch.map((doc) => ({
            i: doc._id,
            h: eventHash(doc),
            t: doc.occurredAt.getTime(),
          })),
          prevHash: last?.hash ?? '',
          createdAt: deps.clock(),
          keyId,
        },
        deps.privateKey,
      );
      try {
        await deps.checkpoints.insertOne(checkpoint);
      } catch (error) {
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false; // another sealer won
        throw error;
      }
      await deps.anchor?.write(anchorEntry(checkpoint));
      result.checkpoints += 1;
      result.events += batch.length;
      last = checkpoint;
      batch = [];
      return true;
    };
    let sealing = true;
    for await (const doc of cursor) {
      batch.push(doc);
      if (batch.length === deps.maxEntries && !(await sealBatch())) {
        sealing = false;
        break;
      }
    }
    await cursor.close();
    if (sealing && batch.length > 0) await sealBatch();
  }
  return result;
}
