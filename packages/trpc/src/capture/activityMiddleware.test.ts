import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { type CaptureApp, createCaptureApp } from '../test/captureApp.ts';
import { clientFor, createTestStore, serve, settle } from '../test/harness.ts';

const testDb = await createTestDb('trpc_capture');
const { store } = await createTestStore(testDb);
const errors: unknown[] = [];
const { url } = await serve(createCaptureApp(store, { onError: (error) => errors.push(error) }));
const staff = clientFor<CaptureApp>(url, 'acme');

/** The newest event with `action`, after everything recorded so far is stored. */
async function latest(action: string): Promise<ActivityEvent | undefined> {
  await settle(store);
  const page = await store.list({ actions: [action], limit: 1 }, { tenants: '*' });
  return page.items[0];
}

describe('activityMiddleware', () => {
  it('records a mutation from meta: action, subject from input and output, refs, description', async () => {
    const updated = await staff.customer.update.mutate({
      id: '42',
      orgId: 'o7',
      email: 'bob@new.test',
    });
    expect(updated.email).toBe('bob@new.test');
    const event = await latest('customer.updated');
    expect(event).toMatchObject({
      tenantId: 'acme',
      kind: 'update',
      outcome: 'success',
      actor: { id: 'acme', type: 'user', name: 'Pat Partner', role: 'partner' },
      subject: { type: 'customer', id: '42', label: 'Bob Jones' },
      description: 'Updated Bob Jones',
      context: { route: 'customer.update', status: 200, ip: '127.0.0.1', method: 'POST' },
    });
    expect(event?.refs.map((ref) => `${ref.type}:${ref.id}`)).toEqual([
      'customer:42',
      'organization:o7',
    ]);
  });

  it('diffs before and after and redacts secrets', async () => {
    const event = await latest('customer.updated');
    const changes = Object.fromEntries((event?.changes ?? []).map((c) => [c.path, c]));
    expect(changes.email).toMatchObject({ before: 'bob@old.test', after: 'bob@new.test' });
    expect(changes.password).toMatchObject({ redacted: true });
    expect(JSON.stringify(event)).not.toContain('hunter2');
  });

  it('keeps the deleted record as a redacted snapshot', async () => {
    await staff.customer.delete.mutate({ id: '43' });
    const event = await latest('customer.deleted');
    expect(event).toMatchObject({
      kind: 'delete',
      subject: { type: 'customer', id: '43' },
      snapshot: { id: '43', name: 'Eve Doe', email: 'eve@acme.test' },
    });
  });

  it('takes the subject id and label from the output of a create', async () => {
    const created = await staff.customer.create.mutate({
      name: 'Ann',
      email: 'a@b.c',
      password: 'pw1',
    });
    const event = await latest('customer.created');
    expect(event).toMatchObject({
      kind: 'create',
      subject: { type: 'customer', id: created.id, label: 'Ann' },
    });
    expect(event?.changes?.find((c) => c.path === 'password')).toMatchObject({ redacted: true });
  });

  it('records a mutation without meta under its path, the subject from the path and input', async () => {
    await staff.customer.rename.mutate({ id: '42', name: 'Robert' });
    const event = await latest('customer.rename');
    expect(event).toMatchObject({ subject: { type: 'customer', id: '42' }, outcome: 'success' });
  });

  it('records queries only when marked as access, and nothing for activity: false', async () => {
    await staff.customer.byId.query({ id: '42' });
    await staff.customer.report.query();
    await staff.customer.silent.mutate();
    await settle(store);
    expect(await latest('customer.byId')).toBeUndefined();
    expect(await latest('customer.silent')).toBeUndefined();
    expect(await latest('report.customers_viewed')).toMatchObject({
      kind: 'access',
      category: 'report',
    });
  });

  it('records a thrown TRPCError as a failure with its HTTP status, and still throws it', async () => {
    await expect(staff.customer.conflict.mutate({ id: '42' })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
    expect(await latest('customer.merged')).toMatchObject({
      outcome: 'failure',
      subject: { type: 'customer', id: '42' },
      context: { status: 409 },
      metadata: { error: { code: 'CONFLICT' } },
    });
    await expect(staff.customer.crash.mutate({ id: '42' })).rejects.toBeInstanceOf(TRPCClientError);
    expect(await latest('customer.crash')).toMatchObject({
      outcome: 'failure',
      context: { status: 500 },
    });
    await expect(staff.customer.update.mutate({ id: 'x', orgId: 'o', email: 'e' })).rejects.toThrow(
      /No such customer/,
    );
    expect(await latest('customer.updated')).toMatchObject({
      outcome: 'failure',
      context: { status: 404 },
    });
  });

  it('leaves out failures of procedures marked failures: false', async () => {
    await expect(staff.customer.quietFailure.mutate()).rejects.toBeInstanceOf(TRPCClientError);
    expect(await latest('customer.quietFailure')).toBeUndefined();
  });

  it('records custom events through ctx.activity and skips the call itself', async () => {
    const { eventId } = await staff.customer.refund.mutate({ id: '7' });
    const event = await latest('order.refunded');
    expect(event).toMatchObject({
      id: eventId,
      tenantId: 'acme',
      actor: { id: 'acme' },
      subject: { type: 'order', id: '7' },
      context: { route: 'customer.refund', ip: '127.0.0.1' },
    });
    expect(await latest('customer.refund')).toBeUndefined();
  });
  it('gives store.record() calls inside the procedure the request actor, tenant and IP', async () => {
    const { eventId } = await staff.customer.notify.mutate({ id: 'inv-1' });
    expect(await latest('invoice.sent')).toMatchObject({
      id: eventId,
      tenantId: 'acme',
      actor: { id: 'acme', role: 'partner' },
      context: { ip: '127.0.0.1' },
    });
    expect(await latest('customer.notify')).toBeUndefined();
  });

  it('had no recording failures in these tests', () => {
    expect(errors).toEqual([]);
  });
});
