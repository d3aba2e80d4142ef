import type {
  ActivityEventInput,
  ActivityQueryInput,
  ActivityScopeInput,
  EventKind,
} from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRollupReader } from '../rollups/readRollups.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { createReader } from './reader.ts';
import { parseQuery, parseScope } from './readInputs.ts';

/*
 * The query shapes chosen for a server that filters only by equality (FerretDB: reads by `_id`, ref
 * key and UTC day or hour, guided by the write-time counters) against the plain query they replace
 * (one sorted `find` of the whole filter), on the same data: same ids, same order, same pages.
 */

const testDb = await createTestDb('shapes');
const { store, events } = await createTestStore(testDb);
const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);
const DAY = 86_400_000;

const actors = [
  { id: 'u-ann', type: 'user', name: 'Ann Lee', email: 'ann@acme.test', role: 'admin' },
  { id: 'u-ben', type: 'user', name: 'Ben Ode', email: 'ben@acme.test', role: 'staff' },
  { id: 'u-cy', type: 'user', name: 'Cy Park', email: 'cy@beta.test', role: 'partner' },
  { id: 'system', type: 'system', name: 'System' },
] as const;
const actions: [string, EventKind, string][] = [
  ['customer.created', 'create', 'customer'],
  ['customer.updated', 'update', 'customer'],
  ['customer.deleted', 'delete', 'customer'],
  ['order.created', 'create', 'order'],
  ['auth.login', 'login', 'user'],
  ['auth.login_failed', 'login_failed', 'user'],
];

/** 360 events over 45 days, bunched in working hours, some sharing a millisecond. */
function history(): ActivityEventInput[] {
  const inputs: ActivityEventInput[] = [];
  for (let i = 0; i < 360; i++) {
    const [action, kind, type] = actions[(i * 7) % actions.length] as [string, EventKind, string];
    const actor = actors[(i * 5) % actors.length] ?? actors[0];
    const day = Math.floor((i * 11) % 45);
    const at =
      NOW - day * DAY - ((i * 37) % 10) * 3_600_000 - (i % 4 === 0 ? 0 : (i * 13) % 3_600_000);
    inputs.push({
      tenantId: i % 3 === 0 ? 'beta' : 'acme',
      occurredAt: new Date(at),
      action,
      kind,
      actor: { ...actor },
      outcome: i % 9 === 0 ? 'failure' : 'success',
      subject: { type, id: String(i % 15), label: `${type} ${i % 15}` },
      refs: type === 'order' ? [{ type: 'customer', id: String(i % 15) }] : [],
      context: { ip: `10.0.0.${i % 5}` },
    });
  }
  return inputs;
}

const plain = createReader({
  collection: events(),
  profile: async () => 'mongodb',
  rollups: createRollupReader(testDb.db.collection(`${events().collectionName}_rollups`)),
  filterOptions: () => ({ now: new Date(NOW), weekStartsOn: 1 }),
  cursorKey: async () => new Uint8Array(32).fill(7),
});

/** The store's shapes, with busy days read hour by hour (tenants' days and hours mixed). */
const hourly = createReader({
  collection: events(),
  profile: async () => 'equality',
  rollups: createRollupReader(testDb.db.collection(`${events().collectionName}_rollups`)),
  filterOptions: () => ({ now: new Date(NOW), weekStartsOn: 1 }),
  cursorKey: async () => new Uint8Array(32).fill(7),
  walk: { dayProbeMax: 4 },
});

beforeAll(async () => {
  for (const input of history()) store.record(input);
  await store.flush();
});

/** Every page of a query: the ids in order, and how many pages it took. */
async function pages(
  list: (
    query: ActivityQueryInput,
    scope: ActivityScopeInput,
  ) => Promise<{
    items: { id: string }[];
    nextCursor?: string;
  }>,
  query: ActivityQueryInput,
  scope: ActivityScopeInput,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) }, scope);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    count += 1;
  } while (cursor && count < MAX_PAGES); // the first pages: enough to compare cursors and order
  return { ids, count };
}

const MAX_PAGES = 4;

/**
 * What paging through the plain query gives: its whole answer read once with one sorted `find`
 * (FerretDB decodes the collection for it, so once is enough), cut into pages of `limit`.
 */
async function plainPages(query: ActivityQueryInput, scope: ActivityScopeInput) {
  const parsed = parseQuery(query);
  const direction = parsed.sort === 'desc' ? -1 : 1;
  const all = (
    await events()
      .find(plain.mongoFilter(parsed, parseScope(scope)))
      .sort({ occurredAt: direction, _id: direction })
      .toArray()
  ).map((doc) => doc._id);
  const count = Math.min(Math.max(1, Math.ceil(all.length / parsed.limit)), MAX_PAGES);
  return { ids: all.slice(0, count * parsed.limit), count };
}

const queries: fc.Arbitrary<ActivityQueryInput> = fc
  .record(
    {
      kinds: fc.subarray(['create', 'update', 'delete', 'login', 'login_failed'], {
        minLength: 1,
        maxLength: 2,
      }),
      categories: fc.subarray(['customer', 'order', 'auth'], { minLength: 1, maxLength: 1 }),
      outcome: fc.constantFrom('success', 'failure'),
      refs: fc.constantFrom('customer:3', 'customer:4').map((ref) => [ref]),
      actors: fc.constantFrom('u-ann', 'ben', 'cy@beta.test').map((actor) => [actor]),
      q: fc.constantFrom('kind:delete', 'actor:ann', 'customer', 'kind:create actor:ben'),
      from: fc.integer({ min: 0, max: 50 }).map((days) => new Date(NOW - days * DAY - 7_777_000)),
      to: fc.integer({ min: 0, max: 30 }).map((days) => new Date(NOW - days * DAY + 1_234_000)),
      sort: fc.constantFrom('asc' as const, 'desc' as const),
      limit: fc.integer({ min: 8, max: 60 }),
    },
    { requiredKeys: ['sort', 'limit'] },
  )
  .map((query) => {
    // Two or three conditions at most, so that most queries find something.
    const { sort, limit, ...conditions } = query;
    const kept = Object.entries(conditions).filter((_, index) => index % 3 === limit % 3);
    return { sort, limit, ...Object.fromEntries(kept) } as ActivityQueryInput;
  });
const scopes = fc.constantFrom<ActivityScopeInput>(
  { tenants: ['acme'] },
  { tenants: ['acme', 'beta'] },
  { tenants: '*' },
  { tenants: '*', roles: ['staff'] },
  { tenants: ['beta'], roles: ['partner', 'admin'] },
);

describe('query shapes for a server that filters only by equality', () => {
  it('give the ids, order and pages of the plain query, for any filter, scope, sort and page size', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(queries, scopes, async (query, scope) => {
        const expected = await plainPages(query, scope);
        const got = await pages(store.list, query, scope);
        expect(got).toEqual(expected);
        expect(await pages(hourly.list, query, scope)).toEqual(expected);
        if (expected.ids.length > 0) found += 1;
      }),
      { numRuns: 8 },
    );
    // Not a comparison of empty pages: most generated queries find events.
    expect(found).toBeGreaterThan(0);
  });

  it('keep the order where tenants and busy days make probes overlap, for page sizes 1–21', async () => {
    for (const scope of [{ tenants: ['acme', 'beta'] }, { tenants: '*' as const }]) {
      for (const sort of ['desc', 'asc'] as const) {
        const all = (await plainPages({ sort, limit: 200 }, scope)).ids;
        for (const limit of [1, 2, 3, 5, 8, 13, 21]) {
          const page = await hourly.list({ sort, limit }, scope);
          expect(page.items.map((event) => event.id)).toEqual(all.slice(0, limit));
        }
      }
    }
  });

  it('find one event by id within the scope only', async () => {
    const [first] = (await store.list({ limit: 1 }, { tenants: ['beta'] })).items;
    expect(first).toBeDefined();
    const id = first?.id as string;
    await expect(store.get(id, { tenants: ['beta'] })).resolves.toMatchObject({ id });
    await expect(store.get(id, { tenants: ['acme'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('read the same record timeline as the plain query', async () => {
    for (const scope of [{ tenants: ['beta'] }, { tenants: '*' as const }]) {
      const expected = await pages(
        (query, s) => plain.list({ ...query, refs: ['customer:3'] }, s),
        { limit: 7 },
        scope,
      );
      const got = await pages(
        (query, s) => store.timeline({ type: 'customer', id: '3' }, query, s),
        { limit: 7 },
        scope,
      );
      expect(got.ids.length).toBeGreaterThan(0);
      expect(got).toEqual(expected);
    }
  });

  it('export (stream) every event of a filter in the plain order', async () => {
    const query = { sort: 'asc' as const, kinds: ['create' as const] };
    const scope = parseScope({ tenants: '*' });
    const expected = (
      await events()
        .find(plain.mongoFilter(parseQuery(query), scope))
        .sort({ occurredAt: 1, _id: 1 })
        .toArray()
    ).map((doc) => doc._id);
    const got: string[] = [];
    for await (const event of store.stream(query, { tenants: '*' })) got.push(event.id);
    expect(got.length).toBeGreaterThan(50);
    expect(got).toEqual(expected);
  });
});
