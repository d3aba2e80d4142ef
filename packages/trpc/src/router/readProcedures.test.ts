import { type ActivityEvent, eventFromWire, pageFromWire } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve, type TestContext } from '../test/harness.ts';
import { authorize, createRouterApp, key, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';
import { createActivityRouter } from './createActivityRouter.ts';

const testDb = await createTestDb('trpc_read');
const { store } = await createTestStore(testDb);
const seeded = await recordAll(store, seedEvents());
const { url } = await serve(createRouterApp(store));
const admin = clientFor<RouterApp>(url, 'admin');
const acme = clientFor<RouterApp>(url, 'acme');
const beta = clientFor<RouterApp>(url, 'beta');
const nobody = clientFor<RouterApp>(url, 'nobody');
const anonymous = clientFor<RouterApp>(url);
const betaEvent = seeded.find((e) => e.tenantId === 'beta') as ActivityEvent;

/** The tRPC error code (and ActivityKit code) a call fails with. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: { data?: { code?: string; activity?: { code?: string } }; message: string }) => e,
  );
  return {
    code: error?.data?.code,
    activity: error?.data?.activity?.code,
    message: error?.message,
  };
}

describe('scope', () => {
  it('tells each reader what they may see and do', async () => {
    expect(await admin.activity.scope.query()).toEqual({
      tenants: '*',
      roles: '*',
      canDelete: true,
      canRestore: true,
      canNote: true,
      actor: { id: 'admin', name: 'Ada Admin', role: 'admin' },
    });
    expect(await acme.activity.scope.query()).toMatchObject({
      tenants: ['acme'],
      canDelete: false,
    });
  });

  it('refuses the anonymous (UNAUTHORIZED) and a scope without tenants (FORBIDDEN) everywhere', async () => {
    expect(await failure(anonymous.activity.list.query({}))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/Sign in/),
    });
    const calls = [
      nobody.activity.scope.query(),
      nobody.activity.list.query({}),
      nobody.activity.get.query({ id: betaEvent.id }),
      nobody.activity.timeline.query({ ref: key('customer', '42') }),
      nobody.activity.stats.query({}),
      nobody.activity.signals.query({}),
      nobody.activity.export.mutate({ format: 'csv' }),
      nobody.activity.addNote.mutate({ ref: key('customer', '42'), body: 'x' }),
    ];
    for (const call of calls) expect((await failure(call)).code).toBe('FORBIDDEN');
  });

  it('refuses a malformed authorization as REST does: FORBIDDEN, INVALID_SCOPE', async () => {
    const app = initTRPC.context<TestContext>().create();
    const malformed = () => ({ scope: { tenants: 'acme' }, actor: { id: 'u-x', type: 'user' } });
    const router = app.router({
      activity: createActivityRouter({ store, authorize: malformed as never }),
    });
    const served = await serve(router);
    const client = clientFor<typeof router>(served.url, 'acme');
    expect(await failure(client.activity.list.query({}))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/authorize\(\) must return/),
    });
  });
});

describe('list and get', () => {
  it('lists only the tenants of the scope, with dates as ISO strings over JSON', async () => {
    const page = await acme.activity.list.query({ limit: 200 });
    expect(page.items.length).toBe(10);
    expect(page.items.every((e) => e.tenantId === 'acme')).toBe(true);
    expect(typeof page.items[0]?.occurredAt).toBe('string');
    expect(pageFromWire(page).items[0]?.occurredAt).toBeInstanceOf(Date);
    expect((await admin.activity.list.query({ limit: 200 })).items.length).toBe(20);
  });

  it('applies filters and the search syntax', async () => {
    const deletes = await acme.activity.list.query({ kinds: ['delete'] });
    expect(deletes.items.map((e) => e.action)).toEqual(['customer.deleted']);
    const searched = await admin.activity.list.query({ q: 'kind:update ip:10.0.0.7' });
    expect(searched.items.map((e) => e.tenantId).sort()).toEqual(['acme', 'beta']);
  });

  it('pages with cursors, and keeps a partner out of another tenant by cursor', async () => {
    const first = await admin.activity.list.query({ limit: 3, sort: 'asc' });
    expect(first.nextCursor).toBeDefined();
    const next = await acme.activity.list.query({
      limit: 200,
      sort: 'asc',
      cursor: first.nextCursor,
    });
    expect(next.items.length).toBeGreaterThan(0);
    expect(next.items.every((e) => e.tenantId === 'acme')).toBe(true);
  });

  it('gets an event within the scope and hides other tenants behind NOT_FOUND', async () => {
    const event = eventFromWire(await beta.activity.get.query({ id: betaEvent.id }));
    expect(event).toMatchObject({ id: betaEvent.id, tenantId: 'beta' });
    expect(await failure(acme.activity.get.query({ id: betaEvent.id }))).toMatchObject({
      code: 'NOT_FOUND',
      activity: 'NOT_FOUND',
    });
  });
});

describe('timeline', () => {
  it("shows one record's history within the scope", async () => {
    const page = await acme.activity.timeline.query({ ref: key('customer', '42') });
    expect(page.items.map((e) => e.action).sort()).toEqual([
      'customer.created',
      'customer.deleted',
      'customer.updated',
      'order.created',
    ]);
    expect(page.items.every((e) => e.tenantId === 'acme')).toBe(true);
    const filtered = await admin.activity.timeline.query({
      ref: key('customer', '42'),
      query: { kinds: ['create'] },
    });
    expect(filtered.items).toHaveLength(4);
  });

  it('refuses a malformed record key', async () => {
    expect(await failure(acme.activity.timeline.query({ ref: 'customer' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/type:id/),
    });
  });
});

describe('stats and signals', () => {
  it('counts only the events of the scope', async () => {
    const mine = await acme.activity.stats.query({ query: { preset: 'today' }, bucket: 'hour' });
    const all = await admin.activity.stats.query({ query: { preset: 'today' } });
    expect(mine.bucket).toBe('hour');
    expect(mine.total).toBeLessThanOrEqual(10);
    expect(all.total).toBe(2 * mine.total);
    expect(mine.auth.failures).toBeGreaterThan(0);
    expect(typeof mine.range.from).toBe('string');
  });

  it('finds security signals only within the scope', async () => {
    const mine = await acme.activity.signals.query({ query: { preset: 'today' } });
    const burst = mine.find((s) => s.type === 'failed_login_burst_user');
    expect(burst).toMatchObject({ tenantId: 'acme', key: 'victim@acme.test' });
    expect(mine.some((s) => s.tenantId === 'beta')).toBe(false);
    const theirs = await beta.activity.signals.query({});
    expect(theirs.some((s) => s.tenantId === 'acme')).toBe(false);
  });
});

describe("without the app's t", () => {
  it('nests into a router of another tRPC instance', async () => {
    const app = initTRPC.context<TestContext>().create();
    const router = app.router({ activity: createActivityRouter({ store, authorize }) });
    const nested = await serve(router);
    const client = clientFor<typeof router>(nested.url, 'beta');
    const page = await client.activity.list.query({ limit: 200 });
    expect(page.items.length).toBe(10);
    expect(page.items.every((e) => e.tenantId === 'beta')).toBe(true);
    await expect(clientFor<typeof router>(nested.url).activity.scope.query()).rejects.toMatchObject(
      {
        data: { code: 'UNAUTHORIZED' },
      },
    );
  });
});
