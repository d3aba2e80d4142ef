import type { Actor } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, type RouterApp } from '../test/routerApp.ts';
import { recordAll } from '../test/seed.ts';

const testDb = await createTestDb('trpc_suggest');
const { store } = await createTestStore(testDb);
const actor = (id: string, name: string): Actor => ({ id, type: 'user', name, role: 'staff' });
await recordAll(
  store,
  [
    ['acme', actor('u-tom', 'Tom Acme')],
    ['acme', actor('u-tina', 'Tina Acme')],
    ['beta', actor('u-tobias', 'Tobias Beta-Secret')],
  ].map(([tenantId, who]) => ({
    tenantId: tenantId as string,
    action: 'customer.updated',
    actor: who as Actor,
    subject: { type: 'customer', id: '1' },
  })),
);
const [aliceDelete] = await recordAll(store, [
  {
    tenantId: 'acme',
    action: 'customer.deleted',
    actor: { id: 'u-alice', type: 'user', name: 'Alice', role: 'staff' },
    subject: { type: 'customer', id: '9' },
  },
]);
const { url } = await serve(createRouterApp(store));
const admin = clientFor<RouterApp>(url, 'admin');
const acme = clientFor<RouterApp>(url, 'acme');
const beta = clientFor<RouterApp>(url, 'beta');
const anonymous = clientFor<RouterApp>(url);

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

describe('suggestActors', () => {
  it('suggests the actors of the caller’s tenant only', async () => {
    expect(ids(await admin.activity.suggestActors.query({ prefix: 't' }))).toEqual([
      'u-tina',
      'u-tobias',
      'u-tom',
    ]);
    expect(ids(await acme.activity.suggestActors.query({ prefix: 't' }))).toEqual([
      'u-tina',
      'u-tom',
    ]);
    expect(ids(await beta.activity.suggestActors.query({ prefix: 'T' }))).toEqual(['u-tobias']);
    for (const prefix of ['tob', 'beta', 'u-tob', 'Beta-Secret']) {
      const items = await acme.activity.suggestActors.query({ prefix, limit: 20 });
      expect(JSON.stringify(items), prefix).not.toMatch(/tobias|beta-secret/i);
    }
  });

  it('gives each suggestion its name and the value that finds it', async () => {
    const [tom] = await acme.activity.suggestActors.query({ prefix: 'tom' });
    expect(tom).toEqual({ ...actor('u-tom', 'Tom Acme'), value: 'Tom Acme' });
  });

  it('refuses the anonymous and bad input', async () => {
    await expect(anonymous.activity.suggestActors.query({ prefix: 't' })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    for (const bad of [{ prefix: '' }, { prefix: 't', limit: 99 }, { prefix: { $ne: 1 } }]) {
      await expect(acme.activity.suggestActors.query(bad as never)).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST' },
      });
    }
  });
});

describe('the README example', () => {
  it('finds kind:delete actor:alice for the actor u-alice named Alice', async () => {
    const page = await acme.activity.list.query({ q: 'kind:delete actor:alice' });
    expect(page.items.map((event) => event.id)).toEqual([aliceDelete?.id]);
  });
});
