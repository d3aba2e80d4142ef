import { randomBytes } from 'node:crypto';
import { createActivityStore } from '@activitykit/core';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, type RouterApp } from '../test/routerApp.ts';
import { recordAll } from '../test/seed.ts';

// Viewer tokens through the tRPC router over real HTTP: customer A of acme, against B and beta.
const testDb = await createTestDb('trpc_viewer');
const secret = randomBytes(32).toString('base64url');
const { store, collection } = await createTestStore(testDb, { viewerTokens: { secret } });
const staff = { id: 'u-sam', type: 'user' as const, role: 'staff', name: 'Sam Staff' };
const seeded = await recordAll(
  store,
  (['A', 'B', 'A', 'B'] as const).flatMap((id) =>
    ['acme', 'beta'].map((tenantId) => ({
      tenantId,
      action: 'customer.updated',
      actor: staff,
      subject: { type: 'customer', id },
      context: { ip: '10.0.0.9' },
    })),
  ),
);
const ofA = seeded
  .filter((e) => e.tenantId === 'acme' && e.subject?.id === 'A')
  .map((e) => e.id)
  .sort();
const ofB = seeded.filter((e) => e.subject?.id === 'B' || e.tenantId === 'beta');
const { url } = await serve(createRouterApp(store, { viewerTokens: true }));
const events = testDb.db.collection<ActivityEvent & { _id: string }>(collection);

/** A client sending `authorization` (and signed in as `user`, when given). */
const clientWith = (authorization: string, user?: string) =>
  clientFor<RouterApp>(url, user, { authorization });

const mint = (input: Partial<Parameters<typeof store.createViewerToken>[0]> = {}) =>
  store.createViewerToken({
    tenantId: 'acme',
    refs: ['customer:A'],
    can: ['read'],
    ttl: 300,
    within: { tenants: ['acme'] },
    actor: { id: 'c-a', type: 'user', role: 'customer' },
    ...input,
  });
const viewer = (token = mint().token, user?: string) =>
  clientWith(`Bearer ${token}`, user).activity;

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: { data?: { code?: string; activity?: { code?: string } } }) => e,
  );
  return [error?.data?.code, error?.data?.activity?.code];
}

const ids = (page: { items: { id: string }[] }) => page.items.map((event) => event.id).sort();

describe('viewer tokens on the tRPC router', () => {
  it('reads only its record, and refuses B and beta by id, cursor and timeline', async () => {
    const activity = viewer();
    expect(ids(await activity.list.query({}))).toEqual(ofA);
    for (const event of ofB) {
      expect(await failure(activity.get.query({ id: event.id }))).toEqual([
        'NOT_FOUND',
        'NOT_FOUND',
      ]);
    }
    expect((await activity.timeline.query({ ref: 'customer:B' })).items).toEqual([]);
    const first = await activity.list.query({ limit: 1 });
    const next = await activity.list.query({ limit: 1, cursor: first.nextCursor });
    expect([...ids(first), ...ids(next)].sort()).toEqual(ofA);
    const admin = clientWith('', 'admin').activity;
    const adminPage = await admin.list.query({ limit: 1 });
    const through = await activity.list.query({ cursor: adminPage.nextCursor });
    expect(ids(through).every((id) => ofA.includes(id))).toBe(true);
  });

  it('exports only with an export token, and only its record', async () => {
    expect(await failure(viewer().export.mutate({ format: 'ndjson' }))).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const file = await viewer(mint({ can: ['read', 'export'] }).token).export.mutate({
      format: 'ndjson',
    });
    const rows = Buffer.from(file.data as string, 'base64')
      .toString()
      .trim()
      .split('\n');
    expect(rows.map((line) => JSON.parse(line).id).sort()).toEqual(ofA);
    const picked = await viewer(mint({ can: ['export'] }).token).export.mutate({
      format: 'ndjson',
      ids: ofB.map((event) => event.id),
    });
    expect(
      Buffer.from(picked.data as string, 'base64')
        .toString()
        .trim(),
    ).toBe('');
  });

  it('subscribes live to its record’s new events only', async () => {
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const subscription = viewer().live.subscribe(
        {},
        {
          onStarted: async () => {
            for (const [tenantId, id] of [
              ['acme', 'B'],
              ['beta', 'A'],
              ['acme', 'A'],
            ] as const) {
              await store.record(
                {
                  tenantId,
                  action: 'customer.updated',
                  subject: { type: 'customer', id },
                  description: `live ${tenantId} ${id}`,
                },
                { durable: true },
              );
            }
          },
          onData: (value) => {
            const event = (value as unknown as { data: ActivityEvent }).data;
            received.push(String(event.description));
            if (event.description === 'live acme A') {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    await done;
    expect(received).toEqual(['live acme A']);
  });

  it('shows events without their context through a redacting token', async () => {
    const event = await viewer(mint({ redact: true }).token).get.query({ id: ofA[0] as string });
    expect(event.context).toEqual({});
    const plain = await viewer().get.query({ id: ofA[0] as string });
    expect(plain.context).toMatchObject({ ip: '10.0.0.9' });
  });

  it('refuses bad tokens as UNAUTHORIZED with the token’s code', async () => {
    const token = mint().token;
    const flipped = `${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`;
    expect(await failure(viewer(flipped).list.query({}))).toEqual([
      'UNAUTHORIZED',
      'INVALID_TOKEN',
    ]);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${b64({ alg: 'none' })}.${token.split('.')[1]}.`;
    expect(await failure(viewer(none).list.query({}))).toEqual(['UNAUTHORIZED', 'INVALID_TOKEN']);
    const past = createActivityStore({
      uri: testDb.uri,
      dbName: testDb.db.databaseName,
      collection,
      viewerTokens: { secret },
      clock: () => new Date(Date.now() - 3_600_000),
    });
    const expired = past.createViewerToken({
      tenantId: 'acme',
      can: ['read'],
      ttl: 60,
      within: { tenants: ['acme'] },
    }).token;
    await past.close();
    expect(await failure(viewer(expired).list.query({}))).toEqual([
      'UNAUTHORIZED',
      'TOKEN_EXPIRED',
    ]);
    const revoked = mint().token;
    await store.revokeViewerToken(revoked);
    expect(await failure(viewer(revoked).scope.query())).toEqual(['UNAUTHORIZED', 'TOKEN_REVOKED']);
  });

  it('never widens a session, and may not write, verify or read signals', async () => {
    // The beta partner presenting an acme token sees nothing of acme: the scopes do not meet.
    expect((await viewer(mint().token, 'beta').list.query({})).items).toEqual([]);
    const asPartner = await viewer(mint().token, 'acme').list.query({});
    expect(asPartner.items.length).toBeGreaterThanOrEqual(ofA.length);
    for (const event of asPartner.items)
      expect([event.tenantId, event.subject?.id]).toEqual(['acme', 'A']);
    const activity = viewer(mint({ can: ['read', 'export'] }).token);
    const refusals = await Promise.all([
      failure(activity.addNote.mutate({ ref: 'customer:A', body: 'hello' })),
      failure(activity.restore.mutate({ id: ofA[0] as string })),
      failure(activity.bulkDelete.mutate({ ids: ofA })),
      failure(activity.signals.query({})),
    ]);
    expect(refusals).toEqual(Array(4).fill(['FORBIDDEN', 'FORBIDDEN']));
    expect(await events.countDocuments({ _id: { $in: ofA } })).toBe(ofA.length);
  });

  it('records views and exports through a token as access events in MongoDB', async () => {
    const minted = mint({ can: ['read', 'export'] });
    await viewer(minted.token).timeline.query({ ref: 'customer:A' });
    await viewer(minted.token).export.mutate({ format: 'csv' });
    const found = await flushedUntil(
      store,
      () => events.find({ 'metadata.viewer': minted.id }).sort({ _id: 1 }).toArray(),
      2,
    );
    expect(found.map((e) => [e.action, e.kind, e.tenantId, e.actor.id])).toEqual([
      ['activity.viewed', 'access', 'acme', 'c-a'],
      ['activity.exported', 'access', 'acme', 'c-a'],
    ]);
    expect(found[0]?.metadata).toMatchObject({ page: 'timeline', target: 'customer:A' });
  });
});
