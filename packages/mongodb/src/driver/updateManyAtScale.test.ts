import { createTestDb } from '@activitykit/test-utils';
import { ObjectId } from 'mongodb';
import { expect, it } from 'vitest';
import { captureCollection } from '../captureCollection.ts';
import { DEFAULT_MAX_SUMMARY_IDS } from '../options.ts';
import { createCaptureStore } from '../test/fixture.ts';

const testDb = await createTestDb('capture_scale');
const { store, events } = await createCaptureStore(testDb);
const plain = testDb.db.collection<{ _id: ObjectId; room: string; status: string }>('bookings');
const captured = captureCollection(plain, { type: 'booking', store });

// On the dev database (FerretDB) a plain updateMany of 5,000 documents alone takes about 9 s on a
// quiet 2-core machine (each document is rewritten one by one); the captured one reads them before
// and after and stores 5,001 events, so this one test gets two minutes.
it('records updateMany over 5,000 documents: one event each and one capped summary', {
  timeout: 120_000,
}, async () => {
  const seeded = Array.from({ length: 5000 }, () => ({
    _id: new ObjectId(),
    room: 'hall',
    status: 'new',
  }));
  await plain.insertMany(seeded);
  await plain.insertOne({ _id: new ObjectId(), room: 'attic', status: 'new' });
  const result = await captured.updateMany({ room: 'hall' }, { $set: { status: 'confirmed' } });
  expect(result).toMatchObject({ matchedCount: 5000, modifiedCount: 5000 });
  expect(await plain.countDocuments({ status: 'confirmed' })).toBe(5000);

  const updated = await events({ action: 'booking.updated' });
  expect(updated).toHaveLength(5000);
  expect(new Set(updated.map((event) => event.subject?.id))).toEqual(
    new Set(seeded.map((booking) => booking._id.toHexString())),
  );
  for (const event of updated) {
    expect(event.changes).toEqual([{ path: 'status', before: 'new', after: 'confirmed' }]);
  }
  const [summary, ...more] = await events({ action: 'booking.bulk_updated' });
  expect(more).toEqual([]);
  expect(summary?.metadata).toEqual({
    operation: 'updateMany',
    count: 5000,
    filter: '{"room":"hall"}',
    ids: updated.slice(0, DEFAULT_MAX_SUMMARY_IDS).map((event) => event.subject?.id),
    idsCap: DEFAULT_MAX_SUMMARY_IDS,
    idsTruncated: true,
  });
  // One user action: every event of the write shares one correlation id.
  const correlations = new Set([...updated, summary].map((event) => event?.context.correlationId));
  expect(correlations.size).toBe(1);
  expect([...correlations][0]).toEqual(expect.any(String));
});
