import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { type CaptureApp, createCaptureApp } from '../test/captureApp.ts';
import { clientFor, createTestStore, serve, settle, type TestContext } from '../test/harness.ts';
import type { SignInAttempt } from './signIn.ts';

const testDb = await createTestDb('trpc_sign_in');
const { store, collection } = await createTestStore(testDb);
const errors: unknown[] = [];
const { url } = await serve(createCaptureApp(store, { onError: (error) => errors.push(error) }));
const staff = clientFor<CaptureApp>(url, 'acme');
const anonymous = clientFor<CaptureApp>(url);

/** The newest event with `action`, after everything recorded so far is stored. */
async function latest(action: string): Promise<ActivityEvent | undefined> {
  await settle(store);
  const page = await store.list({ actions: [action], limit: 1 }, { tenants: '*' });
  return page.items[0];
}

describe('activityMiddleware sign-in steps', () => {
  it('records a login with the actor the procedure names', async () => {
    await anonymous.auth.login.mutate({ email: 'bob@acme.test', password: 'right' });
    expect(await latest('auth.login')).toMatchObject({
      kind: 'login',
      tenantId: 'acme',
      category: 'logins',
      actor: { id: 'u-bob', type: 'user', role: 'staff' },
      metadata: { identifier: 'bob@acme.test' },
    });
  });

  it('records a failed login with the attempted identifier and never the password', async () => {
    await expect(
      clientFor<CaptureApp>(url, 'beta').auth.login.mutate({
        email: 'mallory@x.test',
        password: 'guess-1',
      }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    const event = await latest('auth.login_failed');
    expect(event).toMatchObject({
      kind: 'login_failed',
      outcome: 'failure',
      tenantId: 'beta',
      actor: { type: 'anonymous' },
      metadata: { identifier: 'mallory@x.test' },
      context: { status: 401 },
    });
    expect(JSON.stringify(event)).not.toContain('guess-1');
  });

  it('records logout and the OTP steps', async () => {
    await staff.auth.logout.mutate();
    expect(await latest('auth.logout')).toMatchObject({ kind: 'logout', actor: { id: 'acme' } });
    await staff.auth.otpRequest.mutate({ phone: '+100' });
    expect(await latest('auth.otp_requested')).toMatchObject({ metadata: { identifier: '+100' } });
    await staff.auth.otpVerify.mutate({ email: 'pat@acme.test', code: '123456' });
    expect(await latest('auth.otp_verified')).toMatchObject({ outcome: 'success' });
    await expect(
      staff.auth.otpVerify.mutate({ email: 'pat@acme.test', code: '000000' }),
    ).rejects.toThrow();
    expect(await latest('auth.otp_failed')).toMatchObject({
      kind: 'login_failed',
      outcome: 'failure',
      metadata: { identifier: 'pat@acme.test' },
    });
  });

  it('does not put a failed sign-in nobody can place into a default tenant, and says what to set', async () => {
    const before = errors.length;
    await expect(
      anonymous.auth.login.mutate({ email: 'nobody-knows@x.test', password: 'guess-2' }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await settle(store);
    const stored = await store.list({ q: '"nobody-knows@x.test"', limit: 5 }, { tenants: '*' });
    expect(stored.items).toEqual([]);
    const found = await testDb.db
      .collection(collection)
      .countDocuments({ 'metadata.identifier': 'nobody-knows@x.test' });
    expect(found).toBe(0);
    // Taken out of the list: the last test checks that nothing else failed to record.
    const reported = errors.splice(before).map((error) => (error as Error).message);
    expect(reported.join('\n')).toMatch(
      /sign-in attempt \(auth\.login_failed\) was not recorded: nobody is signed in and no signInTenant/,
    );
  });

  it('keeps at most 320 characters of a typed identifier, trimmed, as REST does', async () => {
    const typed = `  ${'x'.repeat(400)}@acme.test  `;
    await expect(
      clientFor<CaptureApp>(url, 'beta').auth.login.mutate({ email: typed, password: 'guess-2' }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    const failed = await latest('auth.login_failed');
    expect(failed?.metadata?.identifier).toBe('x'.repeat(320));
    await staff.auth.manual.mutate({ email: typed });
    expect((await latest('auth.otp_requested'))?.metadata?.identifier).toBe('x'.repeat(320));
  });

  it('records explicit sign-in events from ctx.activity', async () => {
    await staff.auth.manual.mutate({ email: 'locked@acme.test' });
    expect(await latest('auth.login_failed')).toMatchObject({
      actor: { type: 'anonymous' },
      metadata: { identifier: 'locked@acme.test', reason: 'locked' },
    });
    expect(await latest('auth.otp_requested')).toMatchObject({
      metadata: { identifier: 'locked@acme.test' },
    });
  });

  it('records a sign-in whose input failed validation, in the tenant signInTenant names', async () => {
    const attempts: SignInAttempt<TestContext>[] = [];
    const strict = await serve(
      createCaptureApp(store, {
        onError: (error) => errors.push(error),
        signInTenant: async (attempt) => {
          attempts.push(attempt);
          return attempt.identifier?.endsWith('@beta.test') ? 'beta' : undefined;
        },
      }),
    );
    const attempt = { email: 'mallory@beta.test', password: 'pw-7Zq' }; // too short: invalid
    await expect(
      clientFor<CaptureApp>(strict.url).auth.strictLogin.mutate(attempt),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    const event = await latest('auth.login_failed');
    expect(event).toMatchObject({
      tenantId: 'beta',
      kind: 'login_failed',
      outcome: 'failure',
      category: 'logins',
      actor: { type: 'anonymous' },
      metadata: { identifier: 'mallory@beta.test', error: { code: 'BAD_REQUEST' } },
      context: { status: 400, route: 'auth.strictLogin' },
    });
    expect(JSON.stringify(event)).not.toContain('pw-7Zq');
    expect(attempts).toEqual([
      expect.objectContaining({ identifier: 'mallory@beta.test', input: attempt }),
    ]);

    // Neither a signed-in caller (the tenant resolver places it) nor a procedure that names the
    // tenant itself is asked about.
    await expect(
      clientFor<CaptureApp>(strict.url, 'acme').auth.strictLogin.mutate({
        email: 'pat@beta.test',
        password: 'short',
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    expect(await latest('auth.login_failed')).toMatchObject({
      tenantId: 'acme',
      metadata: { identifier: 'pat@beta.test' },
    });
    await expect(
      clientFor<CaptureApp>(strict.url).auth.strictLogin.mutate({
        email: 'eve@beta.test',
        password: 'long-enough-1',
      }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(await latest('auth.login_failed')).toMatchObject({
      tenantId: 'acme',
      metadata: { identifier: 'eve@beta.test' },
    });
    expect(attempts).toHaveLength(1);
  });

  it('had no recording failures', () => {
    expect(errors).toEqual([]);
  });
});
