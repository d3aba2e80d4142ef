import { BSON, type Document, type Filter } from 'mongodb';

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
 * A document's `_id` as a key of the maps and sets that pair before and after images: unlike
 * {@link idKey}, ids of different types stay apart (the string `'42'` and the number `42` are two
 * documents).
 */
export function idMapKey(id: unknown): string {
  return BSON.EJSON.stringify({ id }, { relaxed: false });
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
