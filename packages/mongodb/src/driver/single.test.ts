import { diff } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoServerError, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { captureCollection } from '../captureCollection.ts';
import { createCaptureStore } from '../test/fixture.ts';

interface Customer {
  _id: ObjectId;
  name: string;
  address?: { city: string; zip?: string };
  tags?: string[];
  visits?: { at: Date; by: ObjectId }[];
  manager?: ObjectId;
  seenAt?: Date;
  score?: number;
}

const testDb = await createTestDb('capture_single');
const { store, events } = await createCaptureStore(testDb);
const plain = testDb.db.collection<Customer>('customers');
const customers = captureCollection(plain, {
  type: 'customer',
  store,
  label: (customer) => customer.name,
});

async function seed(fields: Partial<Customer> = {}): Promise<Customer> {
  const customer: Customer = {
    _id: new ObjectId(),
    name: 'Ann Lee',
    address: { city: 'Oslo', zip: '0150' },
    tags: ['vip', 'north'],
    visits: [{ at: new Date('2026-01-02T10:00:00Z'), by: new ObjectId() }],
    manager: new ObjectId(),
    score: 3,
    ...fields,
  };
  await plain.insertOne(customer);
  return customer;
}

const of = (id: ObjectId) => ({ 'subject.id': id.toHexString() });

describe('single-document writes', () => {
  it('records insertOne as created with every field of the stored document', async () => {
    const customer = {
      name: 'Bo Ek',
      address: { city: 'Bergen' },
      signedUpAt: new Date('2026-03-01T00:00:00Z'),
    };
    const { insertedId } = await customers.insertOne(customer as never);
    const stored = await plain.findOne({ _id: insertedId });
    const [event] = await events(of(insertedId));
    expect(event).toMatchObject({
      action: 'customer.created',
      kind: 'create',
      subject: { type: 'customer', id: insertedId.toHexString(), label: 'Bo Ek' },
      actor: { id: 'system', type: 'system' },
    });
    expect(event?.changes).toEqual([
      { path: '_id', after: insertedId.toHexString() },
      { path: 'address.city', after: 'Bergen' },
      { path: 'name', after: 'Bo Ek' },
      { path: 'signedUpAt', after: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(event?.changes).toEqual(diff(null, stored));
  });

  it('records updateOne with exact nested, array, date and ObjectId changes', async () => {
    const customer = await seed();
    const manager = new ObjectId();
    const before = await plain.findOne({ _id: customer._id });
    const result = await customers.updateOne(
      { _id: customer._id },
      {
        $set: { 'address.city': 'Bergen', manager, seenAt: new Date('2026-05-05T05:05:05Z') },
        $push: { tags: 'west' },
        $inc: { score: 2 },
        $unset: { 'address.zip': '' },
      },
    );
    expect(result).toMatchObject({
      acknowledged: true,
      matchedCount: 1,
      modifiedCount: 1,
      upsertedCount: 0,
    });
    const after = await plain.findOne({ _id: customer._id });
    const [event] = await events(of(customer._id));
    expect(event?.action).toBe('customer.updated');
    expect(event?.changes).toEqual([
      { path: 'address.city', before: 'Oslo', after: 'Bergen' },
      { path: 'address.zip', before: '0150' },
      { path: 'manager', before: customer.manager?.toHexString(), after: manager.toHexString() },
      { path: 'score', before: 3, after: 5 },
      { path: 'seenAt', after: '2026-05-05T05:05:05.000Z' },
      { path: 'tags.2', after: 'west' },
    ]);
    expect(event?.changes).toEqual(diff(before, after));
    expect(event?.metadata).toMatchObject({ operation: 'updateOne' });
  });

  it('records a change inside an array of subdocuments by its index', async () => {
    const customer = await seed();
    await customers.updateOne(
      { _id: customer._id },
      { $set: { 'visits.0.at': new Date('2026-02-02T00:00:00Z') } },
    );
    const [event] = await events(of(customer._id));
    expect(event?.changes).toEqual([
      {
        path: 'visits.0.at',
        before: '2026-01-02T10:00:00.000Z',
        after: '2026-02-02T00:00:00.000Z',
      },
    ]);
  });

  it('records nothing for a write that matched nothing or changed nothing', async () => {
    const customer = await seed();
    const missed = await customers.updateOne({ _id: new ObjectId() }, { $set: { name: 'X' } });
    const same = await customers.updateOne({ _id: customer._id }, { $set: { name: 'Ann Lee' } });
    const gone = await customers.deleteOne({ _id: new ObjectId() });
    expect(missed).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(gone.deletedCount).toBe(0);
    expect(await events(of(customer._id))).toEqual([]);
  });

  it('records an upsert that inserted as created and answers its upsertedId', async () => {
    const result = await customers.updateOne(
      { name: 'Upsert Uma' },
      { $set: { score: 1 } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    const id = result.upsertedId as ObjectId;
    expect(await plain.findOne({ _id: id })).toMatchObject({ name: 'Upsert Uma', score: 1 });
    const [event] = await events(of(id));
    expect(event).toMatchObject({ action: 'customer.created', subject: { label: 'Upsert Uma' } });
    expect(event?.changes).toEqual(diff(null, await plain.findOne({ _id: id })));
  });

  it('records replaceOne with the fields removed and added', async () => {
    const customer = await seed();
    await customers.replaceOne({ _id: customer._id }, { name: 'Ann Berg', score: 3 });
    const [event] = await events(of(customer._id));
    expect(event?.changes).toEqual([
      { path: 'address.city', before: 'Oslo' },
      { path: 'address.zip', before: '0150' },
      { path: 'manager', before: customer.manager?.toHexString() },
      { path: 'name', before: 'Ann Lee', after: 'Ann Berg' },
      { path: 'tags.0', before: 'vip' },
      { path: 'tags.1', before: 'north' },
      { path: 'visits.0.at', before: '2026-01-02T10:00:00.000Z' },
      { path: 'visits.0.by', before: customer.visits?.[0]?.by.toHexString() },
    ]);
  });

  it('answers findOneAndUpdate and findOneAndReplace as the driver does, projection included', async () => {
    const customer = await seed();
    const after = await customers.findOneAndUpdate(
      { _id: customer._id },
      { $set: { name: 'Ann Moe' } },
      { returnDocument: 'after', projection: { name: 1, 'address.city': 1 } },
    );
    expect(after).toEqual({ _id: customer._id, name: 'Ann Moe', address: { city: 'Oslo' } });
    const before = await customers.findOneAndReplace(
      { _id: customer._id },
      { name: 'Ann Nes' },
      { returnDocument: 'before', projection: { tags: 0, visits: 0 }, includeResultMetadata: true },
    );
    expect(before).toMatchObject({
      ok: 1,
      value: { _id: customer._id, name: 'Ann Moe', address: customer.address, score: 3 },
      lastErrorObject: { n: 1, updatedExisting: true },
    });
    expect(before.value).not.toHaveProperty('tags');
    const recorded = await events(of(customer._id));
    expect(recorded.map((event) => [event.action, event.metadata?.operation])).toEqual([
      ['customer.updated', 'findOneAndUpdate'],
      ['customer.updated', 'findOneAndReplace'],
    ]);
    expect(recorded[0]?.changes).toEqual([{ path: 'name', before: 'Ann Lee', after: 'Ann Moe' }]);
    expect(recorded[1]?.subject?.label).toBe('Ann Nes');
  });

  it('records deleteOne and findOneAndDelete with the whole document as the snapshot', async () => {
    const first = await seed();
    const second = await seed({ name: 'Cy Dahl' });
    expect(await customers.deleteOne({ _id: first._id })).toEqual({
      acknowledged: true,
      deletedCount: 1,
    });
    expect(
      await customers.findOneAndDelete({ _id: second._id }, { projection: { name: 1 } }),
    ).toEqual({
      _id: second._id,
      name: 'Cy Dahl',
    });
    expect(await plain.countDocuments({ _id: { $in: [first._id, second._id] } })).toBe(0);
    const [deleted] = await events(of(first._id));
    expect(deleted).toMatchObject({
      action: 'customer.deleted',
      kind: 'delete',
      subject: { label: 'Ann Lee' },
    });
    expect(deleted?.snapshot).toEqual(first);
    expect(deleted?.changes).toEqual(diff(first, null));
    const [other] = await events(of(second._id));
    expect(other?.snapshot).toEqual(second);
  });

  it('records a failed write once, as a failure, and rethrows the driver error unchanged', async () => {
    const customer = await seed();
    const error = await customers
      .insertOne({ _id: customer._id, name: 'Dup' })
      .catch((caught: unknown) => caught);
    const plainError = await plain
      .insertOne({ _id: customer._id, name: 'Dup' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect(Object.getPrototypeOf(error)).toBe(Object.getPrototypeOf(plainError));
    const recorded = await events(of(customer._id));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: 'customer.created',
      outcome: 'failure',
      metadata: { operation: 'insertOne', error: { name: 'MongoServerError', code: 11000 } },
    });
  });

  it('leaves paths listed in ignore out, and records nothing when only they changed', async () => {
    const quiet = captureCollection(plain, {
      type: 'customer',
      store,
      ignore: ['seenAt', 'address.zip'],
    });
    const customer = await seed();
    await quiet.updateOne(
      { _id: customer._id },
      { $set: { seenAt: new Date(), 'address.zip': '9999' } },
    );
    expect(await events(of(customer._id))).toEqual([]);
    await quiet.updateOne({ _id: customer._id }, { $set: { seenAt: new Date(), score: 9 } });
    const [event] = await events(of(customer._id));
    expect(event?.changes).toEqual([{ path: 'score', before: 3, after: 9 }]);
  });

  it('goes straight to the driver for kinds left out of capture, and for reads', async () => {
    const deletesOnly = captureCollection(plain, { type: 'customer', store, capture: ['delete'] });
    const customer = await seed();
    await deletesOnly.updateOne({ _id: customer._id }, { $set: { score: 4 } });
    expect(await deletesOnly.findOne({ _id: customer._id })).toMatchObject({ score: 4 });
    expect(await deletesOnly.countDocuments({ _id: customer._id })).toBe(1);
    expect(deletesOnly.collectionName).toBe('customers');
    await deletesOnly.deleteOne({ _id: customer._id });
    const recorded = await events(of(customer._id));
    expect(recorded.map((event) => event.action)).toEqual(['customer.deleted']);
  });
});
