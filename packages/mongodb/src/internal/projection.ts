import type { Document } from 'mongodb';

/**
 * The top-level fields an update with operators touches (`{ $set: { 'address.city': 'Oslo' } }` →
 * `{ address: 1 }`), as a projection for its before and after images; `undefined` for a
 * replacement or a pipeline, which need the whole document.
 */
export function touchedFields(update: unknown): Document | undefined {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) return undefined;
  const projection: Document = {};
  for (const [operator, fields] of Object.entries(update)) {
    if (!operator.startsWith('$') || typeof fields !== 'object' || fields === null)
      return undefined;
    for (const [path, value] of Object.entries(fields)) {
      projection[topOf(path)] = 1;
      if (operator === '$rename' && typeof value === 'string') projection[topOf(value)] = 1;
    }
  }
  return Object.keys(projection).length === 0 ? undefined : projection;
}

const topOf = (path: string) => path.split('.')[0] ?? path;

/**
 * A document as the caller's projection of a `findOneAnd…` would have returned it: fields named
 * with `1` / `true` kept (and `_id` unless excluded), or those named with `0` / `false` left out.
 * Projection operators (`$slice`, `$elemMatch`, `$meta`) keep their field whole.
 */
export function applyProjection(
  document: Document | null,
  projection: Document | undefined,
): Document | null {
  if (!document || !projection || Object.keys(projection).length === 0) return document;
  const entries = Object.entries(projection);
  const included = entries.filter(([path, value]) => path !== '_id' && isOn(value));
  if (included.length > 0) {
    const out: Document = {};
    if (projection._id === undefined || isOn(projection._id)) out._id = document._id;
    for (const [path] of included) copyPath(document, out, path.split('.'));
    return out;
  }
  const out = structuredCloneShallow(document);
  for (const [path, value] of entries) if (!isOn(value)) deletePath(out, path.split('.'));
  return out;
}

const isOn = (value: unknown) => value !== 0 && value !== false;

function copyPath(from: Document, to: Document, segments: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || !(head in from)) return;
  const value = from[head];
  if (rest.length === 0 || typeof value !== 'object' || value === null) {
    to[head] = value;
    return;
  }
  if (Array.isArray(value)) {
    const target = (Array.isArray(to[head]) ? to[head] : value.map(() => ({}))) as Document[];
    value.forEach((item, index) => {
      if (typeof item === 'object' && item !== null && target[index]) {
        copyPath(item as Document, target[index], rest);
      }
    });
    to[head] = target;
    return;
  }
  to[head] = typeof to[head] === 'object' && to[head] !== null ? to[head] : {};
  copyPath(value as Document, to[head] as Document, rest);
}

function deletePath(document: Document, segments: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || !(head in document)) return;
  if (rest.length === 0) {
    delete document[head];
    return;
  }
  const value = document[head];
  if (Array.isArray(value)) {
    document[head] = value.map((item) => {
      if (typeof item !== 'object' || item === null) return item;
      const copy = structuredCloneShallow(item as Document);
      deletePath(copy, rest);
      return copy;
    });
  } else if (typeof value === 'object' && value !== null) {
    const copy = structuredCloneShallow(value as Document);
    deletePath(copy, rest);
    document[head] = copy;
  }
}

const structuredCloneShallow = (document: Document): Document => ({ ...document });
