import type { Document } from 'mongodb';
import { asStored } from './asStored.ts';
import { structuredCopy, UNSUPPORTED } from './documentPaths.ts';
import { OPERATORS } from './updateOperators.ts';

/**
 * The document an update made from `before`, evaluated here instead of read back: a replacement,
 * or `$set`, `$unset`, `$inc`, `$mul`, `$min`, `$max`, `$rename`, `$push` / `$addToSet` (a value or
 * `$each`), `$pop` and `$pull` of a plain value, on dotted paths. `undefined` for anything else
 * (pipelines, positional `$` paths, `$currentDate`, BSON numeric types, conditions, an `$unset` of
 * an array element — MongoDB leaves a null there, FerretDB removes it), which the caller reads
 * from the server. Used only with the atomic before image of a single-document write,
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
