import { diff } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoBulkWriteError, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { captureCollection } from '../captureCollection.ts';
import { createCaptureStore } from '../test/fixture.ts';

interface Booking {
  _id: ObjectId;
  room: string;
  status: string;
  guests: number;
  notes?: { text: string }[];
}

const testDb = await createTestDb('capture_many');
const { store, events } = await createCaptureStore(testDb);

/** A fresh collection per test, plain and captured. */
function bookings(name: string) {
  const plain = testDb.db.collection<Booking>(name);
  return { plain, captured: captureCollection(plain, { type: 'booking', store }) };
}

const bookingsOf = (room: string, count: number): Booking[] =>
  Array.from({ length: count }, (_, i) => ({
    _id: new ObjectId(),
    room,
    status: 'new',
    guests: (i % 4) + 1,
  }));

describe('multi-document writes', () => {
  it('records only the documents an updateMany changed, with the exact changes of each', async () => {
    const { plain, captured } = bookings('mixed');
    const seeded = bookingsOf('loft', 6);
    await plain.insertMany(seeded);
    const before = await plain.find({}).sort({ _id: 1 }).toArray();
    // Guests 1–4: $max to 3 changes only the ones below 3.
    await captured.updateMany(
      { room: 'loft' },
      { $max: { guests: 3 }, $push: { notes: { text: 'checked' } } },
    );
    const after = await plain.find({}).sort({ _id: 1 }).toArray();
    const recorded = await events({
      action: 'booking.updated',
      'subject.id': { $in: seeded.map((b) => b._id.toHexString()) },
    });
    expect(recorded).toHaveLength(6);
    for (const [index, document] of before.entries()) {
      const event = recorded.find((each) => each.subject?.id === document._id.toHexString());
      expect(event?.changes).toEqual(diff(document, after[index]));
    }
    expect(
      recorded.find((event) => event.subject?.id === seeded[0]?._id.toHexString())?.changes,
    ).toEqual([
      { path: 'guests', before: 1, after: 3 },
      { path: 'notes.0.text', after: 'checked' },
    ]);
  });

  it('records nothing for an updateMany or deleteMany that matched nothing', async () => {
    const { plain, captured } = bookings('none');
    await plain.insertMany(bookingsOf('loft', 2));
    const update = await captured.updateMany({ room: 'cellar' }, { $set: { status: 'x' } });
    const same = await captured.updateMany({ room: 'loft' }, { $set: { status: 'new' } });
    const removed = await captured.deleteMany({ room: 'cellar' });
    expect([update.matchedCount, same.modifiedCount, removed.deletedCount]).toEqual([0, 0, 0]);
    expect(same.matchedCount).toBe(2);
    const ids = (await plain.find({}).toArray()).map((b) => b._id.toHexString());
    expect(await events({ 'subject.id': { $in: ids } })).toEqual([]);
    expect(await events({ 'metadata.filter': '{"room":"cellar"}' })).toEqual([]);
  });

  it('records deleteMany with a snapshot per document and a summary', async () => {
    const { plain, captured } = bookings('gone');
    const seeded = bookingsOf('shed', 3);
    await plain.insertMany([...seeded, ...bookingsOf('barn', 1)]);
    expect(await captured.deleteMany({ room: 'shed' })).toEqual({
      acknowledged: true,
      deletedCount: 3,
    });
    expect(await plain.countDocuments({})).toBe(1);
    const deleted = await events({ action: 'booking.deleted', 'metadata.operation': 'deleteMany' });
    expect(
      deleted
        .map((event) => event.snapshot)
        .sort((a, b) => String(a?._id).localeCompare(String(b?._id))),
    ).toEqual([...seeded].sort((a, b) => a._id.toHexString().localeCompare(b._id.toHexString())));
    const [summary] = await events({ action: 'booking.bulk_deleted' });
    expect(summary).toMatchObject({
      kind: 'delete',
      metadata: {
        operation: 'deleteMany',
        count: 3,
        filter: '{"room":"shed"}',
        idsTruncated: false,
      },
    });
    expect(new Set(summary?.metadata?.ids as string[])).toEqual(
      new Set(seeded.map((b) => b._id.toHexString())),
    );
  });

  it('records insertMany per document, and on a duplicate key the ones inserted plus one failure', async () => {
    const { plain, captured } = bookings('inserted');
    const first = bookingsOf('den', 2);
    await captured.insertMany(first);
    const created = await events({ action: 'booking.created', 'metadata.operation': 'insertMany' });
    expect(created.map((event) => event.subject?.id)).toEqual(
      first.map((b) => b._id.toHexString()),
    );
    expect(created[0]?.changes).toEqual(diff(null, await plain.findOne({ _id: first[0]?._id })));

    const [fresh, late] = bookingsOf('den', 2);
    const error = await captured
      .insertMany([fresh as Booking, first[0] as Booking, late as Booking])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    // Ordered: the first went in, the duplicate failed, the last was never tried.
    expect(
      await plain.countDocuments({ _id: { $in: [fresh?._id, late?._id] as ObjectId[] } }),
    ).toBe(1);
    const after = await events({ 'metadata.operation': 'insertMany' });
    expect(after.slice(2).map((event) => [event.action, event.outcome, event.subject?.id])).toEqual(
      [
        ['booking.created', 'success', fresh?._id.toHexString()],
        ['booking.created', 'failure', undefined],
      ],
    );
  });

  it('records bulkWrite as one event per document over the whole write, and summaries', async () => {
    const { plain, captured } = bookings('bulk');
    const [a, b, c, d] = bookingsOf('yard', 4) as [Booking, Booking, Booking, Booking];
    await plain.insertMany([a, b, c, d]);
    const e = { _id: new ObjectId(), room: 'yard', status: 'new', guests: 9 };
    const result = await captured.bulkWrite([
      { insertOne: { document: e } },
      { updateOne: { filter: { _id: e._id }, update: { $set: { status: 'held' } } } },
      { updateOne: { filter: { _id: a._id }, update: { $inc: { guests: 10 } } } },
      {
        updateMany: {
          filter: { _id: { $in: [a._id, b._id] } },
          update: { $set: { status: 'paid' } },
        },
      },
      {
        replaceOne: {
          filter: { guests: c.guests, _id: c._id },
          replacement: { room: 'yard', status: 'moved', guests: 1 },
        },
      },
      { deleteOne: { filter: { _id: d._id } } },
      {
        updateOne: { filter: { room: 'nowhere' }, update: { $set: { status: 'x' } }, upsert: true },
      },
    ]);
    expect(result).toMatchObject({ insertedCount: 1, upsertedCount: 1, deletedCount: 1 });
    const upserted = result.upsertedIds[6] as ObjectId;
    const recorded = await events({ 'metadata.operation': 'bulkWrite' });
    const byId = (id: ObjectId) =>
      recorded.filter((event) => event.subject?.id === id.toHexString());
    expect(byId(e._id).map((event) => [event.action, event.changes])).toEqual([
      ['booking.created', diff(null, await plain.findOne({ _id: e._id }))],
    ]);
    expect(byId(a._id)[0]?.changes).toEqual([
      { path: 'guests', before: a.guests, after: a.guests + 10 },
      { path: 'status', before: 'new', after: 'paid' },
    ]);
    expect(byId(b._id)[0]?.changes).toEqual([{ path: 'status', before: 'new', after: 'paid' }]);
    expect(byId(c._id)[0]?.changes).toEqual([
      ...(c.guests === 1 ? [] : [{ path: 'guests', before: c.guests, after: 1 }]),
      { path: 'status', before: 'new', after: 'moved' },
    ]);
    expect(byId(d._id)[0]).toMatchObject({ action: 'booking.deleted', snapshot: d });
    expect(byId(upserted)[0]).toMatchObject({ action: 'booking.created' });
    const summaries = recorded.filter((event) => !event.subject);
    expect(summaries.map((event) => [event.action, event.metadata?.count])).toEqual([
      ['booking.bulk_updated', 3],
    ]);
  });
});
