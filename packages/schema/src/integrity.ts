/**
 * What tamper evidence reports, the same over the store API, the CLI, REST, tRPC and the React kit:
 * a verify report, and how far a tenant's log is sealed.
 */

/** How the anchor (the copy of every checkpoint kept outside MongoDB) compares with the checkpoints. */
export const ANCHOR_STATUSES = [
  /** Every checkpoint is in the anchor, field for field. */
  'ok',
  /** No anchor is configured to verify against. */
  'not_configured',
  /** The anchor is configured, but it is not there (a missing file). */
  'missing',
  /** The anchor could not be read or parsed. */
  'unreadable',
  /** The anchor holds nothing while checkpoints exist. */
  'empty',
  /** Checkpoints are not in the anchor yet: anchoring failed and is retried by the next seal. */
  'behind',
  /** An anchored checkpoint differs from the stored one, or is gone from MongoDB. */
  'mismatch',
] as const;

/** One of {@link ANCHOR_STATUSES}. */
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

/** A sealed event that verify names, with the checkpoint that sealed (or should have sealed) it. */
export interface VerifyFinding {
  id: string;
  seq: number;
}

/** What `verify` found for one tenant. `ok` is true when nothing below says otherwise. */
export interface VerifyReport {
  tenantId: string;
  ok: boolean;
  /** No checkpoint verifies with the key given: it is not the sealing key. */
  wrongKey: boolean;
  checkedCheckpoints: number;
  checkedEvents: number;
  /** Checkpoints whose content or signature is wrong, or whose chain is broken (each seq once). */
  invalidCheckpoints: { seq: number; reason: 'hash' | 'signature' | 'chain' }[];
  /** Checkpoints known from the chain or the anchor that are gone from MongoDB. */
  missingCheckpoints: { seq: number; toId?: string; count?: number; source: 'chain' | 'anchor' }[];
  /** The anchor's verdict; anything but `ok` and `not_configured` fails verify. */
  anchor: {
    status: AnchorStatus;
    /** What is wrong, in a sentence, when the status is not `ok`. */
    message?: string;
    /** Checkpoints stored in MongoDB that the anchor does not hold yet. */
    unanchored: number[];
    /** Anchored checkpoints that differ from the stored ones, and in which fields. */
    mismatched: { seq: number; fields: string[] }[];
  };
  /** Sealed events whose stored document changed. */
  modified: VerifyFinding[];
  /** Sealed events that are gone, not explained by their own expiry or a signed bulk delete. */
  deleted: (VerifyFinding & { occurredAt: Date })[];
  /** Events in a sealed range that no checkpoint covers and no sealing key vouches for. */
  inserted: VerifyFinding[];
  /**
   * Events in a sealed range stored late from a writer's journal, vouched for by the writer's
   * signature with the sealing key (not tampering; listed so that they can be read).
   */
  late: VerifyFinding[];
  /** Sealed events gone for reasons the log itself proves. */
  explained: { expired: number; bulkDeleted: number };
  /** Events not sealed yet (newer than the last checkpoint). */
  unsealed: { fromId: string; count: number; from?: Date; to?: Date };
}

/** A checkpoint, as the UI shows it. */
export interface CheckpointSummary {
  tenantId: string;
  seq: number;
  /** Exclusive lower bound of the ids it seals ('' for the first). */
  fromId: string;
  /** The last id it seals. */
  toId: string;
  count: number;
  createdAt: Date;
}

/** How far each tenant of the reader's scope is sealed. */
export interface IntegrityStatus {
  /** Whether the server seals at all (a sealing key is configured). */
  sealing: boolean;
  /** Whether the server can verify (a public key is configured). */
  canVerify: boolean;
  tenants: {
    tenantId: string;
    /** The newest checkpoint; absent when nothing is sealed yet. */
    lastCheckpoint?: CheckpointSummary;
    /** Events stored after it, waiting for the next seal. */
    unsealed: number;
  }[];
}

/**
 * Whether an event is covered by its tenant's checkpoints, by id (ids grow with time, and a
 * checkpoint seals every id up to its `toId`).
 *
 * @example
 * ```ts
 * const last = status.tenants.find((t) => t.tenantId === event.tenantId)?.lastCheckpoint;
 * isSealedBy(event, last); // true when event.id <= last.toId
 * ```
 */
export function isSealedBy(
  event: { id: string },
  checkpoint: Pick<CheckpointSummary, 'toId'> | undefined,
): boolean {
  return checkpoint !== undefined && event.id <= checkpoint.toId;
}
