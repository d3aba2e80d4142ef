import { randomBytes } from 'node:crypto';

/**
 * A short, readable record id such as `C-7K3F9Q2M`: a prefix and eight random base-32 characters
 * (no shared counters, which FerretDB cannot increment safely from several writers).
 */
export function newId(prefix: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(8);
  let out = `${prefix}-`;
  for (const byte of bytes) out += alphabet[byte % 32];
  return out;
}
