import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ActivityStore,
  type ActivityStoreOptions,
  createActivityStore,
} from '@activitykit/core';
import type { ActivityEvent, ActivityQueryInput } from '@activitykit/schema';
import { cleanUp, createStoreFixture, type TestDb } from '@activitykit/test-utils';
import type { Express } from 'express';

/** A store on its own collection of the test file's database (test-utils' `createStoreFixture`). */
export async function createTestStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<{ store: ActivityStore; collection: string; journalDir: string }> {
  return createStoreFixture(testDb, createActivityStore, options);
}

/** Starts an app on a free port; closed after the file's tests. Returns its base URL. */
export async function listen(app: Express): Promise<string> {
  // Room for an export selection of 1000 ids in the query string (Node's default is 16 KiB).
  const server = createServer({ maxHeaderSize: 64 * 1024 }, app).listen(0);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanUp(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Waits until the store holds events matching `query` (capture records after the response
 * finishes, so a test reads once the writer has caught up).
 */
export async function eventually(
  store: ActivityStore,
  query: ActivityQueryInput,
  count = 1,
): Promise<ActivityEvent[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await store.flush();
    const page = await store.list({ ...query, limit: 200 }, { tenants: '*' });
    if (page.items.length >= count || Date.now() > deadline) return page.items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A parsed JSON answer, read loosely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape.
type Json = any;

/** JSON over real HTTP. */
export async function call(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Json; text: string }> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}
