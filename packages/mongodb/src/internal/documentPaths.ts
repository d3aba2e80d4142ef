import type { Document } from 'mongodb';

/** A result of an operator that is outside what is evaluated here: read the document instead. */
export const UNSUPPORTED = Symbol('unsupported');

/** Applies one operator's value at one path of a document, in place. */
export type Apply = (
  document: Document,
  path: string[],
  value: unknown,
) => typeof UNSUPPORTED | undefined;

export type Found = { exists: false } | { exists: true; value: unknown };

export function getAt(document: unknown, path: string[]): Found | typeof UNSUPPORTED {
  let current: unknown = document;
  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return UNSUPPORTED;
      if (Number(segment) >= current.length) return { exists: false };
      current = current[Number(segment)];
    } else if (isContainer(current)) {
      if (!(segment in current)) return { exists: false };
      current = (current as Document)[segment];
    } else {
      return current === undefined ? { exists: false } : UNSUPPORTED;
    }
  }
  return { exists: true, value: current };
}

export function setAt(document: Document, path: string[], value: unknown) {
  let current: unknown = document;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return UNSUPPORTED;
      const at = Number(segment);
      while (current.length < at) current.push(null);
      if (last) current[at] = value;
      else if (current[at] === undefined || current[at] === null) {
        if (current[at] === null && at < current.length) return UNSUPPORTED;
        current[at] = {};
      }
      current = current[at];
    } else if (isContainer(current)) {
      const record = current as Document;
      if (last) record[segment] = value;
      else if (!(segment in record)) record[segment] = {};
      current = record[segment];
    } else {
      return UNSUPPORTED;
    }
  }
  return undefined;
}

export function unsetAt(document: Document, path: string[]) {
  const parent = getAt(document, path.slice(0, -1));
  if (parent === UNSUPPORTED) return UNSUPPORTED;
  if (!parent.exists) return undefined;
  const key = path.at(-1) as string;
  const container = parent.value;
  // MongoDB leaves null in an array where an element is unset; FerretDB removes it: read it back.
  if (Array.isArray(container)) return UNSUPPORTED;
  if (isContainer(container)) delete (container as Document)[key];
  return undefined;
}

/** Plain objects walked by paths; Dates and BSON values are leaves. */
export function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  return typeof (value as { _bsontype?: unknown })._bsontype !== 'string';
}

export function isScalar(value: unknown): boolean {
  return (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value) ||
    value instanceof Date ||
    (typeof value === 'object' && (value as { _bsontype?: unknown })._bsontype === 'ObjectId')
  );
}

export function sameScalar(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const hex = (value: unknown) =>
    typeof value === 'object' && value !== null && 'toHexString' in value
      ? (value as { toHexString(): string }).toHexString()
      : undefined;
  if (hex(a) !== undefined || hex(b) !== undefined) return hex(a) === hex(b);
  return a === b;
}

/** A deep copy of plain objects and arrays; Dates, ObjectIds and other values shared. */
export function structuredCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCopy);
  if (!isContainer(value)) return value;
  const out: Document = {};
  for (const [key, item] of Object.entries(value)) out[key] = structuredCopy(item);
  return out;
}
