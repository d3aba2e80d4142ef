import type { IncomingMessage, RequestListener } from 'node:http';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import {
  activityErrorData,
  createActivityExportHandler,
  createActivityRouter,
} from '@activitykit/trpc';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import {
  callerOf,
  createTestStore,
  listen,
  sealingSetup,
  seedStore,
} from '../../test/serverFixture.ts';
import { failure, sourceContract } from '../../test/sourceContract.ts';
import { createTrpcSource } from './createTrpcSource.ts';

// The tRPC source against a real @activitykit/trpc router served over real HTTP (batch link for
// queries, SSE subscription link for live), on the devdb.
const testDb = await createTestDb('react_trpc');
const sealing = sealingSetup();
const store = await createTestStore(testDb, sealing.store);
const seeded = await seedStore(store);

// The server listens first, so the router's export links can point at its real address.
const EXPORT_SECRET = 'a-test-secret-that-is-long-enough-to-sign-links';
let handle: RequestListener = (_req, res) => res.end();
const url = await listen((req, res) => handle(req, res));

const t = initTRPC.context<{ req: IncomingMessage }>().create({
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, activity: activityErrorData(error) },
  }),
  sse: { ping: { enabled: true, intervalMs: 500 } },
});
const appRouter = t.router({
  activity: createActivityRouter({
    t,
    store,
    authorize: ({ req }) => callerOf(req),
    live: { pollIntervalMs: 50, lookbackMs: 2000 },
    restorers: { customer: async () => {} },
    export: { link: { url: `${url}/export`, secret: EXPORT_SECRET } },
    verify: sealing.verify,
  }),
  // The same store behind a router that was given no public key to verify with.
  unverified: createActivityRouter({ t, store, authorize: ({ req }) => callerOf(req) }),
});
type AppRouter = typeof appRouter;
const trpcHandler = createHTTPHandler({
  router: appRouter,
  basePath: '/trpc/',
  createContext: ({ req }) => ({ req }),
});
const exportHandler = createActivityExportHandler({ store, secret: EXPORT_SECRET });
handle = (req, res) =>
  req.url?.startsWith('/export') ? exportHandler(req, res) : trpcHandler(req, res);

function clientAs(who?: string) {
  const headers: Record<string, string> = who ? { 'x-as': who } : {};
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        false: httpBatchLink({ url: `${url}/trpc`, headers }),
      }),
    ],
  });
}
const as = (who?: string) => createTrpcSource(clientAs(who).activity);
const admin = as('admin');
const acme = seeded.filter((event) => event.tenantId === 'acme');

// Runs first (registered first): the scenarios every source answers alike.
sourceContract('tRPC', () => ({
  admin,
  partner: as('partner'),
  nobody: as('nobody'),
  seeded,
  settle: () => store.flush(),
  unverified: createTrpcSource(clientAs('admin').unverified),
  seal: () => store.seal(),
}));

describe('createTrpcSource', () => {
  it('reads permissions from the scope procedure', async () => {
    expect(await admin.permissions()).toEqual({
      canDelete: true,
      canRestore: true,
      canNote: true,
      actor: { id: 'u-admin', name: 'Ada Admin', role: 'admin' },
    });
  });

  it('pages a tenant’s events with the cursor, turning ISO strings into Dates', async () => {
    const seen: ActivityEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await as('partner').list({ limit: 8, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // The pages together are the one big page (the contract above restored a delete).
    const whole = await as('partner').list({ limit: 200 });
    expect(seen.map((e) => e.id)).toEqual(whole.items.map((e) => e.id));
    expect(seen.length).toBeGreaterThanOrEqual(acme.length);
    expect(seen.every((e) => e.occurredAt instanceof Date && e.tenantId === 'acme')).toBe(true);
  });

  it('suggests actors through the suggestActors procedure, within the reader’s scope only', async () => {
    const ids = async (source: typeof admin, prefix: string) =>
      ((await source.suggestActors?.({ prefix, limit: 20 })) ?? []).map((s) => s.id).sort();
    expect(await ids(admin, 'b')).toEqual(['u-bea', 'u-boris']);
    expect(await ids(as('partner'), 'b')).toEqual(['u-boris']);
    expect(await ids(as('partner'), 'bea')).toEqual([]);
  });

  it('maps another tenant’s event to NOT_FOUND', async () => {
    const beta = seeded.find((e) => e.tenantId === 'beta') as ActivityEvent;
    expect((await failure(as('partner').get(beta.id))).code).toBe('NOT_FOUND');
  });

  it('reads weekly stats and security signals with Dates', async () => {
    const stats = await admin.stats({ preset: 'last_30_days' }, { bucket: 'week' });
    expect(stats.bucket).toBe('week');
    expect(stats.series[0]?.start).toBeInstanceOf(Date);
    const signals = await admin.signals({ preset: 'last_30_days' });
    expect(signals.find((s) => s.type === 'failed_login_burst_ip')?.window.to).toBeInstanceOf(Date);
  });

  it('adds a note and bulk-deletes with permission', async () => {
    const note = await as('partner').addNote({ ref: 'customer:42', body: 'Prefers mornings.' });
    expect(note).toMatchObject({ kind: 'note', actor: { id: 'u-pat' }, tenantId: 'acme' });
    const ids = acme.slice(0, 2).map((e) => e.id);
    expect((await failure(as('partner').bulkDelete({ ids }))).code).toBe('FORBIDDEN');
    expect((await admin.bulkDelete({ ids })).deleted).toBe(2);
  });

  it('exports CSV and PDF inline as files', async () => {
    const ids = acme.slice(5, 8).map((e) => e.id);
    const csv = await admin.export({ format: 'csv', ids });
    expect(csv.filename).toMatch(/\.csv$/);
    expect((await csv.blob.text()).trim().split(/\r?\n/)).toHaveLength(4);
    const pdf = await admin.export({ format: 'pdf', ids, locale: 'ru' });
    expect(pdf.blob.type).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.blob.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('downloads a query export from the signed link the router returns', async () => {
    const progress: number[] = [];
    const file = await admin.export(
      { format: 'ndjson', query: { refs: ['customer:42'] } },
      { onProgress: (bytes) => progress.push(bytes) },
    );
    expect(file.filename).toMatch(/\.ndjson$/);
    const lines = (await file.blob.text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    expect(JSON.parse(lines[0] as string).refs).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'customer', id: '42' })]),
    );
    expect(progress.at(-1)).toBe(file.blob.size);
  });

  it('reports progress while a linked export downloads, not only once it is done', async () => {
    // The real download, handed over in two halves; what progress said when the second is asked
    // for shows whether the source reads the stream as it comes (it used to wait for the blob).
    const progress: number[] = [];
    let seenBeforeSecondHalf: number[] | undefined;
    const halving: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const half = Math.floor(bytes.length / 2);
      let step = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            step += 1;
            if (step === 1) controller.enqueue(bytes.slice(0, half));
            else if (step === 2) {
              seenBeforeSecondHalf = [...progress];
              controller.enqueue(bytes.slice(half));
            } else controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const source = createTrpcSource(clientAs('admin').activity, { fetch: halving });
    const file = await source.export(
      { format: 'csv', query: { refs: ['customer:42'] } },
      { onProgress: (bytes) => progress.push(bytes) },
    );
    expect(file.blob.size).toBeGreaterThan(1000);
    expect(seenBeforeSecondHalf).toEqual([Math.floor(file.blob.size / 2)]);
    expect(progress.at(-1)).toBe(file.blob.size);
    expect((await file.blob.text()).split('\n')[0]).toMatch(/^id,/i);
  });

  it('receives new events through the live subscription until unsubscribed', async () => {
    const received: ActivityEvent[] = [];
    let opened = false;
    const stop = admin.subscribe(
      { refs: ['customer:55'] },
      {
        onOpen: () => {
          opened = true;
        },
        onEvent: (event) => received.push(event),
      },
    );
    await expect.poll(() => opened, { timeout: 5000 }).toBe(true);
    const event = await store.record(
      {
        tenantId: 'acme',
        action: 'customer.updated',
        actor: { id: 'u-anna', type: 'user' },
        subject: { type: 'customer', id: '55' },
      },
      { durable: true },
    );
    await expect.poll(() => received.map((e) => e.id), { timeout: 5000 }).toEqual([event?.id]);
    expect(received[0]?.occurredAt).toBeInstanceOf(Date);
    stop();
  });

  it('maps UNAUTHORIZED, FORBIDDEN and an unreachable server', async () => {
    expect((await failure(as().list({}))).code).toBe('UNAUTHORIZED');
    expect((await failure(as('nobody').permissions())).code).toBe('FORBIDDEN');
    const offline = createTrpcSource(
      createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/trpc' })] })
        .activity,
    );
    expect((await failure(offline.list({}))).code).toBe('NETWORK');
  });
});
