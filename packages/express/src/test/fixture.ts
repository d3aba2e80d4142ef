import {
  type ActivityStore,
  type ActivityStoreOptions,
  createActivityStore,
} from '@activitykit/core';
import type { ActivityEvent, ActivityQueryInput } from '@activitykit/schema';
import {
  createStoreFixture,
  flushedUntil,
  listen as serve,
  type TestDb,
} from '@activitykit/test-utils';
import type { Express, RequestHandler } from 'express';

/** The tests' "session": the signed-in user comes as JSON in an `x-user` header, onto `req.user`. */
export const headerSession: RequestHandler = (req, _res, next) => {
  const user = req.headers['x-user'];
  if (typeof user === 'string') (req as { user?: unknown }).user = JSON.parse(user);
  next();
};

/** A store on its own collection of the test file's database (test-utils' `createStoreFixture`). */
export async function createTestStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<{ store: ActivityStore; collection: string; journalDir: string }> {
  return createStoreFixture(testDb, createActivityStore, options);
}

/** Starts an app on a free port (test-utils' `listen`); closed after the file's tests. Returns its base URL. */
export function listen(app: Express): Promise<string> {
  // Room for an export selection of 1000 ids in the query string (Node's default is 16 KiB).
  return serve(app, { maxHeaderSize: 64 * 1024 });
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
  const read = async () => (await store.list({ ...query, limit: 200 }, { tenants: '*' })).items;
  return flushedUntil(store, read, count);
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
