/**
 * The wire form of a viewer token: `akv1.<claims>.<mac>`, base64url without padding, where `mac` is
 * HMAC-SHA256 over `akv1.<claims>` with a key derived from the app's secret. There is no header:
 * the prefix names the one algorithm there is, so a token cannot choose its own (`alg: none`, an
 * RSA/HMAC swap) — anything else is not a token.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { ActivityError } from '../errors.ts';

/** The prefix of every viewer token (format version 1). */
export const TOKEN_PREFIX = 'akv1';

/** Bytes a secret needs at least. */
export const MIN_SECRET_BYTES = 32;

/** A secret as the app gives it: text, or raw bytes. */
export type ViewerTokenSecret = string | Uint8Array;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** The most characters a token may have (a header holds it; claims are capped well below). */
const MAX_TOKEN_LENGTH = 8192;

/**
 * The signing key of a secret: HKDF-SHA256 with the token format as its label, so the same secret
 * used elsewhere (cursor signing, a session cookie) never yields a key valid here. Refuses a
 * missing, short (under 32 bytes) or repetitive (fewer than 8 distinct bytes) secret with
 * `INVALID_KEY`.
 */
export function deriveTokenKey(secret: ViewerTokenSecret | undefined): Buffer {
  const bytes =
    typeof secret === 'string'
      ? Buffer.from(secret, 'utf8')
      : secret instanceof Uint8Array
        ? Buffer.from(secret)
        : undefined;
  if (!bytes || bytes.length < MIN_SECRET_BYTES || new Set(bytes).size < 8) {
    throw new ActivityError(
      'INVALID_KEY',
      `Viewer tokens need a random secret of at least ${MIN_SECRET_BYTES} bytes: pass ` +
        "viewerTokens: { secret } to createActivityStore, e.g. randomBytes(32).toString('base64url').",
    );
  }
  return Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), 'activitykit viewer token v1', 32));
}

/** Signs claims (a JSON-able object) into a token. */
export function signToken(claims: object, key: Buffer): string {
  const body = `${TOKEN_PREFIX}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(body, key)}`;
}

/**
 * The claims of a token whose MAC one of `keys` made, parsed from JSON; `INVALID_TOKEN` for
 * anything else (another format, a flipped bit, another key).
 */
export function openToken(token: unknown, keys: readonly Buffer[]): unknown {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid();
  const parts = token.split('.');
  const [prefix, claims, signature] = parts;
  if (
    parts.length !== 3 ||
    prefix !== TOKEN_PREFIX ||
    !claims ||
    !signature ||
    !BASE64URL.test(claims) ||
    !BASE64URL.test(signature)
  ) {
    throw invalid();
  }
  const given = Buffer.from(signature, 'base64url');
  // A re-encoding of the same bytes (trailing bits) is not the token that was signed.
  if (given.length !== 32 || given.toString('base64url') !== signature) throw invalid();
  const body = `${prefix}.${claims}`;
  const signed = keys.some((key) =>
    timingSafeEqual(Buffer.from(mac(body, key), 'base64url'), given),
  );
  if (!signed) throw invalid();
  try {
    return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalid(error);
  }
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function invalid(cause?: unknown): ActivityError {
  return new ActivityError(
    'INVALID_TOKEN',
    'The viewer token is not valid (malformed, altered or signed with another key): ask the app for a new one.',
    cause === undefined ? undefined : { cause },
  );
}
