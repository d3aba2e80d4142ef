import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { type DemoFixture, startDemoFixture } from './demoFixture.ts';
import { callApi } from './pageApi.ts';

const demo: DemoFixture = await startDemoFixture('streams');
let page: Page;

const streamRow = (name: string) => page.locator('tr[data-stream]', { hasText: name });
const receiverRows = (via: string) => page.locator(`tr[data-via="${via}"]`);

describe('log streams in the demo', () => {
  beforeAll(async () => {
    ({ page } = await demo.open('admin@activitykit.dev'));
  });

  it('lets an administrator stream to the demo receiver, whose page shows each signature verified', async () => {
    await page.getByRole('link', { name: 'Log streams' }).click();
    await page.getByRole('heading', { name: 'Log streams', level: 1 }).waitFor();
    const webhook = page.getByRole('form', { name: 'New webhook stream' });
    await expect
      .poll(() => webhook.getByLabel('URL').inputValue())
      .toMatch(/\/hooks\/demo-receiver$/);
    await webhook.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(async () => (await page.getByTestId('stream-secret').textContent()) ?? '')
      .toMatch(/^whsec_/);
    await streamRow('Demo SIEM (webhook)').waitFor();
    // The stream's own creation is an event of the business: it arrives, signed.
    await expect.poll(() => receiverRows('webhook').count()).toBeGreaterThan(0);
    expect(await receiverRows('webhook').first().getAttribute('data-verified')).toBe('true');
    expect(await receiverRows('webhook').first().textContent()).toContain('log_stream.created');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sends a test event, pauses and resumes, and streams to syslog', async () => {
    const row = streamRow('Demo SIEM (webhook)');
    await row.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event delivered.').waitFor();
    await row.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('paused');
    await row.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');

    const syslog = page.getByRole('form', { name: 'New syslog stream' });
    await expect.poll(() => syslog.getByLabel('Port').inputValue()).not.toBe('514');
    await syslog.getByRole('button', { name: 'Create' }).click();
    await streamRow('Demo syslog').waitFor();
    await expect.poll(() => receiverRows('syslog').count()).toBeGreaterThan(0);
    expect(await receiverRows('syslog').first().textContent()).toContain('log_stream.created');
  });

  it('keeps log streams to administrators', async () => {
    const { page: partner } = await demo.open('maya@harbor.test');
    const answer = await callApi(partner, '/api/activity-streams');
    expect(answer.status).toBe(403);
    expect(await partner.getByRole('link', { name: 'Log streams' }).count()).toBe(0);
  });
});
