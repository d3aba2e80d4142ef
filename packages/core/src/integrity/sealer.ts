import { createPublicKey, type KeyObject } from 'node:crypto';
import { minUlidAt } from '@activitykit/schema';
import { type Collection, MongoServerError } from 'mongodb';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import type { ServerProfile } from '../query/server.ts';
import { DUPLICATE_KEY } from '../writer/classify.ts';
import { anchorEntry, type CheckpointAnchor } from './anchor.ts';
import {
  type CheckpointDocument,
  type CheckpointEntry,
  eventHash,
  signCheckpoint,
} from './checkpoint.ts';
import { keyIdOf } from './keys.ts';
import {
  type CheckpointHead,
  dueEvents,
  newestCheckpoint,
  type SealerMemory,
} from './sealerReads.ts';

export interface SealerDeps {
  events: Collection<EventDocument>;
  /**
   * The tenants that have events: the counters' month markers (a `distinct` over the events
   * decodes every event on FerretDB, at every seal).
   */
  tenants: () => Promise<string[]>;
  checkpoints: Collection<CheckpointDocument>;
  privateKey: KeyObject;
  anchor: CheckpointAnchor | undefined;
  /** Events younger than this are left for the next run, so writers on other hosts catch up. */
  delayMs: number;
  maxEntries: number;
  clock: () => Date;
  /** Which query shapes the server answers in the database (FerretDB: equality only). */
  profile: () => Promise<ServerProfile>;
  /** What this store's earlier seals know (see `SealerMemory`), kept across runs. */
  memory: SealerMemory;
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
  await anchorPending(deps);
  const keyId = keyIdOf(createPublicKey(deps.privateKey));
  const upTo = minUlidAt(deps.clock().getTime() - deps.delayMs);
  const tenants = [...(await deps.tenants())].sort();
  for (const tenantId of tenants) {
    let last: Pick<CheckpointHead, 'seq' | 'toId' | 'hash' | 'idHours'> | undefined =
      await newestCheckpoint(tenantId, deps);
    // Sorted here: servers without sort pushdown (FerretDB sorts in its own memory, gigabytes for
    // a million events) read the range once. Memory: about 150 bytes per event due, which a sealer
    // running every minute keeps small.
    const due: CheckpointEntry[] = [];
    for await (const doc of dueEvents({ tenantId, after: last, upTo }, deps)) {
      const expires = doc.expiresAt ? { x: doc.expiresAt.getTime() } : {};
      due.push({ i: doc._id, h: eventHash(doc), t: doc.occurredAt.getTime(), ...expires });
    }
    due.sort((a, b) => (a.i < b.i ? -1 : a.i > b.i ? 1 : 0));
    for (let start = 0; start < due.length; start += deps.maxEntries) {
      const entries = due.slice(start, start + deps.maxEntries);
      const checkpoint = signCheckpoint(
        {
          tenantId,
          seq: (last?.seq ?? 0) + 1,
          fromId: last?.toId ?? '',
          toId: entries.at(-1)?.i ?? '',
          count: entries.length,
          entries,
          prevHash: last?.hash ?? '',
          createdAt: deps.clock(),
          keyId,
        },
        deps.privateKey,
      );
      try {
        // `idHours`: this version's writers store `idHour`, which the next seal reads by.
        await deps.checkpoints.insertOne({
          ...checkpoint,
          idHours: true,
          ...(deps.anchor ? { anchored: false } : {}),
        });
      } catch (error) {
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
          deps.memory.heads.delete(tenantId); // another sealer won: read its checkpoints next time
          break;
        }
        throw error;
      }
      result.checkpoints += 1;
      result.events += entries.length;
      last = checkpoint;
      const { seq, fromId, toId, count, createdAt, hash } = checkpoint;
      const head = { tenantId, seq, fromId, toId, count, createdAt, hash, idHours: true as const };
      deps.memory.heads.set(tenantId, head);
      await anchor(deps, checkpoint);
    }
  }
  return result;
}

/**
 * Writes the checkpoints the anchor has not taken yet (a write that failed before), oldest first;
 * throws `ANCHOR_FAILED` at the first that fails again, so sealing does not run ahead of it.
 */
async function anchorPending(deps: SealerDeps): Promise<void> {
  if (!deps.anchor) return;
  const pending = await deps.checkpoints
    .find({ anchored: false }, { projection: { entries: 0 } })
    .toArray();
  pending.sort((a, b) =>
    a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : a.seq - b.seq,
  );
  for (const checkpoint of pending) await anchor(deps, checkpoint);
}

/** Writes one checkpoint to the anchor and notes that it did. */
async function anchor(
  deps: SealerDeps,
  checkpoint: Omit<CheckpointDocument, 'entries'>,
): Promise<void> {
  if (!deps.anchor) return;
  try {
    await deps.anchor.write(anchorEntry(checkpoint));
  } catch (error) {
    throw new ActivityError(
      'ANCHOR_FAILED',
      `Checkpoint ${checkpoint.seq} of tenant ${checkpoint.tenantId} is sealed, but the anchor did not ` +
        `take it (${String(error)}); the next seal() retries it, and verify reports it until then.`,
      { cause: error },
    );
  }
  await deps.checkpoints.updateOne({ _id: checkpoint._id }, { $set: { anchored: true } });
}
