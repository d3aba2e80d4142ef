import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID } from '../src/server/domain/accounts.ts';
import { axeViolations } from './axe.ts';
import { type DemoFixture, SCREENSHOTS, startDemoFixture } from './demoFixture.ts';

const demo: DemoFixture = await startDemoFixture('dark');
let page: Page;

/**
 * The relative luminance (WCAG) of the background an element shows: its own background colour,
 * else that of the nearest ancestor that paints one.
 */
const backgroundLuminance = (selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const probe = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      let at: Element | null = element;
      let rgba = [255, 255, 255, 0];
      while (at && rgba[3] === 0) {
        probe.clearRect(0, 0, 1, 1);
        probe.fillStyle = getComputedStyle(at).backgroundColor;
        probe.fillRect(0, 0, 1, 1);
        rgba = [...probe.getImageData(0, 0, 1, 1).data];
        at = at.parentElement;
      }
      if (rgba[3] === 0) rgba = [255, 255, 255, 255]; // nothing paints: the canvas is white
      const [r, g, b] = rgba.slice(0, 3).map((value) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    });

describe('the dark theme', () => {
  beforeAll(async () => {
    ({ page } = await demo.open('admin@activitykit.dev'));
    await page.getByLabel('Theme').selectOption('dark');
  });

  it('turns the activity log dark, and it passes axe', async () => {
    await page.goto('/activity');
    await page.locator('.ak-log-row:has(button.ak-log-icon-button)').first().waitFor();
    expect(await backgroundLuminance('body')).toBeLessThan(0.05);
    expect(await backgroundLuminance('.ak-log')).toBeLessThan(0.05);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}activity-log-dark.png` });
  });

  it('turns the customer page and its timeline dark, and it passes axe', async () => {
    await page.goto(`/customers/${DEMO_CUSTOMER_ID}`);
    await page.locator('.ak-timeline__event').first().waitFor();
    expect(await backgroundLuminance('.ak-timeline')).toBeLessThan(0.05);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}customer-timeline-dark.png`, fullPage: true });
  });

  it('keeps the choice after a reload, and follows the system when asked to', async () => {
    await page.reload();
    await page.locator('.ak-timeline__event').first().waitFor();
    expect(await page.getByLabel('Theme').inputValue()).toBe('dark');
    await page.getByLabel('Theme').selectOption('system');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => backgroundLuminance('.ak-timeline')).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => backgroundLuminance('.ak-timeline')).toBeLessThan(0.05);
  });
});
