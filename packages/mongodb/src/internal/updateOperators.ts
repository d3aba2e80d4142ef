import {
  type Apply,
  getAt,
  isScalar,
  sameScalar,
  setAt,
  UNSUPPORTED,
  unsetAt,
} from './documentPaths.ts';

/** The update operators {@link applyUpdate} evaluates, by name. */
export const OPERATORS: Record<string, Apply> = {
  $set: (document, path, value) => setAt(document, path, value),
  $setOnInsert: () => undefined,
  $unset: (document, path) => unsetAt(document, path),
  $inc: arithmetic((a, b) => a + b),
  $mul: arithmetic((a, b) => a * b, 0),
  $min: extreme(-1),
  $max: extreme(1),
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
  $push: addToArray(false),
  $addToSet: addToArray(true),
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

/** `$inc` / `$mul`: `missing` is what a missing field becomes (`$mul` sets 0). */
function arithmetic(op: (a: number, b: number) => number, missing?: number): Apply {
  return (document, path, value) => {
    if (typeof value !== 'number') return UNSUPPORTED;
    const found = getAt(document, path);
    if (found === UNSUPPORTED) return UNSUPPORTED;
    if (!found.exists) return setAt(document, path, missing ?? value);
    if (typeof found.value !== 'number') return UNSUPPORTED;
    return setAt(document, path, op(found.value, value));
  };
}

/** `$min` (`sign` -1) / `$max` (1) of numbers, strings or dates. */
function extreme(sign: 1 | -1): Apply {
  return (document, path, value) => {
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
  };
}

/** `$push` / `$addToSet` (`unique`) of a value or of `$each`. */
function addToArray(unique: boolean): Apply {
  return (document, path, value) => {
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
  };
}
