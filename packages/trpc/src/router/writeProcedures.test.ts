import { generateSealingKeys } from '@activitykit/core';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, key, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';

const keys = generateSealingKeys();
const restored: Record<string, unknown>[] = [];
const testDb = await createTestDb('trpc_write');
const { store } = await createTestStore(testDb, {
  bulkDelete: { enabled: true },
  restorers: { customer: async (snapshot) => void restored.push(snapshot) },
  integrity: { privateKey: keys.privateKey, sealIntervalMs: false, sealDelayMs: 0 },
});
const seeded = await recordAll(store, seedEvents());
const { url } = await serve(createRouterApp(store, { verify: { publicKey: keys.publicKey } }));
const plain = await serve(createRouterApp(store));
const admin = clientFor<RouterApp>(url, 'admin');
const boss = clientFor<RouterApp>(url, 'boss');
const acme = clientFor<RouterApp>(url, 'acme');
const beta = clientFor<RouterApp>(url, 'beta');

const find = (tenantId: string, action: string) =>
  seeded.find((e) => e.tenantId === tenantId && e.action === action) as ActivityEvent;

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: { data?: { code?: string }; message: string }) => e,
  );
  return { code: error?.data?.code, message: error?.message };
}

describe('verify', () => {
  it('verifies a tenant of the scope with the public key', async () => {
    await store.seal();
    const report = await acme.activity.verify.mutate({ tenantId: 'acme' });
    expect(report).toMatchObject({ tenantId: 'acme', ok: true, modified: [], deleted: [] });
    expect(report.checkedEvents).toBeGreaterThanOrEqual(10);
  });

  it("refuses another tenant's log, and says how to set verifying up", async () => {
    expect(await failure(acme.activity.verify.mutate({ tenantId: 'beta' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const unset = clientFor<RouterApp>(plain.url, 'admin');
    expect(await failure(unset.activity.verify.mutate({ tenantId: 'acme' }))).toMatchObject({
      code: 'NOT_IMPLEMENTED',
      message: expect.stringMatching(/publicKey/),
    });
  });
});

describe('restore', () => {
  it('restores a deleted record once, recording who did it', async () => {
    const deleted = find('acme', 'customer.deleted');
    const event = await boss.activity.restore.mutate({ id: deleted.id });
    expect(event).toMatchObject({
      action: 'customer.restored',
      tenantId: 'acme',
      actor: { id: 'boss', role: 'manager' },
      metadata: { restoredFrom: deleted.id },
    });
    expect(restored).toEqual([{ id: '42', name: 'Bob Jones' }]);
    expect(await failure(boss.activity.restore.mutate({ id: deleted.id }))).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses readers without canRestore, non-deletes, and other tenants', async () => {
    const betaDelete = find('beta', 'customer.deleted');
    expect((await failure(acme.activity.restore.mutate({ id: betaDelete.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(boss.activity.restore.mutate({ id: betaDelete.id }))).code).toBe(
      'NOT_FOUND',
    );
    const update = find('acme', 'customer.updated');
    expect(await failure(boss.activity.restore.mutate({ id: update.id }))).toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: expect.stringMatching(/not a delete/),
    });
  });
});

describe('addNote', () => {
  it("adds a note stamped with its author, in the reader's tenant", async () => {
    const note = await acme.activity.addNote.mutate({
      ref: key('customer', '42'),
      body: ' Called back. ',
    });
    expect(note).toMatchObject({
      kind: 'note',
      tenantId: 'acme',
      actor: { id: 'acme', name: 'Pat Partner' },
      subject: { type: 'customer', id: '42' },
      metadata: { note: 'Called back.' },
    });
    const timeline = await acme.activity.timeline.query({ ref: key('customer', '42') });
    expect(timeline.items.map((e) => e.id)).toContain(note.id);
  });

  it("puts an administrator's note in the tenant of the record, or the one named", async () => {
    const note = await admin.activity.addNote.mutate({ ref: key('order', '7'), body: 'Checked.' });
    expect(['acme', 'beta']).toContain(note.tenantId);
    const named = await admin.activity.addNote.mutate({
      ref: key('customer', '42'),
      body: 'For beta.',
      tenantId: 'beta',
    });
    expect(named.tenantId).toBe('beta');
    expect(
      await failure(admin.activity.addNote.mutate({ ref: key('invoice', 'none'), body: 'Where?' })),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/tenantId/) });
  });

  it('refuses an empty body and a tenant outside the scope', async () => {
    expect(
      (await failure(acme.activity.addNote.mutate({ ref: key('customer', '42'), body: '  ' })))
        .code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await failure(
          acme.activity.addNote.mutate({ ref: key('customer', '42'), body: 'x', tenantId: 'beta' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('bulkDelete', () => {
  it('refuses readers without canDelete', async () => {
    const id = find('acme', 'order.created').id;
    expect(await failure(acme.activity.bulkDelete.mutate({ ids: [id] }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/canDelete/),
    });
  });

  it('deletes by ids only within the scope, and records who did it', async () => {
    const mine = find('acme', 'order.created').id;
    const theirs = find('beta', 'order.created').id;
    const result = await boss.activity.bulkDelete.mutate({ ids: [mine, theirs] });
    expect(result).toEqual({ deleted: 1, ids: [mine] });
    expect((await beta.activity.get.query({ id: theirs })).id).toBe(theirs);
    const log = await boss.activity.list.query({ actions: ['activity.bulk_deleted'] });
    expect(log.items[0]).toMatchObject({ actor: { id: 'boss' }, tenantId: 'acme' });
  });

  it('deletes by query within the scope', async () => {
    const result = await boss.activity.bulkDelete.mutate({ query: { kinds: ['login_failed'] } });
    expect(result.deleted).toBe(6);
    expect((await beta.activity.list.query({ kinds: ['login_failed'] })).items).toHaveLength(6);
  });
});
