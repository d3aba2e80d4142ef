import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, dates as `{"$date":"<ISO>"}`, `undefined` left out. Two
 * documents with the same content always give the same bytes, whatever order their fields came in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return `{"$date":${JSON.stringify(value.toISOString())}}`;
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const maybeHex = value as { toHexString?: () => string };
  if (typeof maybeHex.toHexString === 'function')
    return `{"$oid":${JSON.stringify(maybeHex.toHexString())}}`;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 of a value's canonical JSON, base64url, cut to `bytes` bytes (16 = 128 bits by default). */
export function contentHash(value: unknown, bytes = 16): string {
  return createHash('sha256')
    .update(canonicalJson(value))
    .digest()
    .subarray(0, bytes)
    .toString('base64url');
}
