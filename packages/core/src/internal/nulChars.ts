const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

/**
 * `value` with every NUL character (U+0000) in its strings and plain objects' keys replaced by
 * U+FFFD. PostgreSQL under FerretDB cannot store NUL in text and BSON cannot have it in a key, so
 * one such event would fail its whole batch at every retry. Copies only what it changes: a value
 * without NUL is returned as it is. Dates, ObjectIds and other class instances are left alone.
 */
export function withoutNul<T>(value: T): T {
  return scrub(value) as T;
}

function scrub(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = scrub(value[index]);
      if (item !== value[index]) {
        out ??= value.slice();
        out[index] = item;
      }
    }
    return out ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const source = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const item = scrub(source[key]);
    const name = key.includes(NUL) ? key.replaceAll(NUL, REPLACEMENT) : key;
    if (item === source[key] && name === key) continue;
    out ??= { ...source };
    if (name !== key) delete out[key];
    out[name] = item;
  }
  return out ?? value;
}
