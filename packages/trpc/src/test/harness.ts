import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ActivityStore,
  type ActivityStoreOptions,
  createActivityStore,
} from '@activitykit/core';
import { createStoreFixture, listen, type TestDb } from '@activitykit/test-utils';
import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { EventSource } from 'eventsource';

/** A store on its own collection of the test file's database (test-utils' `createStoreFixture`). */
export async function createTestStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<{ store: ActivityStore; collection: string }> {
  const { store, collection } = await createStoreFixture(testDb, createActivityStore, options);
  return { store, collection };
}

/** The test context: the request and the user named by the `x-user` header. */
export interface TestContext {
  req: IncomingMessage;
  user?: TestUser;
}

/** A signed-in test user. */
export interface TestUser {
  id: string;
  name: string;
  role: 'admin' | 'manager' | 'partner' | 'nobody';
  tenantId: string;
}

/** The test users, by id. */
export const USERS: Record<string, TestUser> = {
  admin: { id: 'admin', name: 'Ada Admin', role: 'admin', tenantId: 'acme' },
  acme: { id: 'acme', name: 'Pat Partner', role: 'partner', tenantId: 'acme' },
  beta: { id: 'beta', name: 'Bea Beta', role: 'partner', tenantId: 'beta' },
  boss: { id: 'boss', name: 'Max Manager', role: 'manager', tenantId: 'acme' },
  nobody: { id: 'nobody', name: 'No Body', role: 'nobody', tenantId: 'acme' },
};

/**
 * Serves `router` with tRPC's standalone handler (and `extra` handlers by path prefix) on a free
 * port; closed after the file's tests.
 */
export async function serve(
  router: AnyTRPCRouter,
  extra: Record<string, (req: IncomingMessage, res: ServerResponse) => unknown> = {},
): Promise<{ url: string }> {
  const trpc = createHTTPHandler({
    router,
    basePath: '/trpc/',
    createContext: ({ req, info }): TestContext => {
      const header = req.headers['x-user'];
      const id = (Array.isArray(header) ? header[0] : header) ?? info.connectionParams?.user;
      return { req, ...(id && USERS[id] ? { user: USERS[id] } : {}) };
    },
  });
  const url = await listen((req, res) => {
    const prefix = Object.keys(extra).find((path) => req.url?.startsWith(path));
    if (prefix) void extra[prefix]?.(req, res);
    else trpc(req, res);
  });
  return { url };
}

/**
 * A tRPC client of `url` signed in as `user` (none: anonymous), sending `headers` too (e.g. a
 * viewer token's `authorization`); subscriptions over SSE.
 */
export function clientFor<TRouter extends AnyTRPCRouter>(
  url: string,
  user?: string,
  extraHeaders: Record<string, string> = {},
): TRPCClient<TRouter> {
  const headers: Record<string, string> = { ...extraHeaders, ...(user ? { 'x-user': user } : {}) };
  const link: TRPCLink<AnyTRPCRouter> = splitLink({
    condition: (op) => op.type === 'subscription',
    true: httpSubscriptionLink({
      url: `${url}/trpc`,
      EventSource,
      eventSourceOptions: {
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
      },
    }),
    false: httpLink({ url: `${url}/trpc`, headers }),
  });
  return createTRPCClient<TRouter>({ links: [link as unknown as TRPCLink<TRouter>] });
}

/** Waits until the events recorded so far (after the procedures settled) are stored. */
export async function settle(store: ActivityStore): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.flush();
}
