import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID } from '../src/server/domain/accounts.ts';
import { type DemoFixture, startDemoFixture } from './demoFixture.ts';
import { callApi, createCustomer } from './pageApi.ts';

const demo: DemoFixture = await startDemoFixture('roles');

/** Every answer of 400 or more the page receives from now on. */
function failedRequests(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

describe('each role', () => {
  it('shows a customer her own history, without staff notes and without a single 403', async () => {
    const staff = await demo.open('tom@harbor.test');
    const note = await callApi(staff.page, '/api/activity/notes', {
      method: 'POST',
      body: { ref: `customer:${DEMO_CUSTOMER_ID}`, body: 'Internal: asks for discounts.' },
    });
    expect(note.status).toBe(201);
    const waiver = await callApi(staff.page, `/api/customers/${DEMO_CUSTOMER_ID}/waivers`, {
      method: 'POST',
      body: { participant: 'Poppy Clarke' },
    });
    expect(waiver.status).toBe(201);
    await staff.context.close();

    const { page, context } = await demo.open('emma@example.com');
    const failed = failedRequests(page);
    for (const load of [() => page.goto('/profile'), () => page.reload()]) {
      await load();
      await page.locator('.ak-timeline__event', { hasText: 'Poppy Clarke' }).waitFor();
      const timeline = (await page.locator('.ak-timeline').textContent()) ?? '';
      expect(timeline).toContain('created customer');
      expect(timeline).not.toContain('Internal: asks for discounts.');
      expect(await page.getByText('You do not have access').count()).toBe(0);
      expect(await page.getByRole('textbox', { name: 'Add a note' }).count()).toBe(0);
    }
    expect(failed).toEqual([]);
    // The activity API itself stays closed to customers.
    expect((await callApi(page, '/api/activity')).status).toBe(403);
    await context.close();
  });

  it('names the customer account as its profile, after a rename too', async () => {
    const admin = await demo.open('admin@activitykit.dev');
    const renamed = await callApi(admin.page, `/api/customers/${DEMO_CUSTOMER_ID}`, {
      method: 'PATCH',
      body: { name: 'Emma Clarke-Hughes' },
    });
    expect(renamed.status).toBe(200);
    await admin.context.close();

    const { page, context } = await demo.open('emma@example.com');
    await page.getByRole('heading', { level: 1, name: 'Emma Clarke-Hughes' }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('Emma Clarke-Hughes');
    await context.close();
  });

  it('tells staff that a customer’s history is hidden by their role', async () => {
    const partner = await demo.open('maya@harbor.test');
    const id = await createCustomer(partner.page, 'Harriet Hidden');
    await partner.context.close();

    const { page, context } = await demo.open('tom@harbor.test');
    await page.goto(`/customers/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Harriet Hidden' }).waitFor();
    await page.getByText(/Hidden for your role: 1 event /).waitFor();
    expect(await page.getByText('No activity yet').isVisible()).toBe(false);
    await context.close();
  });

  it('offers no bulk delete on the Security page’s sign-in list', async () => {
    const { page, context } = await demo.open('admin@activitykit.dev');
    const rows = page.locator('.ak-log-row:has(button.ak-log-icon-button)');
    const deleteButton = () => page.getByRole('button', { name: /^Delete/ });
    await page.goto('/activity');
    await rows.first().locator('input[type="checkbox"]').check();
    await deleteButton().first().waitFor();

    await page.goto('/security');
    await rows.first().locator('input[type="checkbox"]').check();
    await page
      .getByRole('button', { name: /Export CSV/ })
      .first()
      .waitFor();
    expect(await deleteButton().count()).toBe(0);
    await context.close();
  });
});
