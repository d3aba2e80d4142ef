import type { Document } from 'mongodb';

/**
 * A document as the driver stores it: `undefined` fields become `null` (the BSON serializer's
 * default) or are dropped (`ignoreUndefined`), so an insert's changes match what is read back.
 */
export function asStored(document: Document, ignoreUndefined: boolean): Document {
  return walk(document, ignoreUndefined) as Document;
}

function walk(value: unknown, ignoreUndefined: boolean): unknown {
  if (Array.isArray(value))
    return value.map((item) => (item === undefined ? null : walk(item, ignoreUndefined)));
  if (!isPlain(value)) return value;
  const out: Document = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) {
      if (!ignoreUndefined) out[key] = null;
    } else if (typeof item !== 'function') {
      out[key] = walk(item, ignoreUndefined);
    }
  }
  return out;
}

function isPlain(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
