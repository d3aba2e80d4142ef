import { noteDataLayerWrite, SYSTEM_ACTOR, withActivityContext } from '@activitykit/core';
import type { Change } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { call, createTestStore, eventually, headerSession, listen } from '../test/fixture.ts';
import { activityCapture } from './activityCapture.ts';

const testDb = await createTestDb('capture_context');
const { store } = await createTestStore(testDb, { defaultTenantId: 'acme' });
const errors: unknown[] = [];

/** What the data layer does for each record it writes: note it, record its event with the changes. */
function dataLayerWrite(subject: string, action: string, changes?: Change[]): void {
  const [type = '', id = ''] = subject.split(':');
  noteDataLayerWrite({ type, id });
  store.record({ action, subject: { type, id }, ...(changes ? { changes } : {}) });
}
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const renamed: Change[] = [{ path: 'name', before: 'Bob', after: 'Robert' }];

const app = express();
// The capture runs first; the session and the body parser after it (actor read late).
app.use(
  activityCapture({
    store,
    correlationId: (req) => req.get('x-correlation-id'),
    tenant: (req) =>
      req.res?.locals.tenant ?? (req as { user?: { tenantId?: string } }).user?.tenantId,
    onError: (error) => errors.push(error),
  }),
);
app.use(headerSession);
app.use(express.json());
app.post('/notes/:id', async (req, res) => {
  await pause();
  await Promise.resolve().then(() =>
    store.record({ action: 'note.pinned', subject: { type: 'note', id: String(req.params.id) } }),
  );
  res.json({ ok: true });
});
app.post('/notes/:id/move', async (req, res) => {
  store.record({ action: 'note.read', subject: { type: 'note', id: String(req.params.id) } });
  await pause();
  // The handler names the record's tenant once it has loaded it.
  res.locals.tenant = 'initech';
  store.record({ action: 'note.moved', subject: { type: 'note', id: String(req.params.id) } });
  res.json({ ok: true });
});
app.post('/customers', async (req, res) => {
  await pause();
  dataLayerWrite('customer:c-new', 'customer.created', [
    { path: 'name', before: null, after: req.body.name },
  ]);
  res.status(201).json({ id: 'c-new', name: req.body.name });
});
app.patch('/customers/:id', async (req, res) => {
  await pause();
  // A hand-written before/after too: the data layer's event wins, not two events.
  req.activity.before({ name: 'Bob' }).after({ name: 'Robert' });
  dataLayerWrite(`customer:${req.params.id}`, 'customer.updated', renamed);
  res.json({ ok: true });
});
app.delete('/customers/:id', async (req, res) => {
  await pause();
  dataLayerWrite(`customer:${req.params.id}`, 'customer.deleted');
  res.status(204).end();
});
app.post('/customers/merge', async (req, res) => {
  for (const id of req.body.ids as string[]) {
    await pause();
    dataLayerWrite(`customer:${id}`, 'customer.updated', renamed);
  }
  res.json({ merged: req.body.ids.length });
});
app.post('/customers/archive-inactive', async (req, res) => {
  await pause();
  dataLayerWrite('customer:c-old', 'customer.archived');
  if (req.body.named) req.activity.action('customer.archive_inactive');
  res.json({ archived: 1 });
});
app.put('/customers/:id', async (req, res) => {
  await pause();
  // The data layer wrote another record, not this one: the route's event stays.
  dataLayerWrite(`address:a-${req.params.id}`, 'address.updated', renamed);
  res.json({ ok: true });
});
const base = await listen(app);

const olga = { id: 'u-olga', name: 'Olga', role: 'admin', tenantId: 'globex' };
const asOlga = { 'x-user': JSON.stringify(olga), 'user-agent': 'olga-browser/2.0' };

/** Every event of one request, by its request id. */
async function eventsOf(requestId: string | null, count: number) {
  const read = async () =>
    (await store.list({ limit: 200 }, { tenants: '*' })).items.filter(
      (event) => event.context.requestId === requestId,
    );
  return flushedUntil(store, read, count);
}

describe('the activity context of a request', () => {
  it('gives a store.record() deep in a handler, after awaits, the request’s actor and context', async () => {
    const response = await call(`${base}/notes/n-1`, { body: {}, headers: asOlga });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    const [pinned] = await eventually(store, { actions: ['note.pinned'] });
    expect(pinned).toMatchObject({
      tenantId: 'globex',
      actor: { id: 'u-olga', type: 'user', name: 'Olga', role: 'admin' },
      context: {
        ip: '127.0.0.1',
        userAgent: 'olga-browser/2.0',
        requestId,
        correlationId: requestId,
      },
    });
    // The route's own event shares the correlation id: the two read as one action.
    const [route] = await eventually(store, { actions: ['note.updated'] });
    expect(route?.context).toMatchObject({ requestId, correlationId: requestId });
  });

  it('reads the tenant at each record: one the handler names later is the later events’', async () => {
    const response = await call(`${base}/notes/n-3/move`, { body: {}, headers: asOlga });
    const events = await eventsOf(response.headers.get('x-request-id'), 3);
    const tenants = Object.fromEntries(events.map((event) => [event.action, event.tenantId]));
    expect(tenants).toEqual({
      'note.read': 'globex',
      'note.moved': 'initech',
      'note.move': 'initech',
    });
  });

  it('takes the correlation id the app supplies', async () => {
    const response = await call(`${base}/notes/n-2`, {
      body: {},
      headers: { ...asOlga, 'x-correlation-id': 'import-2026-12' },
    });
    const events = await eventsOf(response.headers.get('x-request-id'), 2);
    expect(events.map((event) => event.context.correlationId)).toEqual([
      'import-2026-12',
      'import-2026-12',
    ]);
  });

  it('gives a job the system actor and its own correlation id', async () => {
    await withActivityContext({ tenantId: 'globex', correlationId: 'nightly-7' }, async () => {
      await pause();
      store.record({ action: 'booking.expired', subject: { type: 'booking', id: 'b-1' } });
    });
    const [event] = await eventually(store, { actions: ['booking.expired'] });
    expect(event).toMatchObject({ actor: SYSTEM_ACTOR, context: { correlationId: 'nightly-7' } });
    expect(event?.context.requestId).toBeUndefined();
  });
});

describe('no double events: the data layer’s event, not the route’s', () => {
  it('create: one customer.created, with the data layer’s changes', async () => {
    const response = await call(`${base}/customers`, { body: { name: 'Ann' }, headers: asOlga });
    const events = await eventsOf(response.headers.get('x-request-id'), 1);
    expect(events.map((event) => event.action)).toEqual(['customer.created']);
    expect(events[0]?.changes).toEqual([{ path: 'name', before: null, after: 'Ann' }]);
  });

  it('update: one customer.updated, though the handler also gave before/after', async () => {
    const response = await call(`${base}/customers/c-42`, {
      method: 'PATCH',
      body: {},
      headers: asOlga,
    });
    const events = await eventsOf(response.headers.get('x-request-id'), 1);
    expect(events.map((event) => `${event.action} ${event.subject?.id}`)).toEqual([
      'customer.updated c-42',
    ]);
    expect(events[0]?.changes).toEqual(renamed);
  });

  it('delete: one customer.deleted', async () => {
    const response = await call(`${base}/customers/c-43`, { method: 'DELETE', headers: asOlga });
    const events = await eventsOf(response.headers.get('x-request-id'), 1);
    expect(events.map((event) => `${event.action} ${event.subject?.id}`)).toEqual([
      'customer.deleted c-43',
    ]);
  });

  it('a route that writes three records: three events, one correlation id, no route event', async () => {
    const response = await call(`${base}/customers/merge`, {
      body: { ids: ['m-1', 'm-2', 'm-3'] },
      headers: asOlga,
    });
    const requestId = response.headers.get('x-request-id');
    const events = await eventsOf(requestId, 3);
    expect(events.map((event) => event.subject?.id).sort()).toEqual(['m-1', 'm-2', 'm-3']);
    expect(new Set(events.map((event) => event.context.correlationId))).toEqual(
      new Set([requestId]),
    );
    expect(events.every((event) => event.actor.id === 'u-olga')).toBe(true);
    // Nothing else arrives for the request.
    await store.flush();
    expect(await eventsOf(requestId, 3)).toHaveLength(3);
  });

  it('a route naming no record: only the data layer’s events, unless the app names its action', async () => {
    const plain = await call(`${base}/customers/archive-inactive`, { body: {}, headers: asOlga });
    expect((await eventsOf(plain.headers.get('x-request-id'), 1)).map((e) => e.action)).toEqual([
      'customer.archived',
    ]);
    const named = await call(`${base}/customers/archive-inactive`, {
      body: { named: true },
      headers: asOlga,
    });
    const actions = (await eventsOf(named.headers.get('x-request-id'), 2)).map((e) => e.action);
    expect(actions.sort()).toEqual(['customer.archive_inactive', 'customer.archived']);
  });

  it('a route whose record the data layer did not write keeps its own event', async () => {
    const response = await call(`${base}/customers/c-44`, {
      method: 'PUT',
      body: {},
      headers: asOlga,
    });
    const events = await eventsOf(response.headers.get('x-request-id'), 2);
    expect(events.map((event) => `${event.action} ${event.subject?.id}`).sort()).toEqual([
      'address.updated a-c-44',
      'customer.updated c-44',
    ]);
    expect(errors).toEqual([]);
  });
});
