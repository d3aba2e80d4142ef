import { DataLayerWrites, withActivityContext } from '@activitykit/core';
import { createTestDb } from '@activitykit/test-utils';
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { captureCollection } from '../captureCollection.ts';
import { createCaptureStore } from '../test/fixture.ts';

const testDb = await createTestDb('capture_context');
const { store, events } = await createCaptureStore(testDb);
const plain = testDb.db.collection<{ _id: ObjectId; name: string; team: string }>('staff');
const staff = captureCollection(plain, { type: 'staff', store });
const alice = { id: 'u-1', type: 'user' as const, name: 'Alice Admin', role: 'admin' };

async function seedTeam(team: string, count: number) {
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: new ObjectId(),
    name: `S${i}`,
    team,
  }));
  await plain.insertMany(docs);
  return docs;
}

describe('attribution', () => {
  it('stamps writes inside a request context with its actor, IP, request id and correlation id', async () => {
    const [first, second] = await seedTeam('red', 2);
    const writes = new DataLayerWrites();
    const created = await withActivityContext(
      {
        actor: alice,
        tenantId: 'beta',
        ip: '203.0.113.7',
        userAgent: 'test-agent',
        requestId: 'req-42',
        correlationId: 'corr-42',
        dataLayerWrites: writes,
      },
      async () => {
        await staff.updateMany({ team: 'red' }, { $set: { team: 'blue' } });
        const { insertedId } = await staff.insertOne({
          _id: new ObjectId(),
          name: 'New',
          team: 'blue',
        });
        await staff.deleteOne({ _id: first?._id });
        return insertedId;
      },
    );
    const recorded = await events({ tenantId: 'beta' });
    expect(recorded.map((event) => event.action)).toEqual([
      'staff.updated',
      'staff.updated',
      'staff.bulk_updated',
      'staff.created',
      'staff.deleted',
    ]);
    for (const event of recorded) {
      expect(event.actor).toEqual(alice);
      expect(event.context).toEqual({
        ip: '203.0.113.7',
        userAgent: 'test-agent',
        requestId: 'req-42',
        correlationId: 'corr-42',
      });
    }
    // The route-level capture skips its own event for each record the data layer recorded.
    for (const id of [first?._id, second?._id, created]) {
      expect(writes.has({ type: 'staff', id: String(id) })).toBe(true);
    }
    expect(writes.size).toBe(3);
  });

  it('gives each write its own correlation id in a context that has none, shared by its events', async () => {
    await seedTeam('green', 2);
    await withActivityContext({ actor: alice, tenantId: 'gamma' }, async () => {
      await staff.updateMany({ team: 'green' }, { $set: { team: 'teal' } });
      await staff.updateMany({ team: 'teal' }, { $set: { team: 'lime' } });
    });
    const recorded = await events({ tenantId: 'gamma' });
    expect(recorded).toHaveLength(6);
    const first = new Set(recorded.slice(0, 3).map((event) => event.context.correlationId));
    const second = new Set(recorded.slice(3).map((event) => event.context.correlationId));
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    expect([...first][0]).not.toBe([...second][0]);
    expect(recorded.every((event) => event.actor.id === 'u-1')).toBe(true);
  });

  it('records writes outside any context as the system actor, one correlation id per write', async () => {
    const [one] = await seedTeam('night', 3);
    await staff.updateMany({ team: 'night' }, { $set: { team: 'day' } });
    await staff.updateOne({ _id: one?._id }, { $set: { name: 'Renamed' } });
    const recorded = await events({ 'actor.id': 'system', tenantId: 'acme' });
    expect(recorded).toHaveLength(5);
    for (const event of recorded) {
      expect(event.actor).toEqual({ id: 'system', type: 'system', name: 'System' });
      expect(event.context.ip).toBeUndefined();
      expect(event.context.requestId).toBeUndefined();
    }
    const batch = new Set(recorded.slice(0, 4).map((event) => event.context.correlationId));
    expect(batch.size).toBe(1);
    expect(recorded[4]?.context.correlationId).toEqual(expect.any(String));
    expect(batch.has(recorded[4]?.context.correlationId)).toBe(false);
  });

  it('keeps the write and reports the error when an event cannot be recorded (no tenant)', async () => {
    const { store: noTenant, events: none } = await createCaptureStore(testDb, {
      defaultTenantId: undefined,
    });
    const errors: unknown[] = [];
    const orphan = captureCollection(plain, {
      type: 'staff',
      store: noTenant,
      onError: (error) => errors.push(error),
    });
    const { insertedId } = await orphan.insertOne({ _id: new ObjectId(), name: 'Kept', team: 'x' });
    expect(await plain.findOne({ _id: insertedId })).toMatchObject({ name: 'Kept' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'INVALID_EVENT',
      message: expect.stringMatching(/tenantId/),
    });
    expect(await none()).toEqual([]);
  });
});
