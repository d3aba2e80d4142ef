import type { Change } from './event.ts';
import { isObjectIdLike, isOpaqueValue, objectIdHex } from './internal/values.ts';

/** The path of the last change of a capped diff; its `after` is how many changes were left out. */
export const MORE_CHANGES_PATH = '…';
/** The path of a change to a value that is not an object (`diff(1, 2)`). */
export const ROOT_PATH = '$';
/** The default of {@link DiffOptions.maxChanges}. */
export const DEFAULT_MAX_CHANGES = 200;

/** Options of {@link diff}. */
export interface DiffOptions {
  /**
   * The most changes returned, the summary included: past it, the first `maxChanges - 1` changes are
   * kept and a last `{ path: '…', after: <number left out> }` says how many more there were.
   * Defaults to `200`.
   */
  maxChanges?: number;
}

type Path = (string | number)[];

/**
 * Field-level changes from `before` to `after`, sorted by path (numbers in numeric order).
 *
 * - Paths are dotted: `address.city`, `items.0.qty`; an element added to or removed from the end of
 *   an array is one change with the whole element (`items.2`).
 * - A created record (`before` null or undefined) gives one change per leaf with only `after`; a
 *   deleted one, one per leaf with only `before`. An empty object or array is a leaf.
 * - `Date`s are compared by time and given as ISO strings; ObjectId-like values (`toHexString()` or
 *   `_bsontype: 'ObjectId'`) as hex strings. A field set to `undefined` counts as missing; `null` is a
 *   value. A change of type (object → string) is one change with both values whole.
 * - Cycles are cut and shown as `'[circular]'`.
 *
 * @example
 * ```ts
 * diff({ name: 'Ann', address: { city: 'Oslo' } }, { name: 'Ann', address: { city: 'Bergen' } });
 * // [{ path: 'address.city', before: 'Oslo', after: 'Bergen' }]
 * diff(null, { name: 'Ann', tags: ['a'] });
 * // [{ path: 'name', after: 'Ann' }, { path: 'tags.0', after: 'a' }]
 * ```
 */
export function diff(before: unknown, after: unknown, options: DiffOptions = {}): Change[] {
  const maxChanges = Math.max(1, Math.floor(options.maxChanges ?? DEFAULT_MAX_CHANGES));
  const found: { path: Path; change: Change }[] = [];
  const emit = (path: Path, from: unknown, to: unknown) => {
    const change: Change = { path: path.length === 0 ? ROOT_PATH : path.join('.') };
    if (from !== undefined) change.before = toPlain(from, new WeakSet());
    if (to !== undefined) change.after = toPlain(to, new WeakSet());
    found.push({ path, change });
  };
  // A missing record is an empty one, so a create or delete lists its fields.
  const root = (value: unknown) => (value === null || value === undefined ? {} : value);
  const rootBefore = before == null && isContainer(after) ? root(before) : before;
  const rootAfter = after == null && isContainer(before) ? root(after) : after;
  compare({
    before: rootBefore,
    after: rootAfter,
    path: [],
    emit,
    ancestors: { before: new Map(), after: new Map() },
  });

  found.sort((a, b) => comparePaths(a.path, b.path));
  const changes = found.map(({ change }) => change);
  if (changes.length <= maxChanges) return changes;
  const kept = changes.slice(0, maxChanges - 1);
  kept.push({ path: MORE_CHANGES_PATH, after: changes.length - kept.length });
  return kept;
}

interface Step {
  before: unknown;
  after: unknown;
  path: Path;
  emit: (path: Path, before: unknown, after: unknown) => void;
  /** Containers on the current path of each side, by depth: a repeat is a cycle. */
  ancestors: { before: Map<object, number>; after: Map<object, number> };
}

function compare(input: Step): void {
  const step = { ...input, before: fromSet(input.before), after: fromSet(input.after) };
  const { before, after, path, emit, ancestors } = step;
  if (before === after) return;
  const left = isContainer(before) ? before : undefined;
  const right = isContainer(after) ? after : undefined;
  const leftCycle = left && ancestors.before.get(left);
  const rightCycle = right && ancestors.after.get(right);
  if (leftCycle !== undefined || rightCycle !== undefined) {
    // Back references: the same cycle on both sides is no change.
    if (leftCycle !== rightCycle) emit(path, before, after);
    return;
  }
  if (!left && !right) {
    if (!sameLeaf(before, after)) emit(path, before, after);
    return;
  }
  const depth = path.length;
  if (left) ancestors.before.set(left, depth);
  if (right) ancestors.after.set(right, depth);
  if (left && right && Array.isArray(left) === Array.isArray(right)) {
    if (Array.isArray(left) && Array.isArray(right)) compareArrays({ ...step, left, right });
    else compareObjects({ ...step, left: entriesOf(left), right: entriesOf(right) });
  } else if (left && after === undefined) {
    // A removed object or array: one change per leaf.
    spread(step, left, 'before');
  } else if (right && before === undefined) {
    spread(step, right, 'after');
  } else {
    emit(path, before, after);
  }
  if (left) ancestors.before.delete(left);
  if (right) ancestors.after.delete(right);
}

function spread(step: Step, container: object, side: 'before' | 'after'): void {
  const entries = Array.isArray(container)
    ? container.map((item, index) => [index, item] as const)
    : [...entriesOf(container)];
  if (entries.length === 0) {
    step.emit(
      step.path,
      side === 'before' ? container : undefined,
      side === 'after' ? container : undefined,
    );
    return;
  }
  for (const [key, value] of entries) {
    const sides =
      side === 'before' ? { before: value, after: undefined } : { before: undefined, after: value };
    compare({ ...step, ...sides, path: [...step.path, key] });
  }
}

function compareArrays(step: Step & { left: unknown[]; right: unknown[] }): void {
  const { left, right, path, emit } = step;
  const shared = Math.min(left.length, right.length);
  for (let index = 0; index < shared; index++) {
    compare({ ...step, before: left[index], after: right[index], path: [...path, index] });
  }
  for (let index = shared; index < left.length; index++)
    emit([...path, index], left[index], undefined);
  for (let index = shared; index < right.length; index++)
    emit([...path, index], undefined, right[index]);
}

function compareObjects(
  step: Step & { left: Map<string, unknown>; right: Map<string, unknown> },
): void {
  const { left, right, path } = step;
  const keys = new Set([...left.keys(), ...right.keys()]);
  for (const key of keys) {
    compare({ ...step, before: left.get(key), after: right.get(key), path: [...path, key] });
  }
}

function fromSet(value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

/** Objects and arrays that are walked field by field (not Dates, ObjectIds, binary…). */
function isContainer(value: unknown): value is object {
  return (
    typeof value === 'object' && value !== null && !(value instanceof Date) && !isOpaqueValue(value)
  );
}

function entriesOf(value: object): Map<string, unknown> {
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [String(key), item]));
  const out = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out.set(key, item);
  return out;
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (isObjectIdLike(a) && isObjectIdLike(b)) return objectIdHex(a) === objectIdHex(b);
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

/** A value as it is stored in a change: Dates as ISO strings, ObjectIds as hex, no `undefined` fields. */
function toPlain(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (isObjectIdLike(value)) return objectIdHex(value);
  if (isOpaqueValue(value)) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value) || value instanceof Set) {
    out = [...value].map((item) => toPlain(item, seen));
  } else {
    const fields: Record<string, unknown> = Object.create(null);
    for (const [key, item] of entriesOf(value)) fields[key] = toPlain(item, seen);
    out = { ...fields };
  }
  seen.delete(value);
  return out;
}

/** Segment by segment; numbers before words and in numeric order. */
function comparePaths(a: Path, b: Path): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a[index] as string | number;
    const y = b[index] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
