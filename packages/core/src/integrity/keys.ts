import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { ActivityError } from '../errors.ts';

/** An Ed25519 key pair as PEM text, for `activitykit keygen` and tests. */
export interface SealingKeyPair {
  privateKey: string;
  publicKey: string;
  /** A short fingerprint of the public key, stamped on every checkpoint. */
  keyId: string;
}

/**
 * Makes an Ed25519 key pair for sealing checkpoints. Keep the private key with the sealing process
 * (a secret store, a file readable by it only); it never goes into MongoDB. Verifying needs only the
 * public key.
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateSealingKeys();
 * const store = createActivityStore({ uri, integrity: { privateKey } });
 * const report = await store.verify({ tenantId: 'acme' }, { publicKey });
 * ```
 */
export function generateSealingKeys(): SealingKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** The fingerprint of a public key: the first 16 hex digits of the SHA-256 of its DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Reads a PEM private key (or a KeyObject); throws a clear error when it is not Ed25519. */
export function loadPrivateKey(key: string | KeyObject): KeyObject {
  const object = typeof key === 'string' ? parseKey(() => createPrivateKey(key), 'private') : key;
  if (object.asymmetricKeyType !== 'ed25519' || object.type !== 'private') {
    throw new ActivityError(
      'INVALID_KEY',
      'The sealing key must be an Ed25519 private key (activitykit keygen makes one).',
    );
  }
  return object;
}

/** Reads a PEM public key (or a KeyObject, or the private key it belongs to). */
export function loadPublicKey(key: string | KeyObject): KeyObject {
  const object = typeof key === 'string' ? parseKey(() => createPublicKey(key), 'public') : key;
  const publicKey = object.type === 'private' ? createPublicKey(object) : object;
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new ActivityError(
      'INVALID_KEY',
      'The verifying key must be an Ed25519 public key (activitykit keygen makes one).',
    );
  }
  return publicKey;
}

function parseKey(parse: () => KeyObject, kind: string): KeyObject {
  try {
    return parse();
  } catch (error) {
    throw new ActivityError(
      'INVALID_KEY',
      `Could not read the ${kind} key: expected PEM text from activitykit keygen.`,
      {
        cause: error,
      },
    );
  }
}
