import { createTestDb } from '@activitykit/test-utils';
import { type Document, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { applyUpdate } from './applyUpdate.ts';

const testDb = await createTestDb('apply_update');
const collection = testDb.db.collection('docs');

const base = () => ({
  _id: new ObjectId(),
  name: 'Ann',
  n: 2,
  price: 10,
  address: { city: 'Oslo', zip: '0150', geo: { lat: 1 } },
  tags: ['a', 'b', 'c'],
  items: [
    { sku: 'x', qty: 1 },
    { sku: 'y', qty: 2 },
  ],
  at: new Date('2026-01-01T00:00:00Z'),
  owner: new ObjectId(),
  empty: null,
});

const evaluated: [string, Document][] = [
  [
    '$set of nested and new paths',
    { $set: { 'address.city': 'Bergen', 'meta.source.kind': 'web', name: 'Bo' } },
  ],
  [
    '$set of an object, a date and an ObjectId',
    {
      $set: { address: { city: 'X' }, at: new Date('2027-02-02T00:00:00Z'), owner: new ObjectId() },
    },
  ],
  [
    '$set into arrays by index, past the end',
    { $set: { 'items.1.qty': 9, 'tags.5': 'z', 'items.2.sku': 'new' } },
  ],
  ['$unset of fields', { $unset: { name: '', 'address.geo': 1, missing: '' } }],
  [
    '$inc and $mul, present and missing',
    { $inc: { n: 3, 'items.0.qty': -1, fresh: 5 }, $mul: { price: 1.5, other: 4 } },
  ],
  [
    '$min and $max on numbers, strings and dates',
    {
      $min: { n: 1, name: 'Aaa' },
      $max: { price: 5, at: new Date('2030-01-01T00:00:00Z'), newMax: 7 },
    },
  ],
  [
    '$rename',
    { $rename: { name: 'fullName', 'address.zip': 'address.postcode', missing: 'other' } },
  ],
  [
    '$push of a value and of $each',
    { $push: { tags: 'd', newList: { $each: [1, 2] }, items: { sku: 'z', qty: 3 } } },
  ],
  ['$addToSet of present and new values', { $addToSet: { tags: { $each: ['a', 'e', 'e'] } } }],
  ['$pop and $pull', { $pop: { tags: 1, items: -1 }, $pull: { missing: 'x' } }],
  ['$pull of a value', { $pull: { tags: 'b' } }],
  ['$setOnInsert on an existing document', { $setOnInsert: { created: true }, $set: { n: 0 } }],
  [
    'a replacement',
    { name: 'Replaced', list: [1, { a: null }], when: new Date('2026-06-06T00:00:00Z') },
  ],
];

const unsupported: [string, Document | Document[]][] = [
  ['a pipeline', [{ $set: { n: { $add: ['$n', 1] } } }]],
  ['a positional path', { $set: { 'items.$[].qty': 0 } }],
  ['$currentDate', { $currentDate: { at: true } }],
  ['$unset of an array element', { $unset: { 'tags.0': '' } }],
  ['$push with $slice', { $push: { tags: { $each: ['q'], $slice: -2 } } }],
  ['$pull with a condition', { $pull: { items: { qty: { $gt: 1 } } } }],
];

describe('applyUpdate', () => {
  it.each(evaluated)('gives what the server stores for %s', async (_name, update) => {
    const document = base();
    await collection.insertOne(document);
    const replacement = Object.keys(update).every((key) => !key.startsWith('$'));
    const before = replacement
      ? await collection.findOneAndReplace({ _id: document._id }, update, {
          returnDocument: 'before',
        })
      : await collection.findOneAndUpdate({ _id: document._id }, update, {
          returnDocument: 'before',
        });
    const stored = await collection.findOne({ _id: document._id });
    expect(before).not.toBeNull();
    expect(applyUpdate(before as Document, update, { ignoreUndefined: false })).toEqual(stored);
  });

  it.each(unsupported)('leaves %s to a read', (_name, update) => {
    expect(applyUpdate(base(), update, { ignoreUndefined: false })).toBeUndefined();
  });
});
