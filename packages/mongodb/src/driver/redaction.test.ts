import { createTestDb } from '@activitykit/test-utils';
import { ObjectId } from 'mongodb';
import { expect, it } from 'vitest';
import { captureCollection } from '../captureCollection.ts';
import { createCaptureStore } from '../test/fixture.ts';

interface Account {
  _id: ObjectId;
  name: string;
  auth: { passwordHash: string; apiKey?: string; lastLogin?: Date };
  cards: { last4: string; cvv: string }[];
}

const testDb = await createTestDb('capture_redaction');
const plain = testDb.db.collection<Account>('accounts');
const restored: unknown[] = [];
const { store, events } = await createCaptureStore(testDb, {
  redaction: { deny: ['last4'] },
  restorers: {
    account: async (snapshot) => {
      restored.push(snapshot);
      await plain.insertOne(snapshot as unknown as Account);
    },
  },
});
const accounts = captureCollection(plain, {
  type: 'account',
  store,
  redaction: { deny: ['last4'] },
});
const admin = { id: 'u-admin', type: 'user' as const, name: 'Ada' };

const account = (): Account => ({
  _id: new ObjectId(),
  name: 'Eve',
  auth: { passwordHash: 'hash-1', apiKey: 'key-1', lastLogin: new Date('2026-01-01T00:00:00Z') },
  cards: [{ last4: 'last4-4242', cvv: 'cvv-old' }],
});

it('never stores nested secrets in changes, snapshots or summary filters', async () => {
  const eve = account();
  await accounts.insertOne(eve);
  await accounts.updateOne(
    { _id: eve._id },
    { $set: { 'auth.passwordHash': 'hash-2', 'cards.0.cvv': 'cvv-new', name: 'Eve B' } },
  );
  await accounts.updateMany({ 'auth.apiKey': 'key-1' }, { $set: { 'auth.apiKey': 'key-2' } });
  await accounts.deleteOne({ _id: eve._id });
  const recorded = await events({ 'subject.id': eve._id.toHexString() });
  expect(recorded.map((event) => event.action)).toEqual([
    'account.created',
    'account.updated',
    'account.updated',
    'account.deleted',
  ]);
  const text = JSON.stringify(recorded);
  for (const secret of ['hash-1', 'hash-2', 'key-1', 'key-2', 'cvv-old', 'cvv-new', 'last4-4242']) {
    expect(text).not.toContain(secret);
  }
  expect(recorded[1]?.changes).toEqual([
    { path: 'auth.passwordHash', redacted: true },
    { path: 'cards.0.cvv', redacted: true },
    { path: 'name', before: 'Eve', after: 'Eve B' },
  ]);
  expect(recorded[3]?.snapshot).toMatchObject({
    name: 'Eve B',
    auth: { passwordHash: '[redacted]', apiKey: '[redacted]' },
    cards: [{ last4: '[redacted]', cvv: '[redacted]' }],
  });
  const [summary] = await events({ action: 'account.bulk_updated' });
  expect(summary?.metadata?.filter).toBe('{"auth.apiKey":"[redacted]"}');
});

it('restores a document deleted through the data layer from its snapshot', async () => {
  const eve = account();
  await plain.insertOne(eve);
  await accounts.findOneAndDelete({ _id: eve._id });
  const [deleted] = await events({
    action: 'account.deleted',
    'subject.id': eve._id.toHexString(),
  });
  const event = await store.restore(
    deleted?._id ?? '',
    { tenants: ['acme'], canRestore: true },
    { actor: admin },
  );
  expect(event.action).toBe('account.restored');
  // Back with its own _id (an ObjectId again), dates as dates; the secrets stay redacted.
  expect(await plain.findOne({ _id: eve._id })).toEqual({
    ...eve,
    auth: { passwordHash: '[redacted]', apiKey: '[redacted]', lastLogin: eve.auth.lastLogin },
    cards: [{ last4: '[redacted]', cvv: '[redacted]' }],
  });
});
