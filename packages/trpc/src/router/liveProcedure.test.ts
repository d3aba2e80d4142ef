import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { recordFromChild } from '../test/child.ts';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { authorize, createRouterApp, type RouterApp } from '../test/routerApp.ts';
import { actions, collect } from '../test/subscribe.ts';

const testDb = await createTestDb('trpc_live');
const { store, collection } = await createTestStore(testDb);
const { url } = await serve(createRouterApp(store));
const acme = clientFor<RouterApp>(url, 'acme');
const admin = clientFor<RouterApp>(url, 'admin');

const staff = { id: 'u-sam', type: 'user' as const, role: 'staff' };
const event = (tenantId: string, action: string, id: string) => ({
  tenantId,
  action,
  actor: staff,
  subject: { type: 'customer', id },
});

describe('live', () => {
  it('streams events another process writes, only within the scope, as tracked ids', async () => {
    const mine = collect(acme, { query: { preset: 'today', timeZone: 'Europe/Moscow' } });
    const deletes = collect(admin, { query: { kinds: ['delete'] } });
    await Promise.all([mine.started, deletes.started]);
    const ids = await recordFromChild(testDb, collection, [
      event('acme', 'customer.created', '1'),
      event('beta', 'customer.created', '2'),
      event('acme', 'customer.deleted', '1'),
      event('beta', 'customer.deleted', '2'),
    ]);
    await mine.waitFor(2);
    await deletes.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(mine.events.map((e) => e.id)).toEqual([ids[0], ids[2]]);
    expect(mine.events.every((e) => e.data.tenantId === 'acme' && e.id === e.data.id)).toBe(true);
    expect(typeof mine.events[0]?.data.occurredAt).toBe('string');
    expect(actions(deletes)).toEqual(['customer.deleted', 'customer.deleted']);
  });

  it('resumes after lastEventId without repeating what was delivered', async () => {
    const ids = await recordFromChild(testDb, collection, [
      event('acme', 'customer.updated', '3'),
      event('acme', 'customer.updated', '4'),
      event('acme', 'customer.updated', '5'),
    ]);
    const resumed = collect(acme, {
      query: { actions: ['customer.updated'] },
      lastEventId: ids[0],
    });
    await resumed.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(resumed.events.map((e) => e.id)).toEqual([ids[1], ids[2]]);
  });

  it('starts from now when no lastEventId is given', async () => {
    await store.record(event('acme', 'customer.archived', '6'), { durable: true });
    const fresh = collect(acme, { query: { actions: ['customer.archived'] } });
    await fresh.started;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const [id] = await recordFromChild(testDb, collection, [
      event('acme', 'customer.archived', '7'),
    ]);
    await fresh.waitFor(1);
    expect(fresh.events.map((e) => e.id)).toEqual([id]);
  });

  it('refuses the anonymous, readers without tenants, and bad input', async () => {
    expect((await collect(clientFor<RouterApp>(url), {}).error)?.data?.code).toBe('UNAUTHORIZED');
    expect((await collect(clientFor<RouterApp>(url, 'nobody'), {}).error)?.data?.code).toBe(
      'FORBIDDEN',
    );
    const bad = collect(acme, { query: JSON.parse('{"__proto__": {"tenants": "*"}}') });
    expect((await bad.error)?.data?.code).toBe('BAD_REQUEST');
    expect((await collect(acme, { lastEventId: 'not-an-id' }).error)?.data?.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('ends the stream once the reader loses access', async () => {
    const revoked = new Set<string>();
    const guarded = await serve(
      createRouterApp(store, {
        authorize: (ctx) => (ctx.user && revoked.has(ctx.user.id) ? null : authorize(ctx)),
        live: { pollIntervalMs: 100, lookbackMs: 2000, reauthorizeMs: 200 },
      }),
    );
    const subscription = collect(clientFor<RouterApp>(guarded.url, 'acme'), {});
    await subscription.started;
    await store.record(event('acme', 'customer.viewed', '8'), { durable: true });
    await subscription.waitFor(1);
    revoked.add('acme');
    expect((await subscription.error)?.data?.code).toBe('UNAUTHORIZED');
  });
});
