import type { Collection } from 'mongodb';
import type { StreamLeaseDocument } from './streamDocuments.ts';

/**
 * Takes or renews the lease of a stream for `holder` until `now + leaseMs`: one conditional
 * single-document update (held by `holder`, or expired), or an insert when there is no lease yet
 * (a duplicate key means another process won). FerretDB has no transactions and rewrites whole
 * documents, so the winner is read back: two processes racing for an expired lease both see the
 * one write that stayed, and only its holder delivers.
 */
export async function acquireLease(
  leases: Collection<StreamLeaseDocument>,
  input: { streamId: string; holder: string; now: Date; leaseMs: number },
): Promise<boolean> {
  const { streamId: _id, holder, now } = input;
  const expiresAt = new Date(now.getTime() + input.leaseMs);
  const taken = await leases.findOneAndUpdate(
    { _id, $or: [{ holder }, { expiresAt: { $lte: now } }] },
    { $set: { holder, expiresAt } },
    { returnDocument: 'after' },
  );
  if (!taken) {
    try {
      await leases.insertOne({ _id, holder, expiresAt });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }
  const winner = await leases.findOne({ _id });
  return winner?.holder === holder;
}

/** Gives a lease up (on close), so another process need not wait for it to expire. */
export async function releaseLease(
  leases: Collection<StreamLeaseDocument>,
  input: { streamId: string; holder: string },
): Promise<void> {
  await leases.deleteOne({ _id: input.streamId, holder: input.holder });
}
