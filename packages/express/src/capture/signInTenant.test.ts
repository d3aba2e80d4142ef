import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import express, { type Request } from 'express';
import { describe, expect, it } from 'vitest';
import { call, createTestStore, headerSession, listen } from '../test/fixture.ts';
import { activityCapture } from './activityCapture.ts';
import type { ActivityCaptureOptions } from './options.ts';

// A multi-tenant app whose users carry their tenant (the README's setup): the store's default
// tenant is one real customer, `acme`. A failed sign-in has no user, so nothing on the request
// says whose it was — recording it in `acme` would show acme's administrators beta's users.
const testDb = await createTestDb('sign_in_tenant');
const { store, collection } = await createTestStore(testDb, { defaultTenantId: 'acme' });
const events = testDb.db.collection<ActivityEvent & { _id: string }>(collection);

const USERS: Record<string, string> = { 'bob@beta.test': 'beta', 'ann@acme.test': 'acme' };

/** An app with capture configured by `options`, sign-in routes, and a header-borne session. */
async function startApp(options: Partial<ActivityCaptureOptions>) {
  const reported: unknown[] = [];
  const app = express();
  app.use(express.json());
  app.use(headerSession);
  app.use(
    activityCapture({
      store,
      login: { routes: { login: 'POST /login', otpVerify: 'POST /otp/verify' } },
      onError: (error) => reported.push(error),
      ...options,
    }),
  );
  app.post('/login', (_req, res) => void res.status(401).json({ error: 'wrong password' }));
  app.post('/otp/verify', (_req, res) => void res.status(401).end());
  app.post('/sso', (req, res) => {
    req.activity.login({ success: false, identifier: String(req.body.email), reason: 'no_user' });
    res.status(401).end();
  });
  app.post('/sso/ok', (req, res) => {
    req.activity.login({ success: true, actor: { id: 'u-sso', type: 'user' } });
    res.end();
  });
  return { base: await listen(app), reported };
}

/** The sign-in events stored for `marker` (in `metadata.identifier`), read from MongoDB. */
function storedFor(marker: string, count: number) {
  const read = () =>
    events
      .find({ 'metadata.identifier': { $regex: marker } })
      .sort({ _id: 1 })
      .toArray();
  return flushedUntil(store, read, count);
}

/** Waits for `reported` to hold `count` errors. */
async function reports(reported: unknown[], count: number): Promise<unknown[]> {
  const deadline = Date.now() + 5000;
  while (reported.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return reported;
}

describe('capture: the tenant of a sign-in attempt (signInTenant)', () => {
  it('records a failed sign-in nowhere, and says to set signInTenant, when no tenant is known', async () => {
    const { base, reported } = await startApp({});
    await call(`${base}/login`, { body: { email: 'bob@beta.test#none', password: 'x' } });
    await call(`${base}/sso`, { body: { email: 'bob@beta.test#none' } });
    await call(`${base}/otp/verify`, { body: { phone: '+1 555 beta#none' } });
    expect(await reports(reported, 3)).toHaveLength(3);
    for (const error of reported) {
      expect(String(error)).toMatch(/signInTenant/);
      expect(String(error)).not.toContain('bob@beta.test'); // no typed e-mail in the server's log
    }
    await store.flush();
    expect(await events.countDocuments({ 'metadata.identifier': { $regex: '#none' } })).toBe(0);
  });

  it('puts each failed sign-in in the tenant signInTenant finds from the identifier', async () => {
    const seen: { identifier?: string; isRequest: boolean }[] = [];
    const { base, reported } = await startApp({
      signInTenant: async ({ identifier, req }) => {
        seen.push({ identifier, isRequest: typeof (req as Request).get === 'function' });
        await new Promise((resolve) => setTimeout(resolve, 5)); // a user lookup
        return USERS[identifier?.split('#')[0] ?? ''];
      },
    });
    await call(`${base}/login`, { body: { email: 'bob@beta.test#id', password: 'hunter2' } });
    await call(`${base}/login`, { body: { email: 'ann@acme.test#id', password: 'hunter2' } });
    await call(`${base}/sso`, { body: { email: 'bob@beta.test#id' } });
    const stored = await storedFor('#id', 3);
    expect(stored.map((event) => [event.metadata?.identifier, event.tenantId]).sort()).toEqual([
      ['ann@acme.test#id', 'acme'],
      ['bob@beta.test#id', 'beta'],
      ['bob@beta.test#id', 'beta'],
    ]);
    for (const event of stored) {
      expect(event).toMatchObject({ kind: 'login_failed', outcome: 'failure' });
      expect(event.context.ip).toBe('127.0.0.1');
      expect(JSON.stringify(event)).not.toContain('hunter2');
    }
    expect(seen).toContainEqual({ identifier: 'bob@beta.test#id', isRequest: true });
    expect(reported).toEqual([]);
  });

  it('finds the tenant from the request (a header, the host, the path)', async () => {
    const { base } = await startApp({ signInTenant: ({ req }) => req.get('x-tenant') });
    await call(`${base}/login`, {
      body: { email: 'someone#header', password: 'x' },
      headers: { 'x-tenant': 'beta' },
    });
    await call(`${base}/otp/verify`, {
      body: { phone: '+1 555 0100#header' },
      headers: { 'x-tenant': 'beta' },
    });
    const stored = await storedFor('#header', 2);
    expect(stored.map((event) => [event.action, event.tenantId]).sort()).toEqual([
      ['auth.login_failed', 'beta'],
      ['auth.otp_failed', 'beta'],
    ]);
  });

  it('keeps the signed-in user’s tenant, and asks signInTenant only when there is none', async () => {
    const asked: unknown[] = [];
    const { base } = await startApp({
      signInTenant: ({ identifier }) => {
        asked.push(identifier);
        return 'beta';
      },
    });
    const user = JSON.stringify({ id: 'u-ann', tenantId: 'acme' });
    await call(`${base}/sso`, {
      body: { email: 'ann@acme.test#user' },
      headers: { 'x-user': user },
    });
    const [event] = await storedFor('#user', 1);
    expect(event?.tenantId).toBe('acme');
    expect(asked).toEqual([]);
  });

  it('records nothing when signInTenant names no tenant or fails, and reports why', async () => {
    const { base, reported } = await startApp({
      signInTenant: ({ identifier }) => {
        if (identifier?.includes('throws')) throw new Error('user directory is down');
        if (identifier?.includes('blank')) return '' as string;
        return undefined;
      },
    });
    for (const email of ['x#unknown', 'x#throws', 'x#blank']) {
      await call(`${base}/login`, { body: { email, password: 'x' } });
    }
    const errors = (await reports(reported, 3)).map(String);
    expect(errors).toHaveLength(3);
    expect(errors).toContainEqual(expect.stringContaining('user directory is down'));
    for (const text of errors) expect(text).toMatch(/not recorded.*signInTenant/);
    await store.flush();
    const stored = await events.countDocuments({
      'metadata.identifier': { $regex: '#(unknown|throws|blank)' },
    });
    expect(stored).toBe(0);
  });

  it('records a single-tenant app’s sign-ins in its one tenant', async () => {
    const { base } = await startApp({ signInTenant: () => 'acme' });
    await call(`${base}/login`, { body: { email: 'ann@acme.test#single', password: 'x' } });
    const [event] = await storedFor('#single', 1);
    expect(event).toMatchObject({ tenantId: 'acme', action: 'auth.login_failed' });
  });
});
