/**
 * How the workspace's browser tests, screenshots and benchmarks launch Chromium: the system
 * browser (`apt-get install chromium`; another one through `ACTIVITYKIT_CHROMIUM`), headless, with
 * nothing of its own running in the background. Playwright never downloads a browser here.
 *
 * @example
 * ```ts
 * import { chromium } from 'playwright-core';
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * ```
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return {
    executablePath: process.env.ACTIVITYKIT_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
