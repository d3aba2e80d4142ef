import {
  ACTOR_TYPES,
  type ActivityEvent,
  type ActivityEventInput,
  type ActivityQueryInput,
  type ActivityScopeInput,
  EVENT_KINDS,
  filtersPredicate,
  PERIOD_PRESETS,
  scopePredicate,
} from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { parseQuery, parseScope, queryFilters } from './readInputs.ts';

const NOW = new Date('2026-12-05T12:00:00.000Z');
const testDb = await createTestDb('match_event');
const { store } = await createTestStore(testDb, { clock: () => NOW, weekStartsOn: 1 });

// Small pools, so that generated queries often hit; with the case and Unicode folding corners
// (É/é, the Kelvin sign, the long s), regular-expression characters and whitespace in names.
const tenants = ['acme', 'beta', 'gamma'];
const roles = ['admin', 'staff', 'partner'];
const names = [
  'Alice Smith',
  'anna tomlin',
  'Tom Hanks',
  'Émile Zola',
  'Kay \u212Aelvin',
  'Bob\tJones',
  'Dr. Who (x)',
  '\u017Fam Spade',
  'Tomás O’Neil',
  'Zoë\u00A0Quinn',
];
const emails = ['alice@acme.test', 'Tom@Beta.test', 'who+x@acme.test'];
const actions = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.status_changed',
  'auth.login',
  'orders.created',
];
const types = ['customer', 'order', 'booking'];
const labels = ['Bob Jones', 'Order #7 (paid)', 'émile', 'KELVIN Ltd', 'a.b*c'];
const words = [
  'alice',
  'ALICE',
  'tom',
  'Tom',
  'émile',
  'ÉMILE',
  'kelvin',
  'sam',
  'ſam',
  'smith',
  'jones',
  'dr.',
  '(x)',
  'who',
  'u-1',
  'alice@acme.test',
  'tom@beta.test',
  'order',
  '#7',
  'a.b*c',
  'created',
  'quinn',
];

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const ref = fc.record({
  type: fc.constantFrom(...types),
  id: fc.constantFrom('1', '2', '3'),
  label: optional(fc.constantFrom(...labels)),
});

const eventInput: fc.Arbitrary<ActivityEventInput> = fc
  .record({
    tenantId: fc.constantFrom(...tenants),
    action: fc.constantFrom(...actions),
    kind: fc.constantFrom(...EVENT_KINDS),
    category: fc.constantFrom('customer', 'order', 'logins'),
    outcome: fc.constantFrom('success', 'failure'),
    actor: fc.record({
      id: fc.constantFrom('u-1', 'u-2', 'Alice'),
      type: fc.constantFrom(...ACTOR_TYPES),
      role: optional(fc.constantFrom(...roles)),
      name: optional(fc.constantFrom(...names)),
      email: optional(fc.constantFrom(...emails)),
    }),
    subject: optional(ref),
    refs: fc.array(ref, { maxLength: 2 }),
    description: optional(fc.constantFrom('Alice refunded order #7', 'Émile signed in', 'x.y')),
    context: fc.record({
      ip: optional(fc.constantFrom('10.0.0.1', '10.0.0.2')),
      location: optional(fc.constantFrom('north', 'south')),
    }),
    offsetMinutes: fc.integer({ min: -10 * 24 * 60, max: 60 }),
  })
  .map(({ offsetMinutes, ...input }) => ({
    ...input,
    occurredAt: new Date(NOW.getTime() + offsetMinutes * 60_000),
  }));

/** A query field: mostly left out, so that queries of a few fields find events. */
const some = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: arb, weight: 1 });
const list = <T>(pool: readonly T[]) =>
  some(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }));

function queryOf(ids: string[]): fc.Arbitrary<ActivityQueryInput> {
  const instant = fc
    .integer({ min: -11 * 24 * 60, max: 90 })
    .map((minutes) => new Date(NOW.getTime() + minutes * 60_000));
  return fc
    .record({
      from: some(instant),
      to: some(instant),
      preset: some(fc.constantFrom(...PERIOD_PRESETS)),
      timeZone: some(fc.constantFrom('UTC', 'Europe/Moscow', 'America/New_York')),
      actors: list(words),
      roles: list(roles),
      actorTypes: list(ACTOR_TYPES),
      kinds: list(EVENT_KINDS),
      categories: list(['customer', 'order', 'logins']),
      actions: list([...actions, 'order.*', 'customer.*', 'Order.*', 'auth.login.*']),
      subjectTypes: list(types),
      subjects: list(['customer:1', 'order:2', 'booking:3']),
      refs: list(['customer:1', 'customer:2', 'order:2', 'booking:3']),
      locations: list(['north', 'south']),
      outcome: some(fc.constantFrom('success' as const, 'failure' as const)),
      ips: list(['10.0.0.1', '10.0.0.2']),
      text: some(fc.constantFrom(...words)),
      ids: ids.length > 0 ? list(ids) : fc.constant(undefined),
      q: some(
        fc.constantFrom(
          'actor:alice kind:create',
          '"smith"',
          'category:order refund',
          'action:order.* outcome:failure',
          'ÉMILE',
        ),
      ),
    })
    .map((query) =>
      Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
    );
}

const refKeys = types.flatMap((type) => ['1', '2', '3'].map((id) => `${type}:${id}`));
/** Mostly absent (so most scopes still find events), else a short list. */
const sometimes = <T>(values: readonly T[]) =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    {
      arbitrary: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 5 }),
      weight: 1,
    },
  );
const scopeOf: fc.Arbitrary<ActivityScopeInput> = fc.record({
  tenants: fc.oneof(fc.constant('*' as const), fc.uniqueArray(fc.constantFrom(...tenants))),
  roles: fc.oneof(fc.constant('*' as const), fc.uniqueArray(fc.constantFrom(...roles))),
  // A viewer token's records and kinds.
  refs: sometimes(refKeys),
  kinds: sometimes(EVENT_KINDS),
});

/** Every id `store.list` finds, all pages. */
async function listIds(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, limit: 200, ...(cursor ? { cursor } : {}) }, scope);
    ids.push(...page.items.map((event) => event.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.sort();
}

describe('the in-memory match', () => {
  it('selects the same events as the database for generated events, queries and scopes', async () => {
    const seed = Date.now();
    for (const input of fc.sample(eventInput, { numRuns: 120, seed })) store.record(input);
    await store.flush();
    const all: ActivityEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list(
        { limit: 200, ...(cursor ? { cursor } : {}) },
        { tenants: '*' },
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(120);
    const someIds = all.slice(0, 6).map((event) => event.id);
    let found = 0;

    await fc.assert(
      fc.asyncProperty(queryOf(someIds), scopeOf, async (queryInput, scopeInput) => {
        const query = parseQuery(queryInput);
        const scope = parseScope(scopeInput);
        const inScope = scopePredicate(scope);
        const matches = filtersPredicate(queryFilters(query), { now: NOW, weekStartsOn: 1 });
        const expected = all
          .filter((event) => inScope(event) && matches(event))
          .map((event) => event.id)
          .sort();
        expect(expected, `events seed ${seed}`).toEqual(await listIds(queryInput, scopeInput));
        if (expected.length > 0) found += 1;
      }),
      { numRuns: 80 },
    );
    // The property is only worth something if most queries find events.
    expect(found).toBeGreaterThan(40);
  });
});
