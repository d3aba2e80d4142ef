import { randomBytes } from 'node:crypto';
import type { ActivityScopeInput, Actor } from '@activitykit/schema';
import { createTestDb, listen as serve } from '@activitykit/test-utils';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { call, createTestStore, listen } from '../test/fixture.ts';
import { activityStreamsApi } from './streamsApi.ts';

const testDb = await createTestDb('api_streams');
const { store } = await createTestStore(testDb, {
  streams: {
    secretKey: randomBytes(32),
    pollIntervalMs: 50,
    settleMs: 0,
    retryBaseMs: 20,
    retryMaxMs: 50,
    timeoutMs: 1000,
  },
});
const ADMIN: Actor = { id: 'u-admin', type: 'user', name: 'Ada Admin', role: 'admin' };
const CALLERS: Record<string, { scope: ActivityScopeInput; actor: Actor }> = {
  admin: { scope: { tenants: '*' }, actor: ADMIN },
  beta: { scope: { tenants: ['beta'] }, actor: { id: 'u-b', type: 'user' } },
  staff: { scope: { tenants: ['acme'], roles: ['staff'] }, actor: { id: 'u-s', type: 'user' } },
};
const app = express();
app.use(
  '/api/activity-streams',
  activityStreamsApi({
    store,
    authorize: (req) => CALLERS[String(req.headers['x-as'])],
    onError: () => {},
  }),
);
const api = `${await listen(app)}/api/activity-streams`;
const as = (who: string) => ({ 'x-as': who });

const arrived: {
  headers: Record<string, unknown>;
  body: { type: string; events: { action: string }[] };
}[] = [];
const receiver = `${await serve((req, res) => {
  let text = '';
  req.on('data', (chunk) => {
    text += chunk;
  });
  req.on('end', () => {
    arrived.push({ headers: req.headers, body: JSON.parse(text) });
    res.writeHead(204).end();
  });
})}/hook`;

describe('the log streams REST API', () => {
  it('creates a webhook stream, shows its secret once, delivers, pauses, resumes and tests it', async () => {
    const created = await call(api, {
      headers: as('admin'),
      body: { tenantId: 'acme', name: 'SIEM', destination: { type: 'webhook', url: receiver } },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const { id } = created.body.stream;
    expect(created.body.stream).toMatchObject({ tenantId: 'acme', secrets: 1, paused: false });

    await store.record(
      {
        tenantId: 'acme',
        action: 'order.created',
        actor: ADMIN,
        subject: { type: 'order', id: '1' },
      },
      { durable: true },
    );
    await expect
      .poll(() => arrived.flatMap((a) => a.body.events.map((e) => e.action)), { timeout: 10_000 })
      .toEqual(['log_stream.created', 'order.created']);
    expect(arrived[0]?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]{44}$/);

    const shown = await call(`${api}/${id}`, { headers: as('admin') });
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain('whsec_');
    expect(shown.body.status).toMatchObject({ state: 'active', consecutiveFailures: 0 });
    await expect
      .poll(
        async () => (await call(`${api}/${id}`, { headers: as('admin') })).body.status.delivered,
      )
      .toBe(2);

    const paused = await call(`${api}/${id}/pause`, { method: 'POST', headers: as('admin') });
    expect(paused.body.status.state).toBe('paused');
    const resumed = await call(`${api}/${id}/resume`, { method: 'POST', headers: as('admin') });
    expect(resumed.body.status.state).toBe('active');
    const tested = await call(`${api}/${id}/test`, { method: 'POST', headers: as('admin') });
    expect(tested.body).toMatchObject({ delivered: true, event: { action: 'log_stream.test' } });
    expect(arrived.some((a) => a.body.type === 'activity.test')).toBe(true);

    const rotated = await call(`${api}/${id}/rotate-secret`, { headers: as('admin'), body: {} });
    expect(rotated.body.stream.secrets).toBe(2);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    const list = await call(api, { headers: as('admin') });
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(list.text).not.toContain('whsec_');

    const patched = await call(`${api}/${id}`, {
      method: 'PATCH',
      headers: as('admin'),
      body: { name: 'Splunk', filter: { q: 'kind:delete' } },
    });
    expect(patched.body).toMatchObject({ name: 'Splunk', filter: { q: 'kind:delete' } });
    const removed = await call(`${api}/${id}`, { method: 'DELETE', headers: as('admin') });
    expect(removed.status).toBe(204);
    expect((await call(`${api}/${id}`, { headers: as('admin') })).status).toBe(404);

    const audit = await store.list({ actions: ['log_stream.*'], limit: 20 }, { tenants: ['acme'] });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'log_stream.created',
      'log_stream.deleted',
      'log_stream.paused',
      'log_stream.resumed',
      'log_stream.secret_rotated',
      'log_stream.updated',
    ]);
  });

  it('answers refusals and bad input as problem documents', async () => {
    const syslog = { type: 'syslog', host: '127.0.0.1', port: 6514 };
    expect((await call(api)).status).toBe(401);
    const { body } = await call(api, {
      headers: as('admin'),
      body: { tenantId: 'acme', name: 'S', destination: syslog },
    });
    const url = `${api}/${body.stream.id}`;
    expect(await call(url, { headers: as('beta') })).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    expect(await call(url, { headers: as('staff') })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    const bad = await call(api, {
      headers: as('admin'),
      body: { tenantId: 'acme', name: 'S', destination: { ...syslog, port: '$gt' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({
      code: 'INVALID_INPUT',
      errors: [{ path: 'destination.port' }],
    });
    const badSearch = await call(url, {
      method: 'PATCH',
      headers: as('admin'),
      body: { filter: { q: '"unclosed' } },
    });
    expect(badSearch.body.code).toMatch(/^INVALID_(SEARCH|QUERY)$/);
    expect((await call(`${api}/nope`, { headers: as('admin') })).body.code).toBe('INVALID_INPUT');
    expect((await call(`${api}?tenant=x`, { headers: as('admin') })).status).toBe(400);
  });
});
