import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { captureCollection } from '../captureCollection.ts';
import { createCaptureStore } from '../test/fixture.ts';

interface Thing {
  _id: string | number;
  n: number;
}

const testDb = await createTestDb('capture_mixed_ids');
const { store, events } = await createCaptureStore(testDb);

/** Two documents whose `_id`s read alike: the string '42' and the number 42. */
async function twins(name: string) {
  const plain = testDb.db.collection<Thing>(name);
  await plain.insertMany([
    { _id: '42', n: 1 },
    { _id: 42, n: 2 },
  ]);
  return { plain, captured: captureCollection(plain, { type: name, store }) };
}

describe("_ids of different types that read alike ('42' and 42)", () => {
  it('updateMany changes both documents, as the plain driver does, and records both', async () => {
    const { plain, captured } = await twins('twin_update');
    const result = await captured.updateMany({}, { $inc: { n: 10 } });
    expect(result.modifiedCount).toBe(2);
    expect(await plain.find({}).sort({ n: 1 }).toArray()).toEqual([
      { _id: '42', n: 11 },
      { _id: 42, n: 12 },
    ]);
    const updated = await events({ action: 'twin_update.updated' });
    const afterOf = (changes: (typeof updated)[number]['changes']) => Number(changes?.[0]?.after);
    expect(updated.map((event) => event.changes).sort((a, b) => afterOf(a) - afterOf(b))).toEqual([
      [{ path: 'n', before: 1, after: 11 }],
      [{ path: 'n', before: 2, after: 12 }],
    ]);
  });

  it('deleteMany deletes both documents and records both with their snapshots', async () => {
    const { plain, captured } = await twins('twin_delete');
    expect((await captured.deleteMany({})).deletedCount).toBe(2);
    expect(await plain.countDocuments()).toBe(0);
    const deleted = await events({ action: 'twin_delete.deleted' });
    expect(deleted.map((event) => (event.snapshot as Thing | undefined)?.n).sort()).toEqual([1, 2]);
  });

  it('bulkWrite records the update of each', async () => {
    const { captured } = await twins('twin_bulk');
    await captured.bulkWrite([{ updateMany: { filter: {}, update: { $inc: { n: 10 } } } }]);
    const updated = await events({ action: 'twin_bulk.updated' });
    expect(updated.map((event) => event.changes?.[0]?.after).sort()).toEqual([11, 12]);
  });
});
