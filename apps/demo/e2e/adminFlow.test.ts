import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoFixture, SCREENSHOTS, startDemoFixture } from './demoFixture.ts';

const demo: DemoFixture = await startDemoFixture('admin');
const NAME = 'Nora Testwood';
let page: Page;
let customerUrl = '';

const dataRows = () => page.locator('.ak-log-row:has(button.ak-log-icon-button)');
const logRow = (text: string) => dataRows().filter({ hasText: text });
const shot = (name: string, fullPage = false) =>
  page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });

async function openActivityLog(query = '') {
  await page.goto(`/activity${query}`);
  await dataRows().first().waitFor();
}

describe('an administrator', () => {
  beforeAll(async () => {
    ({ page } = await demo.open('admin@activitykit.dev'));
  });

  it('creates, edits and deletes a customer through the UI', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    await page.getByLabel('Business').selectOption('harbor');
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('E-mail', { exact: true }).fill('nora@example.com');
    await page.getByLabel('Phone', { exact: true }).fill('+44 7700 900001');
    await page.getByLabel('Venue').selectOption('harbor-south');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: NAME }).waitFor();
    customerUrl = new URL(page.url()).pathname;

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Phone', { exact: true }).fill('+44 7700 900999');
    await page.getByRole('button', { name: 'Save' }).click();
    // The details list (the timeline may show the new number too, as the change it recorded).
    await page.locator('dd', { hasText: '+44 7700 900999' }).waitFor();

    await page.getByRole('textbox', { name: 'Add a note' }).fill('Prefers morning parties.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.ak-timeline__event[data-kind="note"]', { hasText: 'Ada Admin' }).waitFor();
    await expect.poll(() => page.locator('.ak-timeline').textContent()).toContain('phone');
    await shot('customer-timeline', true);

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Customer deleted' }).waitFor();
  });

  it('sees each change in the activity log with user, IP and before / after', async () => {
    await openActivityLog();
    for (const verb of ['created', 'changed', 'deleted']) {
      const row = logRow(NAME).filter({ hasText: verb }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain('Ada Admin');
      expect(await row.textContent()).toContain('127.0.0.1');
    }
    await logRow(NAME)
      .filter({ hasText: 'changed' })
      .first()
      .getByRole('button', { name: /View event/ })
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.locator('.ak-log-after', { hasText: '+44 7700 900999' }).waitFor();
    await drawer.locator('.ak-log-before', { hasText: '+44 7700 900001' }).waitFor();
    await shot('activity-detail');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await shot('activity-log');
  });

  it('filters by preset, user, category and the search syntax', async () => {
    await openActivityLog();
    await page.getByLabel('Period').selectOption('today');
    await page.locator('.ak-log-field', { hasText: /^User/ }).first().locator('summary').click();
    await page.getByRole('checkbox', { name: 'Ada Admin' }).check();
    await page.keyboard.press('Escape');
    await page.locator('.ak-log-field', { hasText: 'Category' }).locator('summary').click();
    await page.getByRole('checkbox', { name: 'Customers' }).check();
    await page.keyboard.press('Escape');
    // Created, changed, deleted: today, by Ada Admin, in the customer category (the note is in
    // "Profile notes").
    await expect.poll(() => logRow(NAME).count()).toBe(3);
    await page.getByRole('combobox', { name: 'Search' }).fill(`kind:delete "${NAME}"`);
    await page.keyboard.press('Enter');
    await expect.poll(() => dataRows().count()).toBe(1);
    expect(await dataRows().textContent()).toContain('deleted');
    expect(page.url()).toContain('kind%3Adelete');
    await shot('activity-filtered');
  });

  it('exports the filtered log as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/ID/);
    expect(csv).toContain(NAME);
    expect(csv).toContain('customer.deleted');
  });

  it('restores the deleted customer from the log', async () => {
    await openActivityLog(`?q=${encodeURIComponent(`kind:delete "${NAME}"`)}`);
    await logRow(NAME)
      .getByRole('button', { name: /View event/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    // Restore asks first, naming the record.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('dialog').getByText('Restored').waitFor();
    await page.goto(customerUrl);
    await page.getByRole('heading', { name: NAME }).waitFor();
    await page.locator('.ak-timeline', { hasText: 'restored' }).waitFor();
  });

  it('sees a change made in a second browser live', async () => {
    await openActivityLog();
    const other = await demo.open('maya@harbor.test');
    const created = await other.page.evaluate(() =>
      fetch('/api/customers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Live Lena',
          email: 'lena@example.com',
          phone: '1',
          location: 'harbor-north',
        }),
      }).then((response) => response.status),
    );
    expect(created).toBe(201);
    await logRow('Live Lena').waitFor({ timeout: 30_000 });
    expect(await logRow('Live Lena').textContent()).toContain('Maya Reed');
    await other.context.close();
  });

  it('records orders changed through tRPC, and reads the log through tRPC', async () => {
    await page.getByRole('link', { name: 'Orders' }).click();
    const form = page.getByRole('form', { name: 'New order' });
    await form.getByLabel('Customer').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Create' }).click();
    const firstRow = page.locator('.data-table tbody tr').first();
    await expect.poll(() => firstRow.locator('select').inputValue()).toBe('new');
    const orderId = (await firstRow.locator('code').textContent()) as string;
    await firstRow.locator('select').selectOption('paid');
    await shot('orders');
    await page.getByLabel('Activity data via').selectOption('trpc');
    // Batched with the log's other reads (`/trpc/activity.integrity,activity.list?batch=1`).
    const viaTrpc = page.waitForResponse((response) =>
      new URL(response.url()).pathname.split(/[/,]/).includes('activity.list'),
    );
    await openActivityLog(`?q=${encodeURIComponent(`"${orderId}"`)}`);
    await viaTrpc;
    await logRow('order.updated').waitFor();
    await logRow('order.created').waitFor();
    expect(await logRow('order.updated').textContent()).toContain('Ada Admin');
    await page.getByLabel('Activity data via').selectOption('rest');
  });

  it('renders the Russian UI', async () => {
    await page.getByLabel('Language').selectOption('ru');
    await openActivityLog();
    await page.getByRole('link', { name: 'Журнал действий' }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/Период|Поиск/);
    await shot('activity-log-ru');
    await page.getByLabel('Язык').selectOption('en');
  });

  it('shows the analytics dashboard', async () => {
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByText('Most active users').first().waitFor();
    await page.getByText('Ada Admin').last().waitFor();
    await shot('analytics');
  });
});
