/**
 * Proofs an attacker without the sealing key cannot make: the writer signs an event it stores late
 * from its journal, and the store signs its own records of deletions (bulk deletes, retention
 * sweeps) when it makes them. Verify accepts a late event or an explanation only with a proof that
 * checks with the public key; a field anyone with database access can write (`replayedAt`, an
 * unsigned `activity.bulk_deleted` record) never makes an insertion or a deletion benign.
 */
import { type KeyObject, sign, verify } from 'node:crypto';
import type { ActivityEventInput } from '@activitykit/schema';
import { BSON } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { canonicalJson } from './canonical.ts';
import { eventHash } from './checkpoint.ts';

/** What a proof vouches for; the prefix keeps a proof of one kind from passing as another. */
const REPLAY = 'activitykit/replay\n';
const EXPLANATION = 'activitykit/explanation\n';

const signText = (text: string, key: KeyObject) =>
  sign(null, Buffer.from(text), key).toString('base64');
const checkText = (text: string, proof: unknown, key: KeyObject) =>
  typeof proof === 'string' && verify(null, Buffer.from(text), key, Buffer.from(proof, 'base64'));

/** The document's hash without its proof (the proof is added after hashing). */
const replayText = (doc: EventDocument) => {
  const { replayProof: _proof, ...rest } = doc;
  return `${REPLAY}${eventHash(rest)}`;
};

/**
 * A journaled event as the writer stores it late: `replayedAt`, and with a sealing key the proof
 * that this writer (not someone with database access) stored it.
 *
 * @example
 * ```ts
 * const doc = replayedDocument(journaled, { replayedAt: new Date(), privateKey });
 * ```
 */
export function replayedDocument(
  doc: EventDocument,
  options: { replayedAt: Date; privateKey: KeyObject | undefined },
): EventDocument {
  const replayed = { ...doc, replayedAt: doc.replayedAt ?? options.replayedAt };
  delete replayed.replayProof;
  if (!options.privateKey) return replayed;
  // Signed as MongoDB will hand it back (a journal's EJSON keeps numbers as Int32/Double objects).
  const asStored = BSON.deserialize(BSON.serialize(replayed)) as EventDocument;
  return { ...replayed, replayProof: signText(replayText(asStored), options.privateKey) };
}

/**
 * Whether a stored event carries a valid replay proof for its whole content.
 *
 * @example
 * ```ts
 * if (doc.replayedAt && hasReplayProof(doc, publicKey)) report.late.push(…);
 * ```
 */
export function hasReplayProof(doc: EventDocument, publicKey: KeyObject): boolean {
  return checkText(replayText(doc), doc.replayProof, publicKey);
}

/** What an explanation's proof covers: its tenant, action and metadata (the proof left out). */
function explanationText(record: {
  tenantId?: unknown;
  action?: unknown;
  metadata?: Record<string, unknown> | undefined;
}): string {
  const { proof: _proof, ...metadata } = record.metadata ?? {};
  return `${EXPLANATION}${canonicalJson({ tenantId: record.tenantId, action: record.action, metadata })}`;
}

/**
 * A record of a deletion the store makes itself, signed (`metadata.proof`) when the store holds the
 * sealing key.
 *
 * @example
 * ```ts
 * await store.record(provenExplanation(sweepRecord, privateKey), { durable: true });
 * ```
 */
export function provenExplanation(
  input: ActivityEventInput,
  privateKey: KeyObject | undefined,
): ActivityEventInput {
  if (!privateKey) return input;
  const proof = signText(explanationText(input), privateKey);
  return { ...input, metadata: { ...input.metadata, proof } };
}

/**
 * Whether a stored deletion record was signed by the sealing key when it was made.
 *
 * @example
 * ```ts
 * hasExplanationProof(doc, publicKey); // false for a record inserted through the driver
 * ```
 */
export function hasExplanationProof(
  doc: Pick<EventDocument, 'tenantId' | 'action' | 'metadata'>,
  publicKey: KeyObject,
): boolean {
  return checkText(explanationText(doc), doc.metadata?.proof, publicKey);
}
