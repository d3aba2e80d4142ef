import { DataLayerWrites, withActivityContext } from '@activitykit/core';
import { diff } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoServerError, ObjectId } from 'mongodb';
import mongoose, { Schema } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureStore } from '../test/fixture.ts';
import { activityPlugin } from './index.ts';

const testDb = await createTestDb('capture_mongoose');
const { store, events } = await createCaptureStore(testDb);
const connection = await mongoose
  .createConnection(testDb.uri, { dbName: testDb.db.databaseName })
  .asPromise();
afterAll(() => connection.close());

const customerSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String, unique: true, sparse: true },
  address: { city: String, zip: String },
  tags: [String],
  internalNotes: { type: String, select: false },
  visits: [{ at: Date, room: String }],
});
customerSchema.virtual('shout').get(function () {
  return this.name.toUpperCase();
});
customerSchema.plugin(activityPlugin, {
  type: 'customer',
  store,
  label: (customer) => String(customer.name),
});
const Customer = connection.model('Customer', customerSchema);
await Customer.init();
const raw = testDb.db.collection('customers');

const of = (id: unknown) => ({ 'subject.id': String(id) });
const read = (id: unknown) => raw.findOne({ _id: new ObjectId(String(id)) });

describe('activityPlugin', () => {
  it('records save of a new document with every stored field, no virtuals, select: false hidden', async () => {
    const ann = await Customer.create({
      name: 'Ann',
      address: { city: 'Oslo' },
      tags: ['vip'],
      internalNotes: 'owes us',
    });
    const stored = await read(ann._id);
    const [event] = await events(of(ann._id));
    expect(event).toMatchObject({ action: 'customer.created', subject: { label: 'Ann' } });
    const expected = diff(null, stored).map((change) =>
      change.path === 'internalNotes' ? { path: 'internalNotes', redacted: true } : change,
    );
    expect(event?.changes).toEqual(expected);
    expect(event?.changes?.some((change) => change.path === 'shout')).toBe(false);
    expect(JSON.stringify(event)).not.toContain('owes us');
  });

  it('records save of a changed document with exact changes, and nothing for an unchanged save', async () => {
    const bo = await Customer.create({
      name: 'Bo',
      address: { city: 'Oslo', zip: '1' },
      tags: ['a'],
    });
    const before = await read(bo._id);
    bo.set('address.city', 'Bergen');
    bo.tags.push('b');
    bo.visits.push({ at: new Date('2026-04-01T10:00:00Z'), room: 'hall' });
    await bo.save();
    await bo.save();
    const after = await read(bo._id);
    const recorded = await events(of(bo._id));
    expect(recorded.map((event) => event.action)).toEqual(['customer.created', 'customer.updated']);
    expect(recorded[1]?.changes).toEqual(diff(before, after));
    expect(recorded[1]?.changes).toEqual(
      expect.arrayContaining([
        { path: 'address.city', before: 'Oslo', after: 'Bergen' },
        { path: 'tags.1', after: 'b' },
        { path: '__v', before: 0, after: 1 },
        {
          path: 'visits.0',
          after: { _id: expect.any(String), at: '2026-04-01T10:00:00.000Z', room: 'hall' },
        },
      ]),
    );
  });

  it('records updateOne, replaceOne and findOneAndUpdate with casting, doc.updateOne too', async () => {
    const cy = await Customer.create({ name: 'Cy', address: { city: 'Oslo' } });
    const id = String(cy._id);
    const first = await read(id);
    await Customer.updateOne({ _id: id }, { 'address.city': 'Bergen' });
    const second = await read(id);
    await cy.updateOne({ $addToSet: { tags: 'new' } });
    const third = await read(id);
    // FerretDB has no projection in findAndModify: Mongoose sends one for select: false fields
    // unless they are selected.
    const returned = await Customer.findOneAndUpdate(
      { _id: id },
      { name: 'Cyd' },
      { returnDocument: 'after' },
    ).select('+internalNotes');
    expect(returned?.name).toBe('Cyd');
    const fourth = await read(id);
    await Customer.replaceOne({ _id: id }, { name: 'Cyd R', tags: [] });
    const fifth = await read(id);
    const recorded = (await events(of(id))).slice(1);
    expect(recorded.map((event) => [event.action, event.metadata?.operation])).toEqual([
      ['customer.updated', 'updateOne'],
      ['customer.updated', 'updateOne'],
      ['customer.updated', 'findOneAndUpdate'],
      ['customer.updated', 'replaceOne'],
    ]);
    expect(recorded.map((event) => event.changes)).toEqual([
      diff(first, second),
      diff(second, third),
      diff(third, fourth),
      diff(fourth, fifth),
    ]);
    expect(recorded[0]?.changes).toEqual([
      { path: 'address.city', before: 'Oslo', after: 'Bergen' },
    ]);
  });

  it('records updateMany per document with a summary, and nothing for a write that matched nothing', async () => {
    const docs = await Customer.insertMany([
      { name: 'D1', address: { city: 'Tromsø' } },
      { name: 'D2', address: { city: 'Tromsø' } },
      { name: 'D3', address: { city: 'Bodø' } },
    ]);
    const result = await Customer.updateMany(
      { 'address.city': 'Tromsø' },
      { $set: { tags: ['north'] } },
    );
    expect(result.modifiedCount).toBe(2);
    await Customer.updateMany({ 'address.city': 'Nowhere' }, { $set: { tags: ['x'] } });
    await Customer.updateOne({ _id: docs[2]?._id }, { name: 'D3' });
    const created = await events({
      action: 'customer.created',
      'metadata.operation': 'insertMany',
    });
    expect(created.map((event) => event.subject?.label)).toEqual(['D1', 'D2', 'D3']);
    const updated = await events({ 'metadata.operation': 'updateMany' });
    expect(
      updated.map((event) => [event.action, event.subject?.label ?? event.metadata?.count]),
    ).toEqual([
      ['customer.updated', 'D1'],
      ['customer.updated', 'D2'],
      ['customer.bulk_updated', 2],
    ]);
    expect(updated[0]?.changes).toEqual([{ path: 'tags.0', after: 'north' }]);
    expect(await events(of(docs[2]?._id))).toHaveLength(1);
  });

  it('records deletes with snapshots (select: false hidden): deleteOne, doc.deleteOne, deleteMany, findOneAndDelete', async () => {
    const [e1, e2, e3, e4, e5] = await Customer.insertMany(
      ['E1', 'E2', 'E3', 'E4', 'E5'].map((name) => ({
        name,
        tags: ['gone'],
        internalNotes: `note ${name}`,
      })),
    );
    const snapshotOf = async (id: unknown) => ({
      ...(await read(id)),
      internalNotes: '[redacted]',
    });
    const expected = await Promise.all([e1, e2, e3, e4, e5].map((doc) => snapshotOf(doc?._id)));
    await Customer.deleteOne({ _id: e1?._id });
    await e2?.deleteOne();
    await Customer.findOneAndDelete({ _id: e3?._id }).select('+internalNotes');
    await Customer.deleteMany({ _id: { $in: [e4?._id, e5?._id] } });
    const deleted = await events({ action: 'customer.deleted' });
    expect(deleted.map((event) => [event.subject?.label, event.metadata?.operation])).toEqual([
      ['E1', 'deleteOne'],
      ['E2', 'deleteOne'],
      ['E3', 'findOneAndDelete'],
      ['E4', 'deleteMany'],
      ['E5', 'deleteMany'],
    ]);
    expect(deleted.map((event) => event.snapshot)).toEqual(expected);
    expect(JSON.stringify(deleted)).not.toMatch(/note E/);
    const [summary] = await events({ action: 'customer.bulk_deleted' });
    expect(summary?.metadata).toMatchObject({ operation: 'deleteMany', count: 2 });
  });

  it('records bulkWrite with cast filters, one event per document', async () => {
    const [f1, f2] = await Customer.insertMany([{ name: 'F1' }, { name: 'F2' }]);
    const f3 = new ObjectId();
    await Customer.bulkWrite([
      { insertOne: { document: { _id: f3, name: 'F3' } } },
      { updateOne: { filter: { _id: String(f1?._id) }, update: { name: 'F1b' } } },
      { deleteOne: { filter: { _id: String(f2?._id) } } },
    ]);
    const recorded = await events({ 'metadata.operation': 'bulkWrite' });
    expect(recorded.map((event) => [event.action, event.subject?.id])).toEqual([
      ['customer.updated', String(f1?._id)],
      ['customer.deleted', String(f2?._id)],
      ['customer.created', f3.toHexString()],
    ]);
    expect(recorded[0]?.changes).toEqual([{ path: 'name', before: 'F1', after: 'F1b' }]);
  });

  it('records a failed save once and rethrows the driver error unchanged', async () => {
    await Customer.create({ name: 'G1', email: 'g@x.test' });
    const error = await Customer.create({ name: 'G2', email: 'g@x.test' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    const failures = await events({ outcome: 'failure' });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      action: 'customer.created',
      metadata: { operation: 'save', error: { code: 11000 } },
    });
  });

  it('attributes writes to the request context and notes them for the route-level capture', async () => {
    const writes = new DataLayerWrites();
    const actor = { id: 'u-9', type: 'user' as const, name: 'Hal' };
    const hal = await withActivityContext(
      { actor, requestId: 'req-h', correlationId: 'corr-h', dataLayerWrites: writes },
      async () => {
        const created = await Customer.create({ name: 'H1' });
        await Customer.updateOne({ _id: created._id }, { name: 'H2' });
        return created;
      },
    );
    const recorded = await events(of(hal._id));
    expect(
      recorded.map((event) => [
        event.actor.id,
        event.context.requestId,
        event.context.correlationId,
      ]),
    ).toEqual([
      ['u-9', 'req-h', 'corr-h'],
      ['u-9', 'req-h', 'corr-h'],
    ]);
    expect(writes.has({ type: 'customer', id: String(hal._id) })).toBe(true);
  });
});

it('shows select: false fields that the redaction allows', async () => {
  const schema = new Schema({ name: String, internalNotes: { type: String, select: false } });
  schema.plugin(activityPlugin, { type: 'lead', store, redaction: { allow: ['internalNotes'] } });
  const Lead = connection.model('Lead', schema);
  const lead = await Lead.create({ name: 'Ivy', internalNotes: 'met at fair' });
  const [event] = await events(of(lead._id));
  expect(event?.changes).toContainEqual({ path: 'internalNotes', after: 'met at fair' });
});
