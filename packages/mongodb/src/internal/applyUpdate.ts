import type { Document } from 'mongodb';
import { asStored } from './asStored.ts';

/** A result of {@link applyUpdate} when the update is outside what it evaluates: read the document instead. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * The document an update made from `before`, evaluated here instead of read back: a replacement,
 * or `$set`, `$unset`, `$inc`, `$mul`, `$min`, `$max`, `$rename`, `$push` / `$addToSet` (a value or
 * `$each`), `$pop` and `$pull` of a plain value, on dotted paths. `undefined` also for an `$unset` of an
 * array element (MongoDB leaves a null there, FerretDB removes it). `undefined` for anything else
 * (pipelines, positional `$` paths, `$currentDate`, BSON numeric types, conditions), which the
 * caller reads from the server. Used only with the atomic before image of a single-document write,
 * so the result is exactly what that write stored.
 */
export function applyUpdate(
  before: Document,
  update: unknown,
  options: { ignoreUndefined: boolean },
): Document | undefined {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) return undefined;
  const entries = Object.entries(update);
  if (entries.length === 0) return undefined;
  if (entries.every(([key]) => !key.startsWith('$'))) {
    return { ...asStored(update as Document, options.ignoreUndefined), _id: before._id };
  }
  const after = structuredCopy(before) as Document;
  for (const [operator, fields] of entries) {
    const apply = OPERATORS[operator];
    if (!apply || typeof fields !== 'object' || fields === null) return undefined;
    for (const [path, raw] of Object.entries(fields)) {
      const segments = path.split('.');
      if (segments.some((segment) => segment.startsWith('$') || segment === '')) return undefined;
      const value =
        raw === undefined ? raw : asStored({ value: raw }, options.ignoreUndefined).value;
      if (apply(after, segments, value) === UNSUPPORTED) return undefined;
    }
  }
  return after;
}

type Apply = (document: Document, path: string[], value: unknown) => typeof UNSUPPORTED | undefined;

const OPERATORS: Record<string, Apply> = {
  $set: (document, path, value) => setAt(document, path, value),
  $setOnInsert: () => undefined,
  $unset: (document, path) => unsetAt(document, path),
  $inc: (document, path, value) => arithmetic(document, path, value, (a, b) => a + b),
  $mul: (document, path, value) => arithmetic(document, path, value, (a, b) => a * b, 0),
  $min: (document, path, value) => extreme(document, path, value, -1),
  $max: (document, path, value) => extreme(document, path, value, 1),
  $rename: (document, path, value) => {
    if (typeof value !== 'string' || value.split('.').some((s) => s.startsWith('$'))) {
      return UNSUPPORTED;
    }
    const found = getAt(document, path);
    if (found === UNSUPPORTED) return UNSUPPORTED;
    if (!found.exists) return undefined;
    const removed = unsetAt(document, path);
    return removed ?? setAt(document, value.split('.'), found.value);
  },
  $push: (document, path, value) => addToArray(document, path, value, false),
  $addToSet: (document, path, value) => addToArray(document, path, value, true),
  $pop: (document, path, value) => {
    const found = getAt(document, path);
    if (found === UNSUPPORTED) return UNSUPPORTED;
    if (!found.exists) return undefined;
    if (!Array.isArray(found.value) || (value !== 1 && value !== -1)) return UNSUPPORTED;
    return setAt(document, path, value === 1 ? found.value.slice(0, -1) : found.value.slice(1));
  },
  $pull: (document, path, value) => {
    if (!isScalar(value)) return UNSUPPORTED;
    const found = getAt(document, path);
    if (found === UNSUPPORTED) return UNSUPPORTED;
    if (!found.exists) return undefined;
    if (!Array.isArray(found.value) || !found.value.every(isScalar)) return UNSUPPORTED;
    return setAt(
      document,
      path,
      found.value.filter((item) => !sameScalar(item, value)),
    );
  },
};

function arithmetic(
  document: Document,
  path: string[],
  value: unknown,
  op: (a: number, b: number) => number,
  missing?: number,
) {
  if (typeof value !== 'number') return UNSUPPORTED;
  const found = getAt(document, path);
  if (found === UNSUPPORTED) return UNSUPPORTED;
  if (!found.exists) return setAt(document, path, missing ?? value);
  if (typeof found.value !== 'number') return UNSUPPORTED;
  return setAt(document, path, op(found.value, value));
}

function extreme(document: Document, path: string[], value: unknown, sign: 1 | -1) {
  const found = getAt(document, path);
  if (found === UNSUPPORTED) return UNSUPPORTED;
  if (!found.exists) return setAt(document, path, value);
  const current = found.value;
  const comparable =
    (typeof current === 'number' && typeof value === 'number') ||
    (typeof current === 'string' && typeof value === 'string') ||
    (current instanceof Date && value instanceof Date);
  if (!comparable) return UNSUPPORTED;
  const a = current instanceof Date ? current.getTime() : (current as number | string);
  const b = value instanceof Date ? value.getTime() : (value as number | string);
  return (sign === 1 ? b > a : b < a) ? setAt(document, path, value) : undefined;
}

function addToArray(document: Document, path: string[], value: unknown, unique: boolean) {
  let items: unknown[] = [value];
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && '$each' in value) {
    const modifiers = Object.keys(value);
    const each = (value as { $each: unknown }).$each;
    if (modifiers.length !== 1 || !Array.isArray(each)) return UNSUPPORTED;
    items = each;
  }
  const found = getAt(document, path);
  if (found === UNSUPPORTED) return UNSUPPORTED;
  const current = found.exists ? found.value : [];
  if (!Array.isArray(current)) return UNSUPPORTED;
  if (!unique) return setAt(document, path, [...current, ...items]);
  if (!items.every(isScalar) || !current.every(isScalar)) return UNSUPPORTED;
  const out = [...current];
  for (const item of items) if (!out.some((each) => sameScalar(each, item))) out.push(item);
  return setAt(document, path, out);
}

type Found = { exists: false } | { exists: true; value: unknown };

function getAt(document: unknown, path: string[]): Found | typeof UNSUPPORTED {
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

function setAt(document: Document, path: string[], value: unknown) {
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

function unsetAt(document: Document, path: string[]) {
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
function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  return typeof (value as { _bsontype?: unknown })._bsontype !== 'string';
}

function isScalar(value: unknown): boolean {
  return (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value) ||
    value instanceof Date ||
    (typeof value === 'object' && (value as { _bsontype?: unknown })._bsontype === 'ObjectId')
  );
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const hex = (value: unknown) =>
    typeof value === 'object' && value !== null && 'toHexString' in value
      ? (value as { toHexString(): string }).toHexString()
      : undefined;
  if (hex(a) !== undefined || hex(b) !== undefined) return hex(a) === hex(b);
  return a === b;
}

/** A deep copy of plain objects and arrays; Dates, ObjectIds and other values shared. */
function structuredCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCopy);
  if (!isContainer(value)) return value;
  const out: Document = {};
  for (const [key, item] of Object.entries(value)) out[key] = structuredCopy(item);
  return out;
}
