import { activityApi } from '@activitykit/express';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import express from 'express';
import { describe, expect, it } from 'vitest';
import {
  callerOf,
  createTestStore,
  listen,
  sealingSetup,
  seedStore,
} from '../../test/serverFixture.ts';
import { failure, sourceContract } from '../../test/sourceContract.ts';
import type { ActivitySourceError } from '../source.ts';
import { createRestSource } from './createRestSource.ts';

// The REST source against a real @activitykit/express API over real HTTP, on the devdb.
const testDb = await createTestDb('react_rest');
const sealing = sealingSetup();
const store = await createTestStore(testDb, sealing.store);
const seeded = await seedStore(store);
const restoredSnapshots: unknown[] = [];
const app = express();
app.use(
  '/api/activity',
  activityApi({
    store,
    authorize: callerOf,
    live: { pollIntervalMs: 50, heartbeatMs: 1000 },
    restorers: {
      customer: async (snapshot) => {
        restoredSnapshots.push(snapshot);
      },
    },
    verify: sealing.verify,
    onError: () => {},
  }),
);
// The same store behind an API that was given no public key to verify with.
app.use('/api/unverified', activityApi({ store, authorize: callerOf, onError: () => {} }));
const root = await listen(app);
const base = `${root}/api/activity`;
const as = (who: string) => createRestSource({ baseUrl: base, headers: { 'x-as': who } });
const admin = as('admin');
const acme = seeded.filter((event) => event.tenantId === 'acme');

// Runs first (registered first): the scenarios every source answers alike.
sourceContract('REST', () => ({
  admin,
  partner: as('partner'),
  nobody: as('nobody'),
  seeded,
  settle: () => store.flush(),
  unverified: createRestSource({ baseUrl: `${root}/api/unverified`, headers: { 'x-as': 'admin' } }),
  seal: () => store.seal(),
}));

describe('createRestSource', () => {
  it("reads the reader's permissions from GET /scope", async () => {
    expect(await admin.permissions()).toEqual({
      canDelete: true,
      canRestore: true,
      canNote: true,
      actor: { id: 'u-admin', name: 'Ada Admin', role: 'admin' },
    });
    expect(await as('partner').permissions()).toMatchObject({ canDelete: false, canNote: true });
  });

  it('pages through a query with the cursor, with Dates and no duplicates', async () => {
    const seen: ActivityEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await as('partner').list({ limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // The pages together are the one big page (the contract above restored a delete: acme has
    // one event more than it was seeded with).
    const whole = await as('partner').list({ limit: 200 });
    expect(seen.map((e) => e.id)).toEqual(whole.items.map((e) => e.id));
    expect(seen.length).toBeGreaterThanOrEqual(acme.length);
    expect(seen[0]?.occurredAt).toBeInstanceOf(Date);
    expect(seen.some((e) => e.tenantId === 'beta')).toBe(false);
  });

  it('sends lists as repeated parameters and the search syntax as q', async () => {
    const page = await admin.list({
      kinds: ['delete', 'login_failed'],
      q: 'actor:u-boris',
      limit: 50,
    });
    expect(page.items.map((e) => e.action)).toEqual(['customer.deleted']);
  });

  it('suggests actors from GET /actors, within the reader’s scope only', async () => {
    const ids = async (who: string, prefix: string) =>
      ((await as(who).suggestActors?.({ prefix, limit: 20 })) ?? []).map((s) => s.id).sort();
    expect(await ids('admin', 'b')).toEqual(['u-bea', 'u-boris']);
    expect(await ids('partner', 'b')).toEqual(['u-boris']);
    expect(await ids('partner', 'bea')).toEqual([]);
    const [boris] = (await admin.suggestActors?.({ prefix: 'ivan' })) ?? [];
    expect(boris).toMatchObject({ id: 'u-boris', name: 'Boris Ivanov' });
    expect((await failure(admin.suggestActors?.({ prefix: '' }) ?? Promise.resolve())).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('answers NOT_FOUND for another tenant’s event', async () => {
    const beta = seeded.find((e) => e.tenantId === 'beta') as ActivityEvent;
    expect((await failure(as('partner').get(beta.id))).code).toBe('NOT_FOUND');
  });

  it('reads security signals with Dates', async () => {
    const signals = await admin.signals({ preset: 'last_30_days' });
    const burst = signals.find((s) => s.type === 'failed_login_burst_ip');
    expect(burst).toMatchObject({ key: '198.51.100.23', count: 6 });
    expect(burst?.window.from).toBeInstanceOf(Date);
  });

  it("ran the app's restorer with the snapshot when the contract restored a delete", () => {
    expect(restoredSnapshots).toEqual([{ id: '7', name: 'Lena Ivanova' }]);
  });

  it('refuses a note to a reader without canNote', async () => {
    expect((await failure(as('nobody').addNote({ ref: 'customer:42', body: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('exports CSV as a file with its name, reporting progress', async () => {
    const progress: number[] = [];
    const file = await admin.export(
      { format: 'csv', ids: acme.slice(0, 3).map((e) => e.id), locale: 'ru' },
      { onProgress: (bytes) => progress.push(bytes) },
    );
    expect(file.filename).toMatch(/\.csv$/);
    const text = await file.blob.text();
    expect(text.trim().split(/\r?\n/)).toHaveLength(4);
    expect(progress.at(-1)).toBe(file.blob.size);
  });

  it('bulk-deletes by ids (with the permission only)', async () => {
    const ids = acme.slice(0, 2).map((e) => e.id);
    expect((await failure(as('partner').bulkDelete({ ids }))).code).toBe('FORBIDDEN');
    expect(await admin.bulkDelete({ ids })).toEqual({
      deleted: 2,
      ids: expect.arrayContaining(ids),
    });
    expect((await failure(admin.get(ids[0] as string))).code).toBe('NOT_FOUND');
  });

  it('streams new events live over SSE, and stops when unsubscribed', async () => {
    const received: ActivityEvent[] = [];
    let opened = false;
    const stop = admin.subscribe(
      { refs: ['customer:99'] },
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
        subject: { type: 'customer', id: '99' },
      },
      { durable: true },
    );
    await expect.poll(() => received.map((e) => e.id), { timeout: 5000 }).toEqual([event?.id]);
    expect(received[0]?.occurredAt).toBeInstanceOf(Date);
    stop();
    await store.record(
      {
        tenantId: 'acme',
        action: 'customer.updated',
        actor: { id: 'u-anna', type: 'user' },
        subject: { type: 'customer', id: '99' },
      },
      { durable: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(1);
  });

  it('tells UNAUTHORIZED, FORBIDDEN and NETWORK apart', async () => {
    expect((await failure(createRestSource({ baseUrl: base }).list({}))).code).toBe('UNAUTHORIZED');
    expect((await failure(as('nobody').list({}))).code).toBe('FORBIDDEN');
    const offline = createRestSource({ baseUrl: 'http://127.0.0.1:9/api/activity' });
    expect((await failure(offline.list({}))).code).toBe('NETWORK');
  });

  it('stops the live stream on a denied reader and reports it', async () => {
    const errors: ActivitySourceError[] = [];
    const stop = as('nobody').subscribe({}, { onEvent: () => {}, onError: (e) => errors.push(e) });
    await expect.poll(() => errors.map((e) => e.code), { timeout: 5000 }).toEqual(['FORBIDDEN']);
    stop();
  });
});
