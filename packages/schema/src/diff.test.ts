import { describe, expect, it } from 'vitest';
import { diff, MORE_CHANGES_PATH, ROOT_PATH } from './diff.ts';

const objectId = (hex: string) => ({ _bsontype: 'ObjectId', toHexString: () => hex });

describe('diff', () => {
  it('gives dotted paths for nested fields', () => {
    expect(
      diff(
        { name: 'Ann', address: { city: 'Oslo', zip: '0150' } },
        { name: 'Ann', address: { city: 'Bergen', zip: '0150' } },
      ),
    ).toEqual([{ path: 'address.city', before: 'Oslo', after: 'Bergen' }]);
  });

  it('returns nothing for equal values', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(
      diff(
        { at, id: objectId('aa'), tags: ['x'], n: Number.NaN },
        { at: new Date(at.getTime()), id: objectId('aa'), tags: ['x'], n: Number.NaN },
      ),
    ).toEqual([]);
  });

  it('walks arrays by index and gives added or removed elements whole', () => {
    expect(
      diff(
        {
          items: [
            { sku: 'a', qty: 1 },
            { sku: 'b', qty: 2 },
          ],
        },
        {
          items: [
            { sku: 'a', qty: 3 },
            { sku: 'b', qty: 2 },
            { sku: 'c', qty: 1 },
          ],
        },
      ),
    ).toEqual([
      { path: 'items.0.qty', before: 1, after: 3 },
      { path: 'items.2', after: { sku: 'c', qty: 1 } },
    ]);
    expect(diff({ tags: ['a', 'b', 'c'] }, { tags: ['a'] })).toEqual([
      { path: 'tags.1', before: 'b' },
      { path: 'tags.2', before: 'c' },
    ]);
  });

  it('emits Dates as ISO strings and ObjectIds as hex strings', () => {
    expect(
      diff(
        { at: new Date('2026-01-01T00:00:00Z'), owner: objectId('65f1a2b3c4d5e6f708192a3b') },
        { at: new Date('2026-01-02T00:00:00Z'), owner: objectId('65f1a2b3c4d5e6f708192a3c') },
      ),
    ).toEqual([
      { path: 'at', before: '2026-01-01T00:00:00.000Z', after: '2026-01-02T00:00:00.000Z' },
      {
        path: 'owner',
        before: '65f1a2b3c4d5e6f708192a3b',
        after: '65f1a2b3c4d5e6f708192a3c',
      },
    ]);
  });

  it('treats undefined as missing but null as a value', () => {
    expect(diff({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diff({ a: 1 }, { a: 1, b: undefined })).toEqual([]);
    expect(diff({ note: 'x' }, { note: null })).toEqual([
      { path: 'note', before: 'x', after: null },
    ]);
    expect(diff({ note: 'x' }, {})).toEqual([{ path: 'note', before: 'x' }]);
  });

  it('lists every leaf of a created record, and of a deleted one', () => {
    const record = { name: 'Ann', address: { city: 'Oslo' }, tags: ['vip'], extra: {} };
    expect(diff(null, record)).toEqual([
      { path: 'address.city', after: 'Oslo' },
      { path: 'extra', after: {} },
      { path: 'name', after: 'Ann' },
      { path: 'tags.0', after: 'vip' },
    ]);
    expect(diff(record, undefined)).toEqual([
      { path: 'address.city', before: 'Oslo' },
      { path: 'extra', before: {} },
      { path: 'name', before: 'Ann' },
      { path: 'tags.0', before: 'vip' },
    ]);
  });

  it('gives a change of type as one change with both values whole', () => {
    expect(diff({ phone: { home: '1' } }, { phone: '1' })).toEqual([
      { path: 'phone', before: { home: '1' }, after: '1' },
    ]);
    expect(diff({ v: [1] }, { v: { 0: 1 } })).toEqual([
      { path: 'v', before: [1], after: { 0: 1 } },
    ]);
  });

  it('uses the root path for values that are not objects', () => {
    expect(diff(1, 2)).toEqual([{ path: ROOT_PATH, before: 1, after: 2 }]);
  });

  it('sorts paths with numbers in numeric order', () => {
    const before = { list: Array.from({ length: 12 }, (_, i) => i) };
    const after = { list: before.list.map((n) => n + 1), a: 1 };
    expect(diff(before, after).map((change) => change.path)).toEqual([
      'a',
      ...Array.from({ length: 12 }, (_, i) => `list.${i}`),
    ]);
  });

  it('caps the number of changes and says how many were left out', () => {
    const before = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i + 1]));
    const changes = diff(before, after, { maxChanges: 4 });
    expect(changes).toHaveLength(4);
    expect(changes.slice(0, 3).map((change) => change.path)).toEqual(['f0', 'f1', 'f2']);
    expect(changes[3]).toEqual({ path: MORE_CHANGES_PATH, after: 7 });
    expect(diff(before, after)).toHaveLength(10);
  });

  it('survives cycles', () => {
    const before: Record<string, unknown> = { name: 'a' };
    before.self = before;
    const after: Record<string, unknown> = { name: 'b' };
    after.self = after;
    expect(diff(before, after)).toEqual([{ path: 'name', before: 'a', after: 'b' }]);
  });

  it('compares Maps by key and class instances by their fields', () => {
    class Point {
      readonly x: number;
      readonly y: number;
      constructor(x: number, y: number) {
        this.x = x;
        this.y = y;
      }
    }
    expect(
      diff(
        { at: new Point(1, 2), m: new Map([['k', 1]]) },
        { at: new Point(1, 3), m: new Map([['k', 2]]) },
      ),
    ).toEqual([
      { path: 'at.y', before: 2, after: 3 },
      { path: 'm.k', before: 1, after: 2 },
    ]);
  });
});
