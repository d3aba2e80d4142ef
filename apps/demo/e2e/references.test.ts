import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoFixture, startDemoFixture } from './demoFixture.ts';
import { callApi, callTrpc, createCustomer } from './pageApi.ts';

const demo: DemoFixture = await startDemoFixture('refs');
let page: Page;

const dataRows = () => page.locator('.ak-log-row:has(button.ak-log-icon-button)');
const path = () => new URL(page.url()).pathname;
const search = () => new URL(page.url()).searchParams;

/** Opens the log filtered by `query` (REST parameter names) and clicks the first row's record. */
async function openFirstReference(query: string): Promise<string> {
  await page.goto(`/activity?${query}`);
  const ref = dataRows().first().locator('.ak-log-ref');
  await ref.waitFor();
  const label = (await ref.textContent()) ?? '';
  await ref.click();
  return label;
}

describe('references in the log and the timelines', () => {
  beforeAll(async () => {
    ({ page } = await demo.open('admin@activitykit.dev'));
  });

  it('open the order, booking or sale they name, with its history', async () => {
    for (const type of ['order', 'booking', 'sale']) {
      await openFirstReference(`type=${type}&kind=create`);
      await expect.poll(path).toMatch(new RegExp(`^/${type}s/[A-Z]-[0-9A-Z]+$`));
      const id = decodeURIComponent(path().split('/')[2] as string);
      await page.locator('main code', { hasText: id }).first().waitFor();
      await page.locator('.ak-timeline__event').first().waitFor();
      expect(await page.locator('.ak-timeline').textContent()).toMatch(/created/);
    }
  });

  it('open a deleted order as it was when deleted, without a restore button', async () => {
    const customerId = await createCustomer(page, 'Olga Ordered');
    const order = await callTrpc<{ _id: string }>(page, 'orders.create', {
      customerId,
      items: [{ name: 'Hot chocolate', qty: 3, price: 3.5 }],
    });
    await callTrpc(page, 'orders.delete', { id: order._id });
    await expect
      .poll(() => openFirstReference(`ref=order%3A${order._id}&kind=delete`))
      .toBe(`Order ${order._id}`);
    await expect.poll(path).toBe(`/orders/${order._id}`);
    await page.getByText('This order was deleted').waitFor();
    await page.locator('.snapshot').getByText(/Total/).waitFor();
    await page.locator('.ak-timeline__event', { hasText: 'deleted' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Restore' }).count()).toBe(0);
  });

  it('show a deleted customer’s last snapshot and history, and restore it', async () => {
    const name = 'Dora Departed';
    const id = await createCustomer(page, name);
    const deleted = await callApi(page, `/api/customers/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await expect.poll(() => openFirstReference(`ref=customer%3A${id}&kind=delete`)).toBe(name);
    await expect.poll(path).toBe(`/customers/${id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('This customer was deleted').waitFor();
    await page.locator('.snapshot').getByText('dora.departed@example.com').waitFor();
    await page.locator('.ak-timeline__event', { hasText: 'deleted' }).waitFor();
    // (The delete lists every field it removed, `createdAt` among them: find the create by kind.)
    await page.locator('.ak-timeline__event[data-kind="create"]', { hasText: 'created' }).waitFor();
    expect(await page.getByText('No such customer').count()).toBe(0);

    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Edit' }).waitFor();
    await page.locator('.ak-timeline__event', { hasText: 'restored' }).waitFor();
  });

  it('open the delete a restore came from, and the log’s own history', async () => {
    await page.goto('/activity?action=customer.restored');
    await dataRows()
      .first()
      .getByRole('button', { name: /View event/ })
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('button', { name: /customer deleted|customer\.deleted/ }).click();
    await expect.poll(() => search().get('event')).toMatch(/^[0-9A-Z]{26}$/);
    await drawer
      .getByText(/deleted customer/)
      .first()
      .waitFor();
    await drawer.getByRole('button', { name: 'Close' }).click();

    // A bulk delete's subject is the log itself: it opens the log's own history.
    const target = await callApi<{ items: { id: string }[] }>(
      page,
      '/api/activity?sort=asc&limit=1',
    );
    const removed = await callApi(page, '/api/activity/bulk-delete', {
      method: 'POST',
      body: { ids: [target.body.items[0]?.id] },
    });
    expect(removed.status).toBe(200);
    await expect
      .poll(() => openFirstReference('action=activity.bulk_deleted'))
      .toBe('Activity log');
    await expect.poll(() => search().get('ref')).toMatch(/^activity_log:/);
    await dataRows().first().waitFor();
  });

  it('name the customer on notes, and open related records from the timeline', async () => {
    const name = 'Nina Noted';
    const id = await createCustomer(page, name);
    await callTrpc(page, 'orders.create', {
      customerId: id,
      items: [{ name: 'Family day ticket', qty: 2, price: 32 }],
    });
    await page.goto(`/customers/${id}`);
    await page.getByRole('textbox', { name: 'Add a note' }).fill('Allergic to nuts.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.ak-timeline__event[data-kind="note"]').waitFor();

    await expect.poll(() => openFirstReference(`ref=customer%3A${id}&kind=note`)).toBe(name);
    await expect.poll(path).toBe(`/customers/${id}`);
    await page.locator('.ak-timeline__ref', { hasText: /^Order O-/ }).click();
    await expect.poll(path).toMatch(/^\/orders\/O-/);
    await page.getByRole('link', { name }).waitFor();
  });
});
