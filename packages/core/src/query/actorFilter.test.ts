import { type ActivityEvent, type Actor, actorMatches } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('actor_filter');
const { store } = await createTestStore(testDb);
const ADMIN = { tenants: '*' as const };

const ACTORS: Actor[] = [
  { id: 'u-alice', type: 'user', name: 'Alice', email: 'Alice@Acme.test', role: 'admin' },
  { id: 'u-tom', type: 'user', name: 'Tom Hanks', email: 'tom@acme.test', role: 'staff' },
  { id: 'u-anna', type: 'user', name: 'Anna Tomlin', role: 'staff' },
  { id: 'u-dot', type: 'user', name: 'A.B (Admin)', role: 'staff' },
  { id: 'u-axb', type: 'user', name: 'AxB Jones', role: 'staff' },
  { id: 'u-cyr', type: 'user', name: 'Пётр Иванов', role: 'partner' },
  { id: 'system', type: 'system', name: 'System' },
];

const events: ActivityEvent[] = [];
beforeAll(async () => {
  for (const [index, actor] of ACTORS.entries()) {
    for (const kind of ['created', 'deleted'] as const) {
      const event = await store.record(
        {
          tenantId: index % 2 ? 'beta' : 'acme',
          occurredAt: new Date(Date.UTC(2026, 10, 1, index, kind === 'created' ? 0 : 30)),
          action: `customer.${kind}`,
          actor,
          subject: { type: 'customer', id: String(index) },
        },
        { durable: true },
      );
      if (event) events.push(event);
    }
  }
});

async function actorIds(query: Parameters<typeof store.list>[0], scope = ADMIN) {
  const page = await store.list({ ...query, limit: 200 }, scope);
  return [...new Set(page.items.map((event) => event.actor.id))].sort();
}

describe('actor filter', () => {
  it.each([
    ['tom', ['u-anna', 'u-tom']],
    ['Tom', ['u-anna', 'u-tom']],
    ['hanks', ['u-tom']],
    ['Tom Ha', ['u-tom']],
    ['alice', ['u-alice']],
    ['ALICE@acme.TEST', ['u-alice']],
    ['alice@acme', []],
    ['u-alice', ['u-alice']],
    ['u-ali', []],
    ['U-ALICE', []],
    ['omlin', []],
    ['пётр', ['u-cyr']],
    ['ИВАН', ['u-cyr']],
  ])(
    'actors: [%j] finds %j (id exact, e-mail any case, name or word prefix)',
    async (value, ids) => {
      expect(await actorIds({ actors: [value] })).toEqual(ids);
      expect(await actorIds({ q: `actor:"${value}"` })).toEqual(ids);
    },
  );

  it('agrees with actorMatches, the rule in-memory sources use', async () => {
    for (const value of ['t', 'tom', 'a.b', 'an', 'system', 'u-tom', 'tom@acme.test', 'b']) {
      const expected = ACTORS.filter((actor) => actorMatches(actor, value))
        .map((actor) => actor.id)
        .sort();
      expect(await actorIds({ actors: [value] }), value).toEqual(expected);
    }
  });

  it("finds the tRPC README's example: kind:delete actor:alice for u-alice named Alice", async () => {
    const page = await store.list({ q: 'kind:delete actor:alice' }, ADMIN);
    expect(page.items.map((event) => event.id)).toEqual(
      events
        .filter((event) => event.actor.id === 'u-alice' && event.kind === 'delete')
        .map((event) => event.id),
    );
  });

  it('matches regular-expression characters as text, never as a pattern', async () => {
    expect(await actorIds({ actors: ['a.b'] })).toEqual(['u-dot']);
    expect(await actorIds({ actors: ['(admin'] })).toEqual(['u-dot']);
    for (const value of ['.*', '.', '^', '$', '\\', '[a-z]', 'a|t', '(?i)', ')']) {
      expect(await actorIds({ actors: [value] }), value).toEqual([]);
    }
  });

  it('refuses operator objects in place of an actor', async () => {
    await expect(store.list({ actors: [{ $regex: '.*' }] as never }, ADMIN)).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
  });

  it('stays within the scope', async () => {
    expect(await actorIds({ actors: ['tom'] }, { tenants: ['acme'] } as never)).toEqual(['u-anna']);
    expect(await actorIds({ actors: ['tom'] }, { tenants: ['beta'] } as never)).toEqual(['u-tom']);
  });
});
