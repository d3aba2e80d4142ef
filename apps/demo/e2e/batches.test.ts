import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookingDoc, CustomerDoc } from '../src/server/domain/model.ts';
import { type DemoFixture, SCREENSHOTS, startDemoFixture } from './demoFixture.ts';
import { callApi, callTrpc, createCustomer } from './pageApi.ts';

// The booking job runs every second here: its changes are the system's, one batch per run.
const demo: DemoFixture = await startDemoFixture('batches', { jobIntervalMs: 1000 });
interface StoredEvent {
  _id: string;
  action: string;
  tenantId: string;
  actor: { id: string; type: string };
  subject?: { id: string };
  changes?: { path: string; before?: unknown; after?: unknown }[];
  metadata?: Record<string, unknown>;
  context: { correlationId?: string; requestId?: string; ip?: string };
}
const events = demo.db.collection<StoredEvent>('activity_events');
const LONG_AGO = new Date(Date.now() - 90 * 86_400_000);
const IDLE = ['C-IDLE-1', 'C-IDLE-2', 'C-IDLE-3'];
let page: Page;

/** The first stored event matching `filter`, once the writer has stored one. */
async function stored(filter: Record<string, unknown>): Promise<StoredEvent> {
  let found: StoredEvent | null = null;
  await expect
    .poll(async () => {
      found = await events.findOne(filter);
      return found !== null;
    })
    .toBe(true);
  return found as unknown as StoredEvent;
}

describe('one action that changes several records', () => {
  beforeAll(async () => {
    // Customers nobody has booked or ordered for in months, put in behind the kit's back.
    await demo.db.collection<CustomerDoc>('customers').insertMany(
      IDLE.map((id, i) => ({
        _id: id,
        tenantId: 'harbor',
        name: `Idle Customer ${i + 1}`,
        email: `idle${i + 1}@example.com`,
        phone: '',
        location: 'harbor-south',
        dependents: [],
        createdAt: LONG_AGO,
        updatedAt: LONG_AGO,
      })),
    );
    // Two bookings waiting for the job to confirm them.
    await demo.db.collection<BookingDoc>('bookings').insertMany(
      ['B-JOB-1', 'B-JOB-2'].map((id) => ({
        _id: id,
        tenantId: 'harbor',
        customerId: 'C-BOOKER',
        customerName: 'Bea Booker',
        location: 'harbor-south',
        resource: 'Party room',
        startsAt: new Date(Date.now() + 7 * 86_400_000),
        durationMin: 60,
        guests: 4,
        status: 'pending',
        createdAt: new Date(),
      })),
    );
    ({ page } = await demo.open('admin@activitykit.dev'));
  });

  it('archive inactive customers: one updateMany, recorded per customer and as a summary', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Idle Customer');
    await page.getByRole('link', { name: 'Idle Customer 1' }).waitFor();
    await page.getByLabel('Inactive customers of').selectOption('harbor');
    await page.getByRole('button', { name: 'Archive inactive customers' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Customers archived' });
    await status.waitFor();
    const archived = Number(/(\d+)/.exec((await status.textContent()) ?? '')?.[1]);
    expect(archived).toBeGreaterThanOrEqual(IDLE.length);
    // Archived customers leave the list.
    await expect.poll(() => page.getByRole('link', { name: 'Idle Customer 1' }).count()).toBe(0);

    const summary = await stored({ action: 'customer.bulk_updated', tenantId: 'harbor' });
    expect(summary).toMatchObject({
      actor: { id: 'U-ADMIN', type: 'user' },
      metadata: { operation: 'updateMany', count: archived },
      context: { ip: '127.0.0.1' },
    });
    const correlationId = summary?.context.correlationId;
    expect(correlationId).toBe(summary?.context.requestId);
    const perCustomer = await events
      .find({ action: 'customer.updated', 'context.correlationId': correlationId })
      .toArray();
    expect(perCustomer).toHaveLength(archived);
    expect(perCustomer.map((event) => event.subject?.id)).toEqual(expect.arrayContaining(IDLE));
    for (const event of perCustomer) {
      expect(event).toMatchObject({ tenantId: 'harbor', actor: { id: 'U-ADMIN' } });
      expect(event.changes).toEqual([{ path: 'archived', after: true }]);
    }
    // The route names no record: nothing of its own besides the data layer's events.
    expect(await events.countDocuments({ 'context.correlationId': correlationId })).toBe(
      archived + 1,
    );
  });

  it('shows the action as one batch in the activity log, which opens to its records', async () => {
    await page.goto('/activity?q=actor:"Ada Admin"');
    const batch = page.locator('tr.ak-log-batch', { hasText: 'Ada Admin' }).first();
    await batch.waitFor();
    const count = Number(/(\d+) records/.exec((await batch.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(IDLE.length);
    await batch.getByRole('button', { name: `Show the ${count} records of this action` }).click();
    // Its records follow it (as many as fit: the list is virtual).
    await expect.poll(() => page.locator('tr[data-batch]').count()).toBeGreaterThan(3);
    expect(await page.locator('tr[data-batch]').nth(1).textContent()).toContain('customer.updated');
    await page.screenshot({ path: `${SCREENSHOTS}activity-batch.png` });
    // Keyboard: ← closes it again.
    await batch.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('tr[data-batch]').count()).toBe(0);
  });

  it('records each write once: the data layer’s event, not the route’s, over REST and tRPC', async () => {
    const id = await createCustomer(page, 'Once Only');
    const renamed = await callApi(page, `/api/customers/${id}`, {
      method: 'PATCH',
      body: { phone: '+44 7700 900456' },
    });
    expect(renamed.status).toBe(200);
    const order = await callTrpc<{ _id: string }>(page, 'orders.create', {
      customerId: id,
      items: [{ name: 'Party pack', qty: 1, price: 20 }],
    });
    await callTrpc(page, 'orders.setStatus', { id: order._id, status: 'paid' });
    await callTrpc(page, 'orders.delete', { id: order._id }).catch(() => undefined); // paid: refused
    await callTrpc(page, 'orders.setStatus', { id: order._id, status: 'cancelled' });
    await callTrpc(page, 'orders.delete', { id: order._id });
    const deleted = await callApi(page, `/api/customers/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);

    await stored({ 'subject.id': id, action: 'customer.deleted' });
    await stored({ 'subject.id': order._id, action: 'order.deleted' });
    const actions = async (subject: string) =>
      (await events.find({ 'subject.id': subject }).sort({ _id: 1 }).toArray()).map(
        (e) => e.action,
      );
    expect(await actions(id)).toEqual(['customer.created', 'customer.updated', 'customer.deleted']);
    // The refused delete is the call's own failure event; every write is the data layer's, once.
    expect(await actions(order._id)).toEqual([
      'order.created',
      'order.updated',
      'order.deleted',
      'order.updated',
      'order.deleted',
    ]);
    const update = await stored({ 'subject.id': id, action: 'customer.updated' });
    expect(update.changes).toEqual([
      { path: 'phone', before: '+44 7700 900123', after: '+44 7700 900456' },
    ]);
    // The order's events refer to its customer, so they show on the customer's timeline.
    const created = await stored({ 'subject.id': order._id, action: 'order.created' });
    expect(created).toMatchObject({ tenantId: 'harbor', actor: { id: 'U-ADMIN' } });
    expect(
      await events.countDocuments({ 'subject.id': order._id, outcome: 'success', 'refs.id': id }),
    ).toBe(4);
  });

  it('the booking job changes bookings as System, each run under its own correlation id', async () => {
    const run = await stored({ 'subject.id': 'B-JOB-1', action: 'booking.updated' });
    expect(run).toMatchObject({ tenantId: 'harbor', actor: { type: 'system' } });
    expect(run.changes).toEqual([{ path: 'status', before: 'pending', after: 'confirmed' }]);
    // Both bookings were moved by the same run, under one correlation id.
    const other = await stored({ 'subject.id': 'B-JOB-2', action: 'booking.updated' });
    expect(other.context.correlationId).toBe(run.context.correlationId);
    expect(run.context.correlationId).toMatch(/^booking-job-/);
    expect(run.context.requestId).toBeUndefined();
  });
});
