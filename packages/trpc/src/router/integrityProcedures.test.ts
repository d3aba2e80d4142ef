import { generateSealingKeys } from '@activitykit/core';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';

const keys = generateSealingKeys();
const testDb = await createTestDb('trpc_integrity');
const { store } = await createTestStore(testDb, {
  integrity: { privateKey: keys.privateKey, sealIntervalMs: false, sealDelayMs: 0 },
});
const seeded = await recordAll(store, seedEvents());
const acmeEvents = seeded.filter((e) => e.tenantId === 'acme');
const betaEvent = seeded.find((e) => e.tenantId === 'beta') as ActivityEvent;
const { url } = await serve(createRouterApp(store, { verify: { publicKey: keys.publicKey } }));
const plain = await serve(createRouterApp(store));
const admin = clientFor<RouterApp>(url, 'admin');
const acme = clientFor<RouterApp>(url, 'acme');

/** The tRPC code, HTTP status and ActivityKit code a call fails with. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: { data?: { code?: string; httpStatus?: number; activity?: { code?: string } } }) => e,
  );
  return {
    code: error?.data?.code,
    status: error?.data?.httpStatus,
    activity: error?.data?.activity?.code,
  };
}

describe('integrity', () => {
  it("shows how far each tenant of the caller's scope is sealed, before and after a seal", async () => {
    expect(await acme.activity.integrity.query()).toEqual({
      sealing: true,
      canVerify: true,
      tenants: [{ tenantId: 'acme', unsealed: acmeEvents.length }],
    });
    await store.seal();
    const status = await admin.activity.integrity.query();
    expect(status.tenants).toEqual([
      {
        tenantId: 'acme',
        lastCheckpoint: {
          tenantId: 'acme',
          seq: 1,
          fromId: '',
          toId: acmeEvents.at(-1)?.id,
          count: acmeEvents.length,
          // No transformer: a date travels as an ISO string, as over REST.
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
        unsealed: 0,
      },
      expect.objectContaining({ tenantId: 'beta', unsealed: 0 }),
    ]);
  });

  it('says it cannot verify without its own public key, and refuses callers without a tenant', async () => {
    const unverified = clientFor<RouterApp>(plain.url, 'acme');
    expect(await unverified.activity.integrity.query()).toMatchObject({
      sealing: true,
      canVerify: false,
    });
    const nobody = clientFor<RouterApp>(url, 'nobody');
    expect(await failure(nobody.activity.integrity.query())).toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    expect(await failure(clientFor<RouterApp>(url).activity.integrity.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('checkpointOf', () => {
  it('names the checkpoint that seals an event, and null for one not sealed yet', async () => {
    await store.seal();
    const sealed = await acme.activity.checkpointOf.query({ id: acmeEvents[1]?.id ?? '' });
    expect(sealed.checkpoint).toMatchObject({ tenantId: 'acme', seq: 1, fromId: '' });
    const [fresh] = await recordAll(store, [{ tenantId: 'acme', action: 'order.created' }]);
    expect(await acme.activity.checkpointOf.query({ id: fresh?.id ?? '' })).toEqual({
      checkpoint: null,
    });
  });

  it("answers NOT_FOUND for another tenant's event, and BAD_REQUEST for what is not an id", async () => {
    expect(await failure(acme.activity.checkpointOf.query({ id: betaEvent.id }))).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    expect(
      (await admin.activity.checkpointOf.query({ id: betaEvent.id })).checkpoint,
    ).toMatchObject({ tenantId: 'beta' });
    expect(await failure(acme.activity.checkpointOf.query({ id: 'nope' }))).toMatchObject({
      code: 'BAD_REQUEST',
      status: 400,
    });
  });
});

describe('verify without a key', () => {
  it('refuses another tenant first, then says it is not set up as REST does (501, NOT_CONFIGURED)', async () => {
    const unverified = clientFor<RouterApp>(plain.url, 'acme');
    expect(await failure(unverified.activity.verify.mutate({ tenantId: 'beta' }))).toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    expect(await failure(unverified.activity.verify.mutate({ tenantId: 'acme' }))).toEqual({
      code: 'NOT_IMPLEMENTED',
      status: 501,
      activity: 'NOT_CONFIGURED',
    });
  });
});
