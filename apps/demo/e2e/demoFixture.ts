import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp } from '@activitykit/test-utils';
import { chromiumLaunchOptions } from '@activitykit/test-utils/chromium';
import { type Db, MongoClient } from 'mongodb';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { WEB_DIST_DIR } from '../src/paths.ts';
import { loadSealing } from '../src/sealing.ts';
import { runSeed } from '../src/seed/runSeed.ts';
import { createDemoServer } from '../src/server/createDemoServer.ts';
import { DEMO_PASSWORD } from '../src/server/domain/accounts.ts';

/** Where the tests save their screenshots (the demo's README shows them). */
export const SCREENSHOTS = new URL('../docs/screenshots/', import.meta.url).pathname;

/** A running demo for one test file: its server, Chromium, and what the server printed. */
export interface DemoFixture {
  url: string;
  browser: Browser;
  /** Lines the server logged (one-time codes). */
  logs: string[];
  /** The demo's database, straight through the MongoDB driver (behind the kit's back). */
  db: Db;
  /** A new browser context (its own cookies) with a page, signed in as `email` unless `null`. */
  open(
    email: string | null,
    options?: { timezoneId?: string },
  ): Promise<{ context: BrowserContext; page: Page }>;
}

/** How the fixture's server seals (the demo's defaults unless told). */
export interface DemoFixtureOptions {
  sealIntervalMs?: number;
  sealDelayMs?: number;
  /** How often the booking job runs. Defaults to never. */
  jobIntervalMs?: number;
}

/**
 * Starts the demo server on its own database (seeded with a small history, sealed as the demo
 * seals it, with a key pair and anchor file of its own) and Chromium; both are stopped and the
 * database dropped after the file's tests. Call at the top level of a file.
 */
export async function startDemoFixture(
  label: string,
  options: DemoFixtureOptions = {},
): Promise<DemoFixture> {
  const mongoUri = inject('mongoUri');
  const dbName = `demo_e2e_${label}_${Date.now().toString(36)}`;
  const journalDir = await mkdtemp(join(tmpdir(), 'demo-e2e-'));
  const sealingDir = await mkdtemp(join(tmpdir(), 'demo-e2e-sealing-'));
  const sealing = await loadSealing(sealingDir);
  const client = await MongoClient.connect(mongoUri);
  await runSeed({ client, dbName, events: 300, journalDir, progress: false, sealing });
  const logs: string[] = [];
  const server = await createDemoServer({
    mongoUri,
    dbName,
    port: 0,
    webDir: WEB_DIST_DIR,
    journalDir,
    jobIntervalMs: false,
    log: (line) => logs.push(line),
    sealing,
    ...options,
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  cleanUp(async () => {
    await browser.close();
    await server.close();
    await client.db(dbName).dropDatabase();
    await client.close();
    await rm(journalDir, { recursive: true, force: true });
    await rm(sealingDir, { recursive: true, force: true });
  });

  return {
    url: server.url,
    browser,
    logs,
    db: client.db(dbName),
    async open(email, options = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1360, height: 900 },
        acceptDownloads: true,
        timezoneId: options.timezoneId ?? 'Europe/London',
        locale: 'en-GB',
      });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      await page.goto('/');
      if (email) await signIn(page, email);
      return { context, page };
    },
  };
}

/** Signs in through the login form and waits for the signed-in header. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
}
