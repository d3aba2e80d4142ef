import { noteDataLayerWrite } from '@activitykit/core';
import type { ActivityEvent, Change } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ActivityProcedureMeta } from '../meta.ts';
import { createTestStore, serve, type TestContext } from '../test/harness.ts';
import { activityMiddleware } from './activityMiddleware.ts';

const testDb = await createTestDb('trpc_data_layer');
const { store } = await createTestStore(testDb);
const errors: unknown[] = [];
const renamed: Change[] = [{ path: 'name', before: 'Bob', after: 'Robert' }];
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** What the data layer does for each record it writes: note it, record its event with the changes. */
function dataLayerWrite(subject: string, action: string, changes?: Change[]): void {
  const [type = '', id = ''] = subject.split(':');
  noteDataLayerWrite({ type, id });
  store.record({ action, subject: { type, id }, ...(changes ? { changes } : {}) });
}

const t = initTRPC.context<TestContext>().meta<ActivityProcedureMeta>().create();
const audited = t.procedure.use(
  activityMiddleware<TestContext>({ store, onError: (error) => errors.push(error) }),
);
const id = z.object({ id: z.string() });
const router = t.router({
  note: t.router({
    pin: audited.input(id).mutation(async ({ input }) => {
      await pause();
      await Promise.resolve().then(() =>
        store.record({ action: 'note.pinned', subject: { type: 'note', id: input.id } }),
      );
      return { ok: true };
    }),
    /** Names the actor while it runs (a sign-in, an impersonation): later events get it. */
    pinAs: audited.input(id).mutation(async ({ input, ctx }) => {
      ctx.activity.actor({ id: 'u-robot', type: 'api_key', name: 'Robot' });
      await pause();
      store.record({ action: 'note.pinned_as', subject: { type: 'note', id: input.id } });
      return { ok: true };
    }),
  }),
  customer: t.router({
    create: audited
      .meta({ activity: { action: 'customer.created', subject: { type: 'customer' } } })
      .input(z.object({ name: z.string() }))
      .mutation(async ({ input }) => {
        await pause();
        dataLayerWrite('customer:c-new', 'customer.created', [
          { path: 'name', before: null, after: input.name },
        ]);
        return { id: 'c-new', name: input.name };
      }),
    update: audited
      .meta({ activity: { action: 'customer.updated', subject: { type: 'customer' } } })
      .input(id)
      .mutation(async ({ input, ctx }) => {
        ctx.activity.before({ name: 'Bob' });
        await pause();
        dataLayerWrite(`customer:${input.id}`, 'customer.updated', renamed);
        ctx.activity.after({ name: 'Robert' });
        return { id: input.id };
      }),
    delete: audited
      .meta({ activity: { action: 'customer.deleted', subject: { type: 'customer' } } })
      .input(id)
      .mutation(async ({ input }) => {
        await pause();
        dataLayerWrite(`customer:${input.id}`, 'customer.deleted');
      }),
    merge: audited.input(z.object({ ids: z.array(z.string()) })).mutation(async ({ input }) => {
      for (const each of input.ids) {
        await pause();
        dataLayerWrite(`customer:${each}`, 'customer.updated', renamed);
      }
      return { merged: input.ids.length };
    }),
    archiveInactive: audited.mutation(async () => {
      await pause();
      dataLayerWrite('customer:c-old', 'customer.archived');
    }),
    archiveInactiveNamed: audited
      .meta({ activity: { action: 'customer.archive_inactive' } })
      .mutation(async () => {
        await pause();
        dataLayerWrite('customer:c-older', 'customer.archived');
      }),
    move: audited
      .meta({ activity: { action: 'customer.moved', subject: { type: 'customer' } } })
      .input(id)
      .mutation(async ({ input }) => {
        await pause();
        // The data layer wrote another record, not this one: the call's event stays.
        dataLayerWrite(`address:a-${input.id}`, 'address.updated', renamed);
        return { id: input.id };
      }),
  }),
});
const { url } = await serve(router);

let calls = 0;
/** A client signed in as Pat (tenant acme) that sends its own user agent and request id. */
function client(requestId: string) {
  return createTRPCClient<typeof router>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: { 'x-user': 'acme', 'user-agent': 'pat-browser/3.1', 'x-request-id': requestId },
      }),
    ],
  });
}

/** Every event one request recorded, once `count` of them are stored. */
function eventsOf(requestId: string, count: number): Promise<ActivityEvent[]> {
  const read = async () =>
    (await store.list({ limit: 200 }, { tenants: '*' })).items.filter(
      (event) => event.context.requestId === requestId,
    );
  return flushedUntil(store, read, count);
}

/** Runs `fn` with a client of a fresh request id; gives the id. */
async function request(fn: (api: ReturnType<typeof client>) => Promise<unknown>) {
  const requestId = `req-${++calls}-${Date.now()}`;
  await fn(client(requestId));
  return requestId;
}

describe('the activity context of a call', () => {
  it('gives a store.record() deep in a procedure, after awaits, the request’s actor and context', async () => {
    const requestId = await request((api) => api.note.pin.mutate({ id: 'n-1' }));
    const events = await eventsOf(requestId, 2);
    const pinned = events.find((event) => event.action === 'note.pinned');
    expect(pinned).toMatchObject({
      tenantId: 'acme',
      actor: { id: 'acme', type: 'user', name: 'Pat Partner', role: 'partner' },
      context: { userAgent: 'pat-browser/3.1', requestId, correlationId: requestId },
    });
    expect(pinned?.context.ip).toMatch(/^(::1|(::ffff:)?127\.0\.0\.1)$/);
    // The call's own event shares the correlation id.
    const route = events.find((event) => event.action === 'note.pin');
    expect(route?.context).toMatchObject({ requestId, correlationId: requestId });
  });

  it('reads the actor late: one the procedure names reaches what it records afterwards', async () => {
    const requestId = await request((api) => api.note.pinAs.mutate({ id: 'n-2' }));
    const events = await eventsOf(requestId, 2);
    const pinned = events.find((event) => event.action === 'note.pinned_as');
    expect(pinned?.actor).toMatchObject({ id: 'u-robot', type: 'api_key' });
    expect(pinned?.tenantId).toBe('acme');
  });

  it('takes the correlation id from an x-correlation-id header', async () => {
    const api = createTRPCClient<typeof router>({
      links: [
        httpLink({
          url: `${url}/trpc`,
          headers: { 'x-user': 'acme', 'x-request-id': 'req-corr', 'x-correlation-id': 'imp-9' },
        }),
      ],
    });
    await api.note.pin.mutate({ id: 'n-3' });
    const events = await eventsOf('req-corr', 2);
    expect(events.map((event) => event.context.correlationId)).toEqual(['imp-9', 'imp-9']);
  });
});

describe('no double events: the data layer’s event, not the call’s', () => {
  it('create: one customer.created, with the data layer’s changes', async () => {
    const requestId = await request((api) => api.customer.create.mutate({ name: 'Ann' }));
    const events = await eventsOf(requestId, 1);
    expect(events.map((event) => event.action)).toEqual(['customer.created']);
    expect(events[0]?.changes).toEqual([{ path: 'name', before: null, after: 'Ann' }]);
  });

  it('update: one customer.updated, though the procedure also gave before/after', async () => {
    const requestId = await request((api) => api.customer.update.mutate({ id: 'c-42' }));
    const events = await eventsOf(requestId, 1);
    expect(events.map((event) => `${event.action} ${event.subject?.id}`)).toEqual([
      'customer.updated c-42',
    ]);
    expect(events[0]?.changes).toEqual(renamed);
  });

  it('delete: one customer.deleted', async () => {
    const requestId = await request((api) => api.customer.delete.mutate({ id: 'c-43' }));
    const events = await eventsOf(requestId, 1);
    expect(events.map((event) => `${event.action} ${event.subject?.id}`)).toEqual([
      'customer.deleted c-43',
    ]);
  });

  it('a call that writes three records: three events, one correlation id, no call event', async () => {
    const requestId = await request((api) =>
      api.customer.merge.mutate({ ids: ['m-1', 'm-2', 'm-3'] }),
    );
    const events = await eventsOf(requestId, 3);
    expect(events.map((event) => event.subject?.id).sort()).toEqual(['m-1', 'm-2', 'm-3']);
    expect(new Set(events.map((event) => event.context.correlationId))).toEqual(
      new Set([requestId]),
    );
    expect(events.every((event) => event.actor.id === 'acme')).toBe(true);
    // The call's event would be recorded right after the procedure settled: none comes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await eventsOf(requestId, 3)).toHaveLength(3);
  });

  it('a call naming no record: only the data layer’s events, unless its meta names an action', async () => {
    const plain = await request((api) => api.customer.archiveInactive.mutate());
    expect((await eventsOf(plain, 1)).map((event) => event.action)).toEqual(['customer.archived']);
    const named = await request((api) => api.customer.archiveInactiveNamed.mutate());
    const actions = (await eventsOf(named, 2)).map((event) => event.action);
    expect(actions.sort()).toEqual(['customer.archive_inactive', 'customer.archived']);
  });

  it('a call whose subject the data layer did not write keeps its own event', async () => {
    const requestId = await request((api) => api.customer.move.mutate({ id: 'c-44' }));
    const events = await eventsOf(requestId, 2);
    expect(events.map((event) => `${event.action} ${event.subject?.id}`).sort()).toEqual([
      'address.updated a-c-44',
      'customer.moved c-44',
    ]);
    expect(errors).toEqual([]);
  });
});
