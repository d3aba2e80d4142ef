import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ActivityError } from '../errors.ts';

/** A secret as stored: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export type SealedSecret = string;

/**
 * The 32-byte key stream secrets are encrypted with: raw bytes, or 64 hex / 44 base64 characters.
 * Throws `INVALID_KEY` for anything else.
 */
export function parseStreamKey(key: string | Uint8Array): Buffer {
  const bytes =
    typeof key === 'string'
      ? /^[0-9a-f]{64}$/i.test(key)
        ? Buffer.from(key, 'hex')
        : Buffer.from(key, 'base64')
      : Buffer.from(key);
  if (bytes.length !== 32) {
    throw new ActivityError(
      'INVALID_KEY',
      'streams.secretKey must be 32 bytes (64 hex or 44 base64 characters), e.g. from `openssl rand -hex 32`.',
    );
  }
  return bytes;
}

/** Encrypts `plain` with AES-256-GCM under `key`, a fresh 12-byte IV each time. */
export function sealSecret(key: Buffer, plain: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map(encode).join('.');
}

/** Decrypts what {@link sealSecret} made; `INVALID_KEY` when the key is not the one it was sealed with. */
export function openSecret(key: Buffer, sealed: SealedSecret): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) {
    throw new ActivityError('INVALID_KEY', 'A stored stream secret is malformed.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch (error) {
    throw new ActivityError(
      'INVALID_KEY',
      'A stream secret could not be decrypted: streams.secretKey is not the key it was stored with.',
      { cause: error },
    );
  }
}

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
