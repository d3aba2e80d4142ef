import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from './test/storeFixture.ts';

const testDb = await createTestDb('restore');
const customers = testDb.db.collection<{ _id: string; name: string; password?: string }>(
  'customers',
);
const admin = { id: 'u-admin', type: 'user' as const, name: 'Ada Admin', role: 'admin' };
const scope = { tenants: ['acme'], canRestore: true };

const { store } = await createTestStore(testDb, {
  defaultTenantId: 'acme',
  restorers: {
    customer: async (snapshot) => {
      await customers.insertOne({ _id: String(snapshot._id), name: String(snapshot.name) });
    },
    order: false,
  },
});

async function deleteCustomer(id: string) {
  return store.record(
    {
      action: 'customer.deleted',
      actor: admin,
      subject: { type: 'customer', id, label: 'Bob Jones' },
      snapshot: { _id: id, name: 'Bob Jones', password: 'hunter2' },
    },
    { durable: true },
  );
}

describe('store.restore', () => {
  it('brings a deleted customer back through the app restorer and records the restore', async () => {
    const deleted = await deleteCustomer('c1');
    const restored = await store.restore(deleted?.id ?? '', scope, { actor: admin });
    expect(await customers.findOne({ _id: 'c1' })).toEqual({ _id: 'c1', name: 'Bob Jones' });
    expect(restored).toMatchObject({
      action: 'customer.restored',
      actor: { id: 'u-admin' },
      metadata: { restoredFrom: deleted?.id },
    });
    expect(restored.refs).toContainEqual(
      expect.objectContaining({ type: 'activity_event', id: deleted?.id }),
    );
    // The snapshot was redacted before it was stored, so the password never comes back.
    expect(deleted?.snapshot?.password).toBe('[redacted]');
  });

  it('refuses a second restore of the same delete, even when two race', async () => {
    const deleted = await deleteCustomer('c2');
    const results = await Promise.allSettled([
      store.restore(deleted?.id ?? '', scope, { actor: admin }),
      store.restore(deleted?.id ?? '', scope, { actor: admin }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'ALREADY_RESTORED' },
    });
    expect(await customers.countDocuments({ _id: 'c2' })).toBe(1);
  });

  it('refuses types marked not restorable, types without a restorer, and non-deletes', async () => {
    const order = await store.record(
      { action: 'order.deleted', subject: { type: 'order', id: 'o1' }, snapshot: { _id: 'o1' } },
      { durable: true },
    );
    await expect(store.restore(order?.id ?? '', scope, { actor: admin })).rejects.toMatchObject({
      code: 'NOT_RESTORABLE',
      message: expect.stringMatching(/order cannot be restored/),
    });
    const invoice = await store.record(
      {
        action: 'invoice.deleted',
        subject: { type: 'invoice', id: 'i1' },
        snapshot: { _id: 'i1' },
      },
      { durable: true },
    );
    await expect(store.restore(invoice?.id ?? '', scope, { actor: admin })).rejects.toMatchObject({
      code: 'NOT_RESTORABLE',
    });
    const update = await store.record(
      { action: 'customer.updated', subject: { type: 'customer', id: 'c1' } },
      { durable: true },
    );
    await expect(store.restore(update?.id ?? '', scope, { actor: admin })).rejects.toMatchObject({
      code: 'NOT_RESTORABLE',
    });
  });

  it('needs the restore privilege and a scope that sees the delete', async () => {
    const deleted = await deleteCustomer('c3');
    await expect(
      store.restore(deleted?.id ?? '', { tenants: ['acme'] }, { actor: admin }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      store.restore(deleted?.id ?? '', { tenants: ['beta'], canRestore: true }, { actor: admin }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('releases the claim when the restorer fails, so the restore can be tried again', async () => {
    const deleted = await deleteCustomer('c4');
    const failing = {
      customer: async () => {
        throw new Error('disk full');
      },
    };
    await expect(
      store.restore(deleted?.id ?? '', scope, { actor: admin, restorers: failing }),
    ).rejects.toMatchObject({ code: 'RESTORE_FAILED' });
    await expect(store.restore(deleted?.id ?? '', scope, { actor: admin })).resolves.toMatchObject({
      action: 'customer.restored',
    });
  });
});
