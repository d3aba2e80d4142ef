import { z } from 'zod';

/**
 * ULIDs: 128-bit, time-sortable ids (48-bit millisecond time + 80 random bits, Crockford base32).
 * Ids made by one generator are strictly increasing, even within one millisecond, so sorting by id
 * keeps the order in which events were recorded.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Makes ULIDs; see {@link createIdGenerator}. */
export type IdGenerator = (now?: number) => string;

/**
 * A ULID generator that is monotonic within its own calls: in one millisecond each id is the previous
 * one plus one in its random part.
 *
 * @example
 * ```ts
 * const nextId = createIdGenerator();
 * nextId() < nextId(); // true
 * ```
 */
export function createIdGenerator(): IdGenerator {
  let lastTime = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return (now = Date.now()) => {
    if (now <= lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = now;
      lastRandom = crypto.getRandomValues(new Uint8Array(10));
    }
    return encodeTime(lastTime) + encodeRandom(lastRandom);
  };
}

/** An event id: a 26-character ULID (the one schema every input of an id uses). */
export const eventIdSchema = z.string().regex(ULID_PATTERN, 'an event id is a 26-character ULID');

/** Whether `value` is a well-formed ULID. */
export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_PATTERN.test(value);
}

/** The millisecond time encoded in a ULID. */
export function ulidTime(id: string): number {
  let time = 0;
  for (const char of id.slice(0, 10)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}

/** The smallest ULID of a millisecond: ids at or after `time` sort at or after it. */
export function minUlidAt(time: number): string {
  return encodeTime(time) + '0'.repeat(16);
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 characters, five bits at a time from the most significant end.
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = bytes.slice();
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] === 255) {
      next[i] = 0;
      continue;
    }
    next[i] = (next[i] ?? 0) + 1;
    return next;
  }
  // 2^80 ids in one millisecond: wrap (never happens in practice).
  return next;
}
