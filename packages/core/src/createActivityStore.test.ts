import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActionRegistry } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withActivityContext } from './context.ts';
import { createActivityStore } from './createActivityStore.ts';
import { ActivityError } from './errors.ts';
import { TRUNCATED } from './internal/capMetadata.ts';
import { createTestStore } from './test/storeFixture.ts';

const testDb = await createTestDb('store');
const ADMIN = { tenants: '*' as const };

describe('store.record', () => {
  it('stores a complete event without waiting, filling in what the app left out', async () => {
    const { store, events } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const event = store.record({
      action: 'customer.created',
      actor: { id: 'u1', type: 'user', name: 'Alice Smith', role: 'staff' },
      subject: { type: 'customer', id: '42', label: 'Bob Jones' },
      refs: [{ type: 'organization', id: 'o1' }],
    });
    expect(event?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    await store.flush();
    const doc = await events().findOne({ _id: event?.id ?? '' });
    expect(doc).toMatchObject({
      tenantId: 'acme',
      action: 'customer.created',
      kind: 'create',
      category: 'customer',
      outcome: 'success',
      actor: { id: 'u1', role: 'staff' },
      refKeys: ['customer:42', 'organization:o1'],
    });
    expect(doc?.description).toMatch(/Alice Smith/);
    expect(doc?.expiresAt?.getTime()).toBe((doc?.occurredAt.getTime() ?? 0) + 365 * 86_400_000);
  });

  it('resolves a durable record only once the event is stored', async () => {
    const { store, events } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const event = await store.record({ action: 'order.created' }, { durable: true });
    expect(await events().countDocuments({ _id: event?.id ?? '' })).toBe(1);
  });

  it('takes actor, tenant and correlation id from the activity context', async () => {
    const { store } = await createTestStore(testDb);
    const ids = await withActivityContext(
      { tenantId: 'acme', correlationId: 'job-7' },
      async () => {
        const first = await store.record({ action: 'booking.status_changed' }, { durable: true });
        const second = await withActivityContext(
          { actor: { id: 'u2', type: 'user', name: 'Bob' } },
          () => store.record({ action: 'booking.rescheduled' }, { durable: true }),
        );
        return [first?.id ?? '', second?.id ?? ''];
      },
    );
    const [first, second] = await Promise.all(ids.map((id) => store.get(id, ADMIN)));
    expect(first).toMatchObject({
      tenantId: 'acme',
      actor: { type: 'system' },
      context: { correlationId: 'job-7' },
    });
    expect(second).toMatchObject({
      tenantId: 'acme',
      actor: { id: 'u2' },
      context: { correlationId: 'job-7' },
    });
  });

  it('rejects a malformed event with every problem named, and stores nothing', async () => {
    const { store, events } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const error = (() => {
      try {
        store.record({ action: 'Not An Action!', outcome: 'maybe' as never });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ActivityError);
    expect(error).toMatchObject({ code: 'INVALID_EVENT' });
    expect((error as Error).message).toMatch(/action/);
    expect((error as Error).message).toMatch(/outcome/);
    await store.flush();
    expect(await events().countDocuments()).toBe(0);
  });

  it('validates metadata against the schema the app registered for its action', async () => {
    const actions = createActionRegistry().define('order.refunded', {
      kind: 'update',
      category: 'pos',
      metadata: z.object({ amount: z.number().positive(), reason: z.string() }),
    });
    const { store } = await createTestStore(testDb, { defaultTenantId: 'acme', actions });
    expect(() => store.record({ action: 'order.refunded', metadata: { amount: -5 } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_EVENT',
        message: expect.stringMatching(/order\.refunded.*amount/s),
      }),
    );
    const event = store.record({
      action: 'order.refunded',
      metadata: { amount: 5, reason: 'damaged' },
    });
    expect(event).toMatchObject({ kind: 'update', category: 'pos' });
  });

  it('asks for a tenant when none can be found', async () => {
    const { store } = await createTestStore(testDb);
    expect(() => store.record({ action: 'order.created' })).toThrow(/no tenantId/);
  });

  it('skips subject types whose capture is switched off, also at run time', async () => {
    const { store, events } = await createTestStore(testDb, {
      defaultTenantId: 'acme',
      capture: { payment: false },
    });
    expect(
      store.record({ action: 'payment.created', subject: { type: 'payment', id: '1' } }),
    ).toBeUndefined();
    store.capture.set('invoice', false);
    expect(
      await store.record(
        { action: 'invoice.created', subject: { type: 'invoice', id: '1' } },
        { durable: true },
      ),
    ).toBeUndefined();
    store.capture.set('payment', true);
    store.record({ action: 'payment.created', subject: { type: 'payment', id: '2' } });
    await store.flush();
    expect(await events().distinct('subject.id')).toEqual(['2']);
  });

  it('truncates oversized metadata with a marker instead of dropping it', async () => {
    const { store } = await createTestStore(testDb, {
      defaultTenantId: 'acme',
      metadataMaxBytes: 1000,
    });
    const event = await store.record(
      { action: 'report.exported', metadata: { rows: 10, sql: 'x'.repeat(5000) } },
      { durable: true },
    );
    const stored = await store.get(event?.id ?? '', ADMIN);
    expect(stored.metadata?.rows).toBe(10);
    expect(String(stored.metadata?.sql)).toMatch(
      new RegExp(`${TRUNCATED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    expect(JSON.stringify(stored.metadata).length).toBeLessThan(1000);
  });

  it('keeps metadata keys MongoDB reserves, dotted names and nested arrays', async () => {
    const { store } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const metadata = { $set: { 'a.b': 1 }, list: [{ $inc: 2 }], matrix: [[1, 2], [[3]], []] };
    const event = await store.record({ action: 'order.updated', metadata }, { durable: true });
    expect((await store.get(event?.id ?? '', ADMIN)).metadata).toEqual(metadata);
  });

  it('writes thousands of events in batches and counts them', async () => {
    const { store, events } = await createTestStore(testDb, {
      defaultTenantId: 'acme',
      writer: { batchSize: 250 },
    });
    for (let i = 0; i < 3000; i++)
      store.record({ action: 'order.created', subject: { type: 'order', id: String(i) } });
    await store.flush();
    expect(await events().countDocuments()).toBe(3000);
    expect(store.metrics()).toMatchObject({
      queued: 3000,
      written: 3000,
      pending: 0,
      failed: 0,
      spilled: 0,
    });
  });
});

describe('shutdown', () => {
  it('journals an event recorded after close, and the next store stores it', async () => {
    const journalDir = await mkdtemp(join(tmpdir(), 'ak-late-'));
    const options = {
      client: testDb.client,
      dbName: testDb.db.databaseName,
      collection: 'late',
      journalDir,
      defaultTenantId: 'acme',
    };
    const errors: unknown[] = [];
    const first = createActivityStore({ ...options, onError: (e) => errors.push(e) });
    await first.close();
    const late = first.record({ action: 'order.created' });
    await expect.poll(() => first.metrics().spilled).toBe(1);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'CLOSED' }));

    const second = createActivityStore(options);
    await expect.poll(() => second.metrics().replayed, { timeout: 10_000 }).toBe(1);
    expect((await second.get(late?.id ?? '', ADMIN)).action).toBe('order.created');
    await second.close();
    await rm(journalDir, { recursive: true, force: true });
  });
});

describe('secrets never reach storage', () => {
  const secretKeys = [
    'password',
    'Password',
    'newPassword',
    'api_key',
    'apiKey',
    'X-Api-Key',
    'authorization',
    'Cookie',
    'cardNumber',
    'card_number',
    'cvv',
    'otp',
    'accessToken',
    'client_secret',
  ];

  it('redacts secret fields in changes, snapshots, metadata and nested arrays', async () => {
    const { store, events } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const secret = fc.stringMatching(/^[a-z0-9]{12,20}$/).map((s) => `S3CRET-${s}`);
    const nested = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc
          .record({ key: fc.constantFrom(...secretKeys), secret })
          .map(({ key, secret }) => ({ [key]: secret })),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('profile', 'items', 'data', 'headers'), tie('value'), {
          maxKeys: 3,
        }),
        fc.constant('plain'),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          meta: nested.value,
          snap: nested.value,
          key: fc.constantFrom(...secretKeys),
          direct: secret,
        }),
        async ({ meta, snap, key, direct }) => {
          const event = await store.record(
            {
              action: 'customer.deleted',
              metadata: { meta },
              snapshot: { snap, [key]: direct },
              changes: [
                { path: `profile.${key}`, before: direct, after: `${direct}-new` },
                { path: 'data', before: null, after: meta },
              ],
            },
            { durable: true },
          );
          const json = JSON.stringify(await events().findOne({ _id: event?.id ?? '' }));
          const secrets = json.match(/S3CRET-[a-z0-9]+/g);
          expect(secrets).toBeNull();
          expect(json).toContain(`"path":"profile.${key}"`);
        },
      ),
      { numRuns: 60 },
    );
  });
});
