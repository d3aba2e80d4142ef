/** The marker that ends a value cut to fit the metadata size cap. */
export const TRUNCATED = '…[truncated]';

/**
 * Keeps metadata under `maxBytes` of JSON: long strings are cut (ending in {@link TRUNCATED}),
 * then, if it is still too big, the whole object becomes `{ truncated: true, preview }`. Never
 * rejects: an oversized value is shortened with a marker, not dropped silently.
 */
export function capMetadata(
  metadata: Record<string, unknown>,
  maxBytes: number,
): Record<string, unknown> {
  if (byteSize(metadata) <= maxBytes) return metadata;
  const maxString = Math.max(32, Math.floor(maxBytes / 8));
  const shortened = cutStrings(metadata, maxString) as Record<string, unknown>;
  if (byteSize(shortened) <= maxBytes) return shortened;
  const json = JSON.stringify(metadata);
  return { truncated: true, preview: `${json.slice(0, Math.max(0, maxBytes - 100))}${TRUNCATED}` };
}

function cutStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string')
    return value.length > max ? `${value.slice(0, max)}${TRUNCATED}` : value;
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, max));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutStrings(v, max)]));
  }
  return value;
}

function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}
