import { generateSealingKeys } from '@activitykit/core';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

const keys = generateSealingKeys();
const sealing = { privateKey: keys.privateKey, sealIntervalMs: false, sealDelayMs: 0 } as const;
const { base, store, acme, beta } = await startApiApp(await createTestDb('api_integrity'), {
  store: { integrity: sealing },
  api: { verify: { publicKey: keys.publicKey } },
});
const api = `${base}/api/activity`;

describe('GET /integrity', () => {
  it("shows how far each tenant of the caller's scope is sealed, before and after a seal", async () => {
    const before = await call(`${api}/integrity`, { headers: as('partner') });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      sealing: true,
      canVerify: true,
      tenants: [{ tenantId: 'acme', unsealed: acme.length }],
    });

    await store.seal();
    const after = await call(`${api}/integrity`, { headers: as('admin') });
    expect(after.body.tenants).toEqual([
      {
        tenantId: 'acme',
        lastCheckpoint: {
          tenantId: 'acme',
          seq: 1,
          fromId: '',
          toId: acme.at(-1)?.id,
          count: acme.length,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
        unsealed: 0,
      },
      expect.objectContaining({ tenantId: 'beta', unsealed: 0 }),
    ]);
  });

  it('refuses callers without a tenant, and query parameters', async () => {
    expect((await call(`${api}/integrity`)).status).toBe(401);
    expect(await call(`${api}/integrity`, { headers: as('nobody') })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await call(`${api}/integrity?tenant=beta`, { headers: as('partner') })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_INPUT' },
    });
  });

  it('says it cannot verify without its own public key, whatever the store holds', async () => {
    const unverified = await startApiApp(await createTestDb('api_integrity_noverify'), {
      store: { integrity: sealing },
    });
    const answer = await call(`${unverified.base}/api/activity/integrity`, {
      headers: as('partner'),
    });
    expect(answer.body).toMatchObject({ sealing: true, canVerify: false });
    const plain = await startApiApp(await createTestDb('api_integrity_plain'));
    const unsealed = await call(`${plain.base}/api/activity/integrity`, { headers: as('partner') });
    expect(unsealed.body).toEqual({
      sealing: false,
      canVerify: false,
      tenants: [{ tenantId: 'acme', unsealed: 12 }],
    });
  });
});

describe('GET /:id/checkpoint', () => {
  it('names the checkpoint that seals an event, and null for one not sealed yet', async () => {
    await store.seal();
    const sealed = await call(`${api}/${acme[3]?.id}/checkpoint`, { headers: as('partner') });
    expect(sealed.status).toBe(200);
    expect(sealed.body).toEqual({
      checkpoint: {
        tenantId: 'acme',
        seq: 1,
        fromId: '',
        toId: acme.at(-1)?.id,
        count: acme.length,
        createdAt: expect.any(String),
      },
    });
    const fresh = await store.record({ action: 'order.created' }, { durable: true });
    const unsealed = await call(`${api}/${fresh?.id}/checkpoint`, { headers: as('partner') });
    expect(unsealed).toMatchObject({ status: 200, body: { checkpoint: null } });
  });

  it("answers 404 for another tenant's event, and 400 for what is not an event id", async () => {
    const other = await call(`${api}/${beta[0]?.id}/checkpoint`, { headers: as('partner') });
    expect(other).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const admin = await call(`${api}/${beta[0]?.id}/checkpoint`, { headers: as('admin') });
    expect(admin.body.checkpoint).toMatchObject({ tenantId: 'beta', seq: 1 });
    const bad = await call(`${api}/not-an-id/checkpoint`, { headers: as('partner') });
    expect(bad).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
  });
});
