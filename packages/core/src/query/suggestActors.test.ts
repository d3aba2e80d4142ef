import type { Actor } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('suggest_actors');
const { store } = await createTestStore(testDb);

const tom: Actor = {
  id: 'u-tom',
  type: 'user',
  name: 'Tom Hanks',
  email: 'tom@acme.test',
  role: 'staff',
};
const anna: Actor = { id: 'u-anna', type: 'user', name: 'Anna Tomlin', role: 'admin' };
const tomas: Actor = { id: 'u-tomas', type: 'user', name: 'Tomás Beta', role: 'partner' };
const dot: Actor = { id: 'u-dot', type: 'user', name: 'A.B Jones', role: 'staff' };

beforeAll(async () => {
  const seed: [string, Actor, number][] = [
    ['acme', tom, 2],
    ['acme', anna, 3],
    ['acme', dot, 1],
    ['beta', tomas, 4],
  ];
  for (const [tenantId, actor, count] of seed) {
    for (let i = 0; i < count; i++) {
      await store.record(
        { tenantId, action: 'customer.updated', actor, subject: { type: 'customer', id: `${i}` } },
        { durable: true },
      );
    }
  }
});

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('store.suggestActors', () => {
  it('suggests actors by name, word of the name, e-mail or id, whole-name matches first', async () => {
    const all = await store.suggestActors({ prefix: 'tom' }, { tenants: '*' });
    expect(ids(all)).toEqual(['u-tomas', 'u-tom', 'u-anna']);
    expect(all[1]).toEqual({ ...tom, value: 'tom@acme.test' });
    expect(ids(await store.suggestActors({ prefix: 'TOM@' }, { tenants: '*' }))).toEqual(['u-tom']);
    expect(ids(await store.suggestActors({ prefix: 'u-an' }, { tenants: '*' }))).toEqual([
      'u-anna',
    ]);
    expect(ids(await store.suggestActors({ prefix: 'jon' }, { tenants: '*' }))).toEqual(['u-dot']);
  });

  it('never shows a partner the actors of another tenant', async () => {
    const acme = await store.suggestActors({ prefix: 'tom' }, { tenants: ['acme'] });
    expect(ids(acme)).toEqual(['u-tom', 'u-anna']);
    const beta = await store.suggestActors({ prefix: 't' }, { tenants: ['beta'] });
    expect(ids(beta)).toEqual(['u-tomas']);
    expect(await store.suggestActors({ prefix: 'tom' }, { tenants: ['gamma'] })).toEqual([]);
    expect(await store.suggestActors({ prefix: 'tom' }, { tenants: [] })).toEqual([]);
  });

  it('keeps to the roles of the scope', async () => {
    const staff = await store.suggestActors({ prefix: 't' }, { tenants: '*', roles: ['staff'] });
    expect(ids(staff)).toEqual(['u-tom']);
  });

  it('honours the limit and treats pattern characters as text', async () => {
    expect(await store.suggestActors({ prefix: 'tom', limit: 1 }, { tenants: '*' })).toHaveLength(
      1,
    );
    expect(ids(await store.suggestActors({ prefix: 'a.b' }, { tenants: '*' }))).toEqual(['u-dot']);
    for (const prefix of ['.', '.*', '^', '(', '[a-z]', '\\']) {
      expect(await store.suggestActors({ prefix }, { tenants: '*' }), prefix).toEqual([]);
    }
  });

  it('refuses a bad prefix, limit or scope', async () => {
    for (const query of [{ prefix: '' }, { prefix: { $ne: null } }, { prefix: 'a', limit: 500 }]) {
      await expect(store.suggestActors(query as never, { tenants: '*' })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
      });
    }
    await expect(store.suggestActors({ prefix: 'tom' }, undefined as never)).rejects.toMatchObject({
      code: 'INVALID_SCOPE',
    });
  });
});
