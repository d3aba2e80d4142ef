import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { activityApi } from '@activitykit/express';
import { createTestDb } from '@activitykit/test-utils';
import { createActivityRouter } from '@activitykit/trpc';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { EventSource } from 'eventsource';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { callerOf, createTestStore, listen } from '../../test/serverFixture.ts';
import { createTrpcSource } from '../trpc/createTrpcSource.ts';
import { createRestSource } from './createRestSource.ts';

// Both sources with a viewer token, against real servers (REST and tRPC) on the devdb: the token
// is sent as Authorization: Bearer, and a refused one is replaced through `get` (then retried).
const testDb = await createTestDb('react_viewer');
const store = await createTestStore(testDb, {
  viewerTokens: { secret: randomBytes(32).toString('base64url') },
});
for (const id of ['7', '8', '7']) {
  await store.record(
    { tenantId: 'acme', action: 'customer.updated', subject: { type: 'customer', id } },
    { durable: true },
  );
}

/** Every Authorization header the servers received, in order. */
const seen: string[] = [];
const t = initTRPC.context<{ req: IncomingMessage }>().create();
const app = express();
app.use((req, _res, next) => {
  const header = req.get('authorization');
  if (header) seen.push(header);
  next();
});
app.use('/api/activity', activityApi({ store, authorize: callerOf, viewerTokens: true }));
const router = t.router({
  activity: createActivityRouter({
    t,
    store,
    authorize: ({ req }) => callerOf(req),
    viewerTokens: true,
    live: { pollIntervalMs: 50 },
  }),
});
app.use('/trpc', createExpressMiddleware({ router, createContext: ({ req }) => ({ req }) }));
const base = await listen(app);

/** A `get` whose first token is revoked before it is used (as if it expired): counts its calls. */
function minting() {
  const tokens: string[] = [];
  return {
    tokens,
    source: {
      get: async () => {
        const { token } = store.createViewerToken({
          tenantId: 'acme',
          refs: ['customer:7'],
          can: ['read'],
          ttl: 300,
          within: { tenants: ['acme'] },
        });
        if (tokens.length === 0) await store.revokeViewerToken(token);
        tokens.push(token);
        return token;
      },
    },
  };
}

const subjects = (page: { items: { subject?: { id: string } }[] }) =>
  page.items.map((event) => event.subject?.id);

describe('viewer tokens in the sources', () => {
  it('REST: sends the token, and fetches a new one when the API answers 401', async () => {
    const { tokens, source } = minting();
    const rest = createRestSource({ baseUrl: `${base}/api/activity`, viewerToken: source });
    seen.length = 0;
    expect(subjects(await rest.list({}))).toEqual(['7', '7']);
    expect(tokens).toHaveLength(2);
    expect(seen).toEqual([`Bearer ${tokens[0]}`, `Bearer ${tokens[1]}`]);
    // The fresh token is kept for the next calls.
    expect(subjects(await rest.timeline('customer:7', {}))).toEqual(['7', '7']);
    expect(tokens).toHaveLength(2);
    expect(seen.at(-1)).toBe(`Bearer ${tokens[1]}`);
  });

  it('tRPC: sends the token in the op context, and fetches a new one on UNAUTHORIZED', async () => {
    const { tokens, source } = minting();
    const authorization = (op: { context: Record<string, unknown> }) =>
      typeof op.context.authorization === 'string' ? op.context.authorization : '';
    const client = createTRPCClient<typeof router>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({
            url: `${base}/trpc`,
            EventSource,
            eventSourceOptions: ({ op }) => ({
              fetch: (input, init) =>
                fetch(input, {
                  ...init,
                  headers: { ...init?.headers, authorization: authorization(op) },
                }),
            }),
          }),
          false: httpBatchLink({
            url: `${base}/trpc`,
            headers: ({ opList }) => ({ authorization: authorization(opList[0]) }),
          }),
        }),
      ],
    });
    const trpc = createTrpcSource(client.activity, { viewerToken: source });
    seen.length = 0;
    expect(subjects(await trpc.list({}))).toEqual(['7', '7']);
    expect(tokens).toHaveLength(2);
    expect(seen).toEqual([`Bearer ${tokens[0]}`, `Bearer ${tokens[1]}`]);
    // Live through the same token: only customer 7's new event arrives.
    const arrived = await new Promise<string | undefined>((resolve, reject) => {
      const stop = trpc.subscribe(
        {},
        {
          onOpen: () => {
            for (const id of ['8', '7']) {
              store.record({
                tenantId: 'acme',
                action: 'customer.updated',
                subject: { type: 'customer', id },
              });
            }
          },
          onEvent: (event) => {
            stop();
            resolve(event.subject?.id);
          },
          onError: reject,
        },
      );
    });
    expect(arrived).toBe('7');
    expect(tokens).toHaveLength(2);
  });
});
