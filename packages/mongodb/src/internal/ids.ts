import type { Document, Filter } from 'mongodb';

/** How a document's `_id` is written in events and used as a map key: ObjectIds as hex. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'object' && id !== null) {
    const candidate = id as { toHexString?: () => string; _bsontype?: string };
    if (typeof candidate.toHexString === 'function') return candidate.toHexString();
    if (id instanceof Date) return id.toISOString();
    return JSON.stringify(id);
  }
  return String(id);
}

/**
 * The caller's filter narrowed to the documents whose before images were read, so the write
 * changes no document that the capture has not seen.
 */
export function pinned(filter: Filter<Document>, ids: readonly unknown[]): Filter<Document> {
  const only: Filter<Document> =
    ids.length === 1 ? { _id: ids[0] as never } : { _id: { $in: [...ids] as never[] } };
  return Object.keys(filter).length === 0 ? only : { $and: [filter, only] };
}

/** Splits `items` into arrays of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}
