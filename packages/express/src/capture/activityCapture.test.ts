import { ADMIN_SCOPE } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import express, { type ErrorRequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { call, createTestStore, eventually, headerSession, listen } from '../test/fixture.ts';
import { activityCapture } from './activityCapture.ts';

const testDb = await createTestDb('capture');
const { store } = await createTestStore(testDb, { defaultTenantId: 'acme' });
const errors: unknown[] = [];

function buildApp(trustProxy: boolean) {
  const app = express();
  if (trustProxy) app.set('trust proxy', 'loopback');
  app.use(express.json());
  app.use(headerSession);
  app.use(
    activityCapture({
      store,
      login: {
        routes: {
          login: 'POST /login',
          logout: 'POST /logout',
          otpRequest: 'POST /otp',
          otpVerify: 'POST /otp/verify',
        },
      },
      // Single-tenant: every sign-in attempt belongs to the one tenant.
      signInTenant: () => 'acme',
      access: { 'GET /reports/:id': { type: 'report' } },
      capture: { payment: false },
      resources: {
        'POST /orders/:id/refund': { action: 'order.refunded' },
        '/webhooks/:id': false,
      },
      exclude: ['/health', '/internal/*'],
      location: (req) => (req.headers['x-location'] as string | undefined) ?? undefined,
      onError: (error) => errors.push(error),
    }),
  );
  app.post('/customers', (req, res) => {
    req.activity.label(req.body.name).after(req.body);
    res.status(201).json({ id: `c-${req.body.name}`, ...req.body });
  });
  app.patch('/customers/:id', (req, res) => {
    req.activity
      .before({ name: 'Bob', status: 'new', password: 'old-secret' })
      .after({ name: 'Bob', status: 'vip', password: 'new-secret' })
      .label('Bob Jones');
    res.json({ ok: true });
  });
  app.delete('/customers/:id', (req, res) => {
    req.activity.before({ _id: req.params.id, name: 'Bob Jones', password: 'x' });
    res.status(204).end();
  });
  app.post('/customers/:customerId/dependents', (_req, res) => {
    res.status(201).json({ id: 'd-7' });
  });
  app.put('/orders/:id', (_req, res) => {
    res.status(422).json({ error: 'bad total' });
  });
  app.post('/orders/:id/refund', (_req, res) => res.json({ refunded: true }));
  app.post('/boom/:id', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error('database exploded');
  });
  app.post('/payments/:id', (_req, res) => res.json({ ok: true }));
  app.post('/webhooks/:id', (_req, res) => res.json({ ok: true }));
  app.post('/health', (_req, res) => res.json({ ok: true }));
  app.post('/internal/jobs/:id', (_req, res) => res.json({ ok: true }));
  app.post('/login', (req, res) => {
    if (req.body.password !== 'right') return void res.status(401).json({ error: 'no' });
    (req as { user?: unknown }).user = {
      id: 'u-bob',
      name: 'Bob',
      role: 'staff',
      tenantId: 'acme',
    };
    res.json({ ok: true });
  });
  app.post('/logout', (req, res) => {
    (req as { user?: unknown }).user = undefined;
    res.json({ ok: true });
  });
  app.post('/otp', (_req, res) => res.json({ sent: true }));
  app.post('/otp/verify', (req, res) => res.status(req.body.code === '123456' ? 200 : 401).end());
  app.post('/sso', (req, res) => {
    req.activity.login({ success: false, identifier: 'eve@evil.test', reason: 'unknown_user' });
    res.status(401).end();
  });
  app.post('/sso/ok', (req, res) => {
    req.activity.login({
      success: true,
      actor: { id: 'u-sso', type: 'user', role: 'partner' },
    });
    res.end();
  });
  app.get('/reports/:id', (_req, res) => res.json({ rows: [] }));
  app.get('/plain', (_req, res) => res.json({ ok: true }));
  app.get('/invoices/:id/send', (req, res) => {
    req.activity.record({
      action: 'invoice.sent',
      subject: { type: 'invoice', id: String(req.params.id) },
      description: 'Invoice sent by e-mail',
    });
    res.json({ ok: true });
  });
  // biome-ignore lint/complexity/useMaxParams: Express tells error handlers by their four parameters.
  const onFailure: ErrorRequestHandler = (_error, _req, res, _next) => {
    res.status(500).json({ error: 'internal' });
  };
  app.use(onFailure);
  return app;
}

const base = await listen(buildApp(false));
const proxied = await listen(buildApp(true));
const alice = JSON.stringify({
  id: 'u-alice',
  name: 'Alice Smith',
  email: 'alice@acme.test',
  role: 'admin',
  tenantId: 'acme',
});
const asAlice = { 'x-user': alice };

describe('activityCapture: creates, updates and deletes', () => {
  it('records a POST as a create of the route resource, with the id from the response body', async () => {
    const response = await call(`${base}/customers`, {
      body: { name: 'zoe' },
      headers: { ...asAlice, 'x-location': 'north', 'user-agent': 'test-agent/1.0' },
    });
    expect(response.status).toBe(201);
    const [event] = await eventually(store, { subjects: ['customer:c-zoe'] });
    expect(event).toMatchObject({
      tenantId: 'acme',
      action: 'customer.created',
      kind: 'create',
      outcome: 'success',
      actor: { id: 'u-alice', type: 'user', role: 'admin', name: 'Alice Smith' },
      subject: { type: 'customer', id: 'c-zoe', label: 'zoe' },
      context: {
        ip: '127.0.0.1',
        userAgent: 'test-agent/1.0',
        method: 'POST',
        route: '/customers',
        status: 201,
        location: 'north',
      },
    });
    expect(event?.context.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('diffs before and after of an update and redacts secrets', async () => {
    await call(`${base}/customers/42`, { method: 'PATCH', body: {}, headers: asAlice });
    const [event] = await eventually(store, { subjects: ['customer:42'], kinds: ['update'] });
    expect(event).toMatchObject({ action: 'customer.updated', subject: { label: 'Bob Jones' } });
    expect(event?.changes).toContainEqual({ path: 'status', before: 'new', after: 'vip' });
    expect(JSON.stringify(event)).not.toContain('secret');
  });

  it('keeps a redacted snapshot of a delete so it can be restored', async () => {
    await call(`${base}/customers/43`, { method: 'DELETE', headers: asAlice });
    const [event] = await eventually(store, { subjects: ['customer:43'] });
    expect(event).toMatchObject({ action: 'customer.deleted', kind: 'delete' });
    expect(event?.snapshot).toMatchObject({ name: 'Bob Jones', password: '[redacted]' });
  });

  it('links a nested resource to its parent record', async () => {
    await call(`${base}/customers/42/dependents`, { body: {}, headers: asAlice });
    const [event] = await eventually(store, { subjects: ['dependent:d-7'] });
    expect(event?.action).toBe('dependent.created');
    expect(event?.refs.map((ref) => `${ref.type}:${ref.id}`)).toContain('customer:42');
  });

  it('records a rejected mutation as a failure', async () => {
    await call(`${base}/orders/9`, { method: 'PUT', body: {}, headers: asAlice });
    const [event] = await eventually(store, { subjects: ['order:9'] });
    expect(event).toMatchObject({ action: 'order.updated', outcome: 'failure' });
    expect(event?.context.status).toBe(422);
  });

  it('records a thrown async error as a failure, keeping the route id', async () => {
    const response = await call(`${base}/boom/77`, { body: {}, headers: asAlice });
    expect(response.status).toBe(500);
    const [event] = await eventually(store, { subjects: ['boom:77'] });
    expect(event).toMatchObject({ outcome: 'failure', context: { status: 500 } });
  });

  it('applies per-route overrides', async () => {
    await call(`${base}/orders/11/refund`, { body: {}, headers: asAlice });
    const [event] = await eventually(store, {
      subjects: ['order:11'],
      actions: ['order.refunded'],
    });
    expect(event?.kind).toBe('update');
  });

  it('skips switched-off types, overridden-off routes and excluded paths', async () => {
    await call(`${base}/payments/5`, { body: {}, headers: asAlice });
    await call(`${base}/webhooks/5`, { body: {}, headers: asAlice });
    await call(`${base}/health`, { body: {}, headers: asAlice });
    await call(`${base}/internal/jobs/5`, { body: {}, headers: asAlice });
    await call(`${base}/plain`, { headers: asAlice });
    await store.flush();
    const page = await store.list(
      { subjectTypes: ['payment', 'webhook', 'health', 'job', 'plain'] },
      { tenants: '*' },
    );
    expect(page.items).toEqual([]);
  });
});

describe('activityCapture: logins', () => {
  it('records a failed login with the identifier and never the password', async () => {
    await call(`${base}/login`, { body: { email: 'bob@acme.test', password: 'wrong-pass' } });
    const [event] = await eventually(store, {
      kinds: ['login_failed'],
      actions: ['auth.login_failed'],
    });
    expect(event).toMatchObject({
      outcome: 'failure',
      actor: { type: 'anonymous' },
      metadata: { identifier: 'bob@acme.test' },
    });
    expect(JSON.stringify(event)).not.toContain('wrong-pass');
  });

  it('records a successful login with the user the handler signed in', async () => {
    await call(`${base}/login`, { body: { email: 'bob@acme.test', password: 'right' } });
    const [event] = await eventually(store, { kinds: ['login'], actors: ['u-bob'] });
    expect(event).toMatchObject({ action: 'auth.login', actor: { id: 'u-bob', role: 'staff' } });
  });

  it('records a logout with the user who was signed in before the handler ran', async () => {
    await call(`${base}/logout`, { body: {}, headers: asAlice });
    const [event] = await eventually(store, { kinds: ['logout'] });
    expect(event).toMatchObject({ action: 'auth.logout', actor: { id: 'u-alice' } });
  });

  it('records OTP requested, verified and failed', async () => {
    await call(`${base}/otp`, { body: { phone: '+100' }, headers: asAlice });
    await call(`${base}/otp/verify`, { body: { code: '123456' }, headers: asAlice });
    await call(`${base}/otp/verify`, { body: { code: '000000' } });
    const all = (await eventually(store, { actions: ['auth.*'] }, 3)).filter((event) =>
      event.action.startsWith('auth.otp_'),
    );
    const actions = all.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.otp_requested', 'auth.otp_verified', 'auth.otp_failed']),
    );
    expect(JSON.stringify(all)).not.toContain('123456');
  });

  it('records logins reported through req.activity.login()', async () => {
    await call(`${base}/sso`, { body: {} });
    await call(`${base}/sso/ok`, { body: {} });
    const failures = await eventually(store, { kinds: ['login_failed'] }, 3);
    expect(failures.find((event) => event.metadata?.reason === 'unknown_user')).toMatchObject({
      action: 'auth.login_failed',
      outcome: 'failure',
      metadata: { identifier: 'eve@evil.test' },
    });
    const [ok] = await eventually(store, { actors: ['u-sso'] });
    expect(ok).toMatchObject({ kind: 'login', actor: { role: 'partner' } });
    // The sign-in step is what those requests did: no `sso.*` route event besides it.
    await store.flush();
    const routeEvents = await store.list({ actions: ['sso.*'] }, ADMIN_SCOPE);
    expect(routeEvents.items.map((event) => event.action)).toEqual([]);
  });
});

describe('activityCapture: reads, custom events, request facts', () => {
  it('records a configured report read as access', async () => {
    await call(`${base}/reports/sales?month=2026-11&token=s3cr3t`, { headers: asAlice });
    const [event] = await eventually(store, { kinds: ['access'], subjects: ['report:sales'] });
    expect(event).toMatchObject({
      action: 'report.viewed',
      metadata: { query: { month: '2026-11', token: '[redacted]' } },
    });
    expect(JSON.stringify(event)).not.toContain('s3cr3t');
  });

  it('records a custom event from a GET handler', async () => {
    await call(`${base}/invoices/5/send`, { headers: asAlice });
    const [event] = await eventually(store, { actions: ['invoice.sent'] });
    expect(event).toMatchObject({
      description: 'Invoice sent by e-mail',
      actor: { id: 'u-alice' },
    });
  });

  it('echoes an incoming X-Request-Id and makes one when absent', async () => {
    const given = await call(`${base}/plain`, { headers: { 'x-request-id': 'req-abc-1' } });
    expect(given.headers.get('x-request-id')).toBe('req-abc-1');
    const made = await call(`${base}/plain`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await call(`${base}/plain`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores a spoofed X-Forwarded-For unless trust proxy is set', async () => {
    await call(`${base}/customers/501`, {
      method: 'DELETE',
      headers: { ...asAlice, 'x-forwarded-for': '6.6.6.6' },
    });
    const [plain] = await eventually(store, { subjects: ['customer:501'] });
    expect(plain?.context.ip).toBe('127.0.0.1');
    await call(`${proxied}/customers/502`, {
      method: 'DELETE',
      headers: { ...asAlice, 'x-forwarded-for': '203.0.113.9' },
    });
    const [trusted] = await eventually(store, { subjects: ['customer:502'] });
    expect(trusted?.context.ip).toBe('203.0.113.9');
  });
});

describe('activityCapture: never breaks the response', () => {
  it('sends store failures to onError and answers normally', async () => {
    const failures: unknown[] = [];
    const app = express();
    app.use(
      activityCapture({
        store: {
          record: () => {
            throw new Error('store down');
          },
        } as never,
        onError: (error) => failures.push(error),
      }),
    );
    app.post('/things/:id', (_req, res) => res.json({ ok: true }));
    const url = await listen(app);
    const response = await call(`${url}/things/1`, { body: {} });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures).toHaveLength(1);
  });

  it('refuses options without a store', () => {
    expect(() => activityCapture({} as never)).toThrow(/needs \{ store \}/);
  });

  it('records nothing invalid silently', () => {
    expect(errors).toEqual([]);
  });
});
