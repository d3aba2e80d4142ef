import { type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson, contentHash } from './canonical.ts';

/** One sealed event: its id, the hash of its stored document, and its time (for retention). */
export interface CheckpointEntry {
  /** Event id. */
  i: string;
  /** Content hash of the stored document. */
  h: string;
  /** `occurredAt` in ms. */
  t: number;
  /** `expiresAt` in ms, when retention set one: past it, the event may be gone (a TTL index). */
  x?: number;
}

/**
 * A signed checkpoint over one tenant's events with ids in `(fromId, toId]`, chained to the previous
 * checkpoint by `prevHash` (like AWS CloudTrail's digest files).
 */
export interface CheckpointDocument {
  /** `tenantId:seq` (zero-padded), unique: two sealers cannot both write the same checkpoint. */
  _id: string;
  tenantId: string;
  seq: number;
  /** Exclusive lower bound ('' for the first checkpoint). */
  fromId: string;
  /** Inclusive upper bound: the last sealed id. */
  toId: string;
  count: number;
  entries: CheckpointEntry[];
  prevHash: string;
  createdAt: Date;
  keyId: string;
  /** Hash of everything above. */
  hash: string;
  /** Ed25519 signature of `hash`, base64. */
  signature: string;
  /**
   * `false` until the anchor took it (bookkeeping for the retry, not signed: verify compares with
   * the anchor itself). Absent without an anchor and on checkpoints of earlier versions.
   */
  anchored?: boolean;
  /**
   * Set by seals of versions whose writers store `idHour` on every event (bookkeeping, not signed):
   * a later seal reads the ids after this checkpoint hour by hour, without a whole pass first.
   */
  idHours?: true;
}

type Unsigned = Omit<CheckpointDocument, '_id' | 'hash' | 'signature' | 'anchored' | 'idHours'>;

/** The `_id` of a tenant's checkpoint number `seq`. */
export function checkpointId(tenantId: string, seq: number): string {
  return `${tenantId}:${String(seq).padStart(12, '0')}`;
}

/** Hashes and signs a checkpoint. */
export function signCheckpoint(unsigned: Unsigned, privateKey: KeyObject): CheckpointDocument {
  const hash = checkpointHash(unsigned);
  const signature = sign(null, Buffer.from(hash), privateKey).toString('base64');
  return { _id: checkpointId(unsigned.tenantId, unsigned.seq), ...unsigned, hash, signature };
}

/** What is wrong with a checkpoint, if anything: its content hash, or its signature. */
export function checkCheckpoint(
  checkpoint: CheckpointDocument,
  publicKey: KeyObject,
): 'hash' | 'signature' | undefined {
  const { _id, hash, signature, anchored: _anchored, idHours: _idHours, ...unsigned } = checkpoint;
  if (checkpointHash(unsigned) !== hash) return 'hash';
  const ok = verify(null, Buffer.from(hash), publicKey, Buffer.from(signature, 'base64'));
  return ok ? undefined : 'signature';
}

function checkpointHash(unsigned: Unsigned): string {
  const { tenantId, seq, fromId, toId, count, entries, prevHash, createdAt, keyId } = unsigned;
  return contentHash(
    { tenantId, seq, fromId, toId, count, entries, prevHash, createdAt, keyId },
    32,
  );
}

/** The hash of a stored event document, as sealed. */
export function eventHash(doc: object): string {
  return contentHash(doc);
}

export { canonicalJson };
