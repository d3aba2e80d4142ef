import { createHmac, randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import { ActivityError } from '../errors.ts';
import { isDuplicateKey } from '../writer/classify.ts';

/** The store's meta document that holds its generated cursor key. */
export interface CursorKeyDocument {
  _id: 'cursor_key';
  /** 32 random bytes, base64. */
  key: string;
  createdAt: Date;
}

/** Where a store's cursor key comes from. */
export interface CursorKeyOptions {
  /** The app's `cursorSecret`; without it the key is generated once and kept in `meta`. */
  secret: string | Uint8Array | undefined;
  /** The store's small meta collection (`<collection>_meta`). */
  meta: Collection<CursorKeyDocument>;
}

/** The shortest `cursorSecret` accepted, in characters (or bytes). */
export const MIN_CURSOR_SECRET_LENGTH = 32;
const KEY_ID = 'cursor_key';
/**
 * Every list waits on the key once: an answer that never comes must fail (and be retried on the
 * next list) rather than hold every reader.
 */
const KEY_TIMEOUT_MS = 10_000;

/**
 * The key a store signs its cursors with, the same in every process of a deployment: derived
 * from `secret` when the app gives one, else a random key that the first process stores in the
 * meta collection (an upsert, so processes starting together agree) and every other one reads.
 * It is read once, when the first page is listed; a failure (the database is not up yet) is
 * retried on the next use.
 *
 * @throws {ActivityError} `INVALID_OPTIONS` for a secret shorter than 32 characters.
 */
export function cursorKeySource(options: CursorKeyOptions): () => Promise<Uint8Array> {
  const { secret, meta } = options;
  if (secret !== undefined) {
    const key = deriveKey(secret);
    return () => Promise.resolve(key);
  }
  let loading: Promise<Uint8Array> | undefined;
  const load = () => {
    loading ??= loadStoredKey(meta).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return load;
}

function deriveKey(secret: string | Uint8Array): Uint8Array {
  const valid =
    (typeof secret === 'string' || secret instanceof Uint8Array) &&
    secret.length >= MIN_CURSOR_SECRET_LENGTH;
  if (!valid) {
    throw new ActivityError(
      'INVALID_OPTIONS',
      `cursorSecret must be at least ${MIN_CURSOR_SECRET_LENGTH} characters (or bytes); generate ` +
        'one with `openssl rand -base64 32` and give every API process of the deployment the same.',
    );
  }
  return createHmac('sha256', secret).update('activitykit cursor key v1').digest();
}

async function loadStoredKey(meta: Collection<CursorKeyDocument>): Promise<Uint8Array> {
  const candidate: Omit<CursorKeyDocument, '_id'> = {
    key: randomBytes(32).toString('base64'),
    createdAt: new Date(),
  };
  try {
    await meta.updateOne(
      { _id: KEY_ID },
      { $setOnInsert: candidate },
      { upsert: true, timeoutMS: KEY_TIMEOUT_MS },
    );
  } catch (error) {
    // Two upserts racing on a fresh collection: the loser's insert is a duplicate; read the winner's.
    if (!isDuplicateKey(error)) throw error;
  }
  const stored = await meta.findOne({ _id: KEY_ID }, { timeoutMS: KEY_TIMEOUT_MS });
  const key = typeof stored?.key === 'string' ? Buffer.from(stored.key, 'base64') : undefined;
  if (!key || key.length < 32) {
    throw new ActivityError(
      'INVALID_KEY',
      `The cursor key in ${meta.collectionName} is malformed; delete its "${KEY_ID}" document ` +
        '(cursors handed out so far stop working) or set cursorSecret.',
    );
  }
  return key;
}
