import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, settle } from '../test/harness.ts';
import {
  exampleSource,
  freePort,
  readmeBlock,
  runExampleClient,
  startExampleServer,
} from '../test/readme.ts';
import { activityMiddleware } from './activityMiddleware.ts';
import { withActivityRequest } from './withActivityRequest.ts';

const testDb = await createTestDb('trpc_request_context');
const { store } = await createTestStore(testDb);
const LOOPBACK = /^(::1|(::ffff:)?127\.0\.0\.1)$/;

interface Context {
  user?: { id: string; tenantId: string };
}
const user = { id: 'u-ann', tenantId: 'acme' };

/** A one-procedure app served with `createContext`; its client sends `user-agent: <agent>`. */
async function appWith(
  createContext: Parameters<typeof createHTTPServer>[0]['createContext'],
  agent: string,
) {
  const t = initTRPC.context<Context>().create();
  const router = t.router({
    rename: t.procedure
      .use(activityMiddleware<Context>({ store }))
      .mutation(() => ({ id: '7', name: agent })),
  });
  const server = createHTTPServer({ router, createContext }).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  return createTRPCClient<typeof router>({
    links: [httpLink({ url: `http://127.0.0.1:${port}`, headers: { 'user-agent': agent } })],
  });
}

async function byAgent(agent: string): Promise<ActivityEvent | undefined> {
  await settle(store);
  const page = await store.list({ actions: ['rename'], limit: 50 }, { tenants: '*' });
  return page.items.find((event) => event.context.userAgent === agent);
}

describe('the request behind a call', () => {
  it('reaches the middleware through withActivityRequest, whatever the context holds', async () => {
    const client = await appWith(
      withActivityRequest(() => ({ user })),
      'wrapped-context/1.0',
    );
    await client.rename.mutate();
    const event = await byAgent('wrapped-context/1.0');
    expect(event?.context.ip).toMatch(LOOPBACK);
    expect(event).toMatchObject({ tenantId: 'acme', actor: { id: 'u-ann' } });
  });

  it('is missing from a context without it: one warning naming the fix, not silence', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error & { code?: string }) => {
      if (warning.code === 'ACTIVITYKIT_NO_REQUEST') warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      const client = await appWith(() => ({ user }), 'bare-context/1.0');
      await client.rename.mutate();
      await client.rename.mutate();
      await settle(store);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/no request.*withActivityRequest/s);
  });
});

describe("the README's server and Node client", () => {
  let port = 0;
  beforeAll(async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'ak-trpc-readme-'));
    const uri = new URL(testDb.uri);
    uri.pathname = `/${testDb.db.databaseName}`;
    port = await freePort();
    const server = await startExampleServer({ port, env: { MONGODB_URI: uri.toString() }, cwd });
    return async () => {
      await server.stop();
      await rm(cwd, { recursive: true, force: true });
    };
  });

  it('are the files the README shows', async () => {
    for (const file of ['server.ts', 'node-client.ts', 'browser-client.ts']) {
      expect(await readmeBlock(file), file).toBe(await exampleSource(file));
    }
  });

  it('run as written: the change is recorded with IP and user agent, and arrives live', async () => {
    const output = await runExampleClient('node-client.ts', {
      TRPC_URL: `http://localhost:${port}/trpc`,
    });
    expect(output).toMatch(/^Updates this week: \d+$/m);
    const live = /^live (\w{26}) customer\.updated \S+ (\S+)$/m.exec(output);
    expect(live?.[2]).toMatch(LOOPBACK);

    const stored = await testDb.db
      .collection('activity_events')
      .findOne({ _id: live?.[1] as never });
    expect(stored).toMatchObject({
      action: 'customer.updated',
      tenantId: 'acme',
      actor: { id: 'u-ada', type: 'user' },
      context: { userAgent: 'node', route: 'updateCustomer' },
    });
    expect(stored?.context).toMatchObject({ ip: expect.stringMatching(LOOPBACK) });
  });
});
