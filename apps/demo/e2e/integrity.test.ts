import type { IntegrityStatus } from '@activitykit/schema';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoFixture, SCREENSHOTS, startDemoFixture } from './demoFixture.ts';
import { callApi, callTrpc } from './pageApi.ts';

// Seals every 2 s (the demo: every 15 s), so that the background seal shows within a test.
const demo: DemoFixture = await startDemoFixture('integrity', {
  sealIntervalMs: 2_000,
  sealDelayMs: 500,
});
const events = demo.db.collection<{ _id: string; tenantId: string; description?: string }>(
  'activity_events',
);
const FORGED = 'Nothing to see here';
let page: Page;

const integrity = async () =>
  (await callApi<IntegrityStatus>(page, '/api/activity/integrity')).body;
const harbor = (): Locator => page.getByRole('region', { name: 'Tenant harbor' });

async function openIntegrityPanel(): Promise<void> {
  await page.goto('/activity');
  await page.locator('.ak-log-row:has(button.ak-log-icon-button)').first().waitFor();
  await page.getByRole('button', { name: 'Integrity', exact: true }).click();
  await harbor().waitFor();
}

describe('tamper evidence', () => {
  let modified = '';
  let deleted = '';

  beforeAll(async () => {
    ({ page } = await demo.open('admin@activitykit.dev'));
  });

  it('seals the seeded history, and what happens after it in the background', async () => {
    const status = await integrity();
    expect(status).toMatchObject({ sealing: true, canVerify: true });
    for (const tenant of ['harbor', 'summit']) {
      const sealed = status.tenants.find((entry) => entry.tenantId === tenant);
      expect(sealed?.lastCheckpoint?.count).toBeGreaterThan(0);
    }
    // The administrator's sign-in came after the seed: the server's timer seals it.
    await expect
      .poll(async () => (await integrity()).tenants.every((tenant) => tenant.unsealed === 0), {
        timeout: 30_000,
      })
      .toBe(true);
  });

  it('shows a lock on sealed rows', async () => {
    await page.goto('/activity');
    const grid = page.getByRole('grid');
    await grid.getByRole('img', { name: 'Sealed' }).first().waitFor();
    expect(await grid.getByRole('img', { name: 'Not sealed yet' }).count()).toBe(0);
  });

  it('verifies the untouched log as OK', async () => {
    await openIntegrityPanel();
    await harbor().getByRole('button', { name: 'Verify now' }).click();
    await harbor()
      .getByText(/No tampering found/)
      .waitFor();
  });

  it('names the event edited and the event deleted behind its back, and opens the edited one', async () => {
    const toId = (await integrity()).tenants.find((tenant) => tenant.tenantId === 'harbor')
      ?.lastCheckpoint?.toId;
    const sealed = await events
      .find({ tenantId: 'harbor', _id: { $lte: toId ?? '' } })
      .sort({ _id: -1 })
      .limit(2)
      .toArray();
    [modified, deleted] = sealed.map((event) => event._id) as [string, string];
    // An insider with database access, not the kit: one description rewritten, one event gone.
    await events.updateOne({ _id: modified }, { $set: { description: FORGED } });
    await events.deleteOne({ _id: deleted });

    // Taller than the other shots: the panel takes at most 45% of the log, and the report fits.
    await page.setViewportSize({ width: 1360, height: 1100 });
    await openIntegrityPanel();
    await harbor().getByRole('button', { name: 'Verify now' }).click();
    await harbor().getByText('Verify failed.').waitFor();
    const findings = harbor().getByRole('table');
    const modifiedRow = findings.getByRole('row').filter({ hasText: modified });
    const deletedRow = findings.getByRole('row').filter({ hasText: deleted });
    expect(await modifiedRow.textContent()).toContain('Modified');
    expect(await deletedRow.textContent()).toContain('Deleted');
    // A deleted event has no row to open; the modified one links to its row.
    expect(await deletedRow.getByRole('link').count()).toBe(0);
    await harbor().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}integrity-tampered.png` });

    await modifiedRow.getByRole('link', { name: modified }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(FORGED, { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('event')).toBe(modified);
  });

  it('verifies through the tRPC router as well', async () => {
    await page.getByLabel('Activity data via').selectOption('trpc');
    await openIntegrityPanel();
    await harbor().getByRole('button', { name: 'Verify now' }).click();
    await harbor().getByText('Verify failed.').waitFor();
    const findings = harbor().getByRole('table');
    await findings.getByRole('link', { name: modified }).waitFor();
    await findings.getByText(deleted, { exact: true }).waitFor();
    await page.getByLabel('Activity data via').selectOption('rest');
  });

  it('shows a partner the seals but no "Verify now", and the server refuses her verify', async () => {
    const partner = await demo.open('maya@harbor.test');
    const other = partner.page;
    await other.goto('/activity');
    await other.getByRole('grid').getByRole('img', { name: 'Sealed' }).first().waitFor();
    expect(await other.getByRole('button', { name: 'Integrity', exact: true }).count()).toBe(0);
    expect(await other.getByRole('button', { name: 'Verify now' }).count()).toBe(0);
    const rest = await callApi(other, '/api/activity/verify', {
      method: 'POST',
      body: { tenantId: 'harbor' },
    });
    expect(rest.status).toBe(403);
    await expect(callTrpc(other, 'activity.verify', { tenantId: 'harbor' })).rejects.toThrow(
      /answered 403/,
    );
    await partner.context.close();
  });
});
