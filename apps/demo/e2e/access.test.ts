import { type ActivityEvent, describe as describeEvent, pageFromWire } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { type DemoFixture, SCREENSHOTS, signIn, startDemoFixture } from './demoFixture.ts';
import { callApi } from './pageApi.ts';

const demo: DemoFixture = await startDemoFixture('access');

describe('sign-in and access', () => {
  it('shows failed sign-ins on the Security page', async () => {
    const { page, context } = await demo.open(null);
    await page.getByLabel('E-mail', { exact: true }).fill('tom@harbor.test');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password' }).waitFor();
    for (let i = 0; i < 5; i++) {
      const status = await page.evaluate(() =>
        fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'tom@harbor.test', password: 'guess' }),
        }).then((response) => response.status),
      );
      expect(status).toBe(401);
    }
    await signIn(page, 'maya@harbor.test');
    await page.getByLabel('Time zone').selectOption('Europe/Moscow');
    // The signals are worked out in the zone the reader chose (business hours are local hours).
    const signalsAsked = page.waitForRequest((request) =>
      request.url().includes('/api/activity/signals'),
    );
    await page.getByRole('link', { name: 'Security' }).click();
    expect(new URL((await signalsAsked).url()).searchParams.get('tz')).toBe('Europe/Moscow');
    await page.locator('.ak-log-row', { hasText: 'tom@harbor.test' }).first().waitFor();
    await page
      .locator('[data-signal="failed_login_burst_user"]', { hasText: 'tom@harbor.test' })
      .waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}security.png`, fullPage: true });
    await context.close();
  });

  it('keeps a partner to their own business', async () => {
    const { page, context } = await demo.open('maya@harbor.test');
    await page.goto('/activity');
    await page.locator('.ak-log-row').first().waitFor();
    const tenants = await page.evaluate(() =>
      fetch('/api/activity?limit=200').then(async (response) => {
        const page = (await response.json()) as { items: { tenantId: string }[] };
        return [...new Set(page.items.map((event) => event.tenantId))];
      }),
    );
    expect(tenants).toEqual(['harbor']);
    const customers = await page.evaluate(() =>
      fetch('/api/customers').then(async (response) => {
        const list = (await response.json()) as { items: { tenantId: string }[] };
        return [...new Set(list.items.map((customer) => customer.tenantId))];
      }),
    );
    expect(customers).toEqual(['harbor']);
    await page.getByRole('combobox', { name: 'Search' }).fill('Иванов');
    await page.keyboard.press('Enter');
    await page.getByText('No events match these filters.').waitFor();
    await context.close();
  });

  it('asks for the one-time code printed by the server', async () => {
    const { page, context } = await demo.open(null);
    await page.getByLabel('E-mail', { exact: true }).fill('ivan@summit.test');
    await page.getByLabel('Password', { exact: true }).fill('demo1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'One-time code' }).waitFor();
    const line = demo.logs.find((entry) => entry.includes('ivan@summit.test'));
    const code = /(\d{6})/.exec(line ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Code', { exact: true }).fill(code as string);
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.getByTestId('current-user').textContent()).toContain('Ivan Petrov');
    await page.goto('/activity?q=action%3Aauth.otp_verified');
    await page.locator('.ak-log-row', { hasText: 'Ivan Petrov' }).first().waitFor();
    await context.close();
  });

  it('describes every recorded event in words, in English and Russian', async () => {
    const { page, context } = await demo.open('admin@activitykit.dev');
    const events: ActivityEvent[] = [];
    let cursor: string | undefined;
    do {
      const query = `/api/activity?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { body } = await callApi<Parameters<typeof pageFromWire>[0]>(page, query);
      const result = pageFromWire(body);
      events.push(...result.items);
      cursor = result.nextCursor ?? undefined;
    } while (cursor);
    const actions = new Set(events.map((event) => event.action));
    expect(actions).toContain('auth.otp_verified');
    expect(actions).toContain('auth.otp_requested');
    for (const event of events) {
      for (const sentence of [
        event.description ?? '',
        describeEvent(event, 'en'),
        describeEvent(event, 'ru'),
      ]) {
        expect(sentence, event.action).not.toContain(event.action);
        expect(sentence, event.action).not.toMatch(/\((an?) [^)]*record\)|действие «/);
      }
    }
    await context.close();
  });
});
