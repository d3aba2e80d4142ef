import type { ActivityEvent, ActivityEventInput, ActivityQueryInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('reader');
const { store } = await createTestStore(testDb);
const ADMIN = { tenants: '*' as const };

const people = [
  { id: 'u-alice', type: 'user', name: 'Alice Smith', email: 'alice@acme.test', role: 'admin' },
  { id: 'u-bob', type: 'user', name: 'Bob Jones', email: 'bob@acme.test', role: 'staff' },
  { id: 'u-cara', type: 'user', name: 'Cara Diaz', email: 'cara@beta.test', role: 'partner' },
  { id: 'system', type: 'system', name: 'System' },
] as const;
const actions = [
  ['customer.created', 'customer'],
  ['customer.updated', 'customer'],
  ['customer.deleted', 'customer'],
  ['order.created', 'order'],
  ['order.status_changed', 'order'],
  ['booking.cancelled', 'booking'],
  ['auth.login', 'user'],
  ['auth.login_failed', 'user'],
] as const;

/** A deterministic mixed history: two tenants, four actors, eight actions, two locations. */
function dataset(): ActivityEventInput[] {
  const inputs: ActivityEventInput[] = [];
  for (let i = 0; i < 96; i++) {
    const [action, type] = actions[i % actions.length] ?? actions[0];
    const actor = people[i % people.length] ?? people[0];
    inputs.push({
      tenantId: i % 3 === 0 ? 'beta' : 'acme',
      occurredAt: new Date(Date.UTC(2026, 10, 1 + (i % 20), i % 24, i % 60)),
      action,
      actor: { ...actor },
      outcome: action === 'auth.login_failed' ? 'failure' : 'success',
      subject: {
        type,
        id: String(i % 12),
        label: i % 5 === 0 ? `Refund case ${i}` : `${type} ${i % 12}`,
      },
      refs: type === 'order' ? [{ type: 'customer', id: String(i % 7) }] : [],
      context: { ip: `10.0.0.${i % 4}`, location: i % 2 === 0 ? 'north' : 'south' },
    });
  }
  return inputs;
}

let all: ActivityEvent[] = [];
beforeAll(async () => {
  all = [];
  for (const input of dataset()) {
    const event = await store.record(input, { durable: true });
    if (event) all.push(event);
  }
});

/** Every page of a query, followed by cursor. */
async function readAll(query: ActivityQueryInput, scope: Parameters<typeof store.list>[1] = ADMIN) {
  const items: ActivityEvent[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.list({ ...query, limit: 9, cursor }, scope);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

function newestFirst(events: ActivityEvent[]): string[] {
  return [...events]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((e) => e.id);
}

async function expectMatches(query: ActivityQueryInput, oracle: (e: ActivityEvent) => boolean) {
  const expected = newestFirst(all.filter(oracle));
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.length);
  expect((await readAll(query)).map((e) => e.id)).toEqual(expected);
}

describe('store.list filters', () => {
  it('returns everything newest first, page by page', async () => {
    expect((await readAll({})).map((e) => e.id)).toEqual(newestFirst(all));
  });

  it('reads oldest first with sort asc', async () => {
    expect((await readAll({ sort: 'asc' })).map((e) => e.id)).toEqual(newestFirst(all).reverse());
  });

  it('filters by time range, from inclusive and to exclusive', async () => {
    const from = new Date(Date.UTC(2026, 10, 5));
    const to = new Date(Date.UTC(2026, 10, 9));
    await expectMatches({ from, to }, (e) => e.occurredAt >= from && e.occurredAt < to);
  });

  it('filters by actor id, email or name', async () => {
    await expectMatches({ actors: ['u-bob'] }, (e) => e.actor.id === 'u-bob');
    await expectMatches({ actors: ['alice@acme.test'] }, (e) => e.actor.id === 'u-alice');
    await expectMatches({ actors: ['Cara Diaz', 'System'] }, (e) =>
      ['u-cara', 'system'].includes(e.actor.id),
    );
  });

  it('filters by role, actor type, kind, category and outcome', async () => {
    await expectMatches({ roles: ['staff', 'partner'] }, (e) =>
      ['staff', 'partner'].includes(e.actor.role ?? ''),
    );
    await expectMatches({ actorTypes: ['system'] }, (e) => e.actor.type === 'system');
    await expectMatches({ kinds: ['delete'] }, (e) => e.kind === 'delete');
    await expectMatches({ categories: ['order'] }, (e) => e.category === 'order');
    await expectMatches({ outcome: 'failure' }, (e) => e.outcome === 'failure');
  });

  it('filters by exact actions and by prefixes like order.*', async () => {
    await expectMatches({ actions: ['customer.deleted'] }, (e) => e.action === 'customer.deleted');
    await expectMatches({ actions: ['order.*'] }, (e) => e.action.startsWith('order.'));
    await expectMatches(
      { actions: ['order.*', 'auth.login'] },
      (e) => e.action.startsWith('order.') || e.action === 'auth.login',
    );
  });

  it('filters by subject type, subject and any ref', async () => {
    await expectMatches({ subjectTypes: ['booking'] }, (e) => e.subject?.type === 'booking');
    await expectMatches(
      { subjects: ['order:3'] },
      (e) => e.subject?.type === 'order' && e.subject.id === '3',
    );
    await expectMatches({ refs: ['customer:2'] }, (e) =>
      e.refs.some((r) => r.type === 'customer' && r.id === '2'),
    );
  });

  it('filters by location and IP', async () => {
    await expectMatches({ locations: ['north'] }, (e) => e.context.location === 'north');
    await expectMatches({ ips: ['10.0.0.1', '10.0.0.2'] }, (e) =>
      ['10.0.0.1', '10.0.0.2'].includes(e.context.ip ?? ''),
    );
  });

  it('finds free text in labels, names and descriptions, case-insensitively', async () => {
    await expectMatches({ text: 'REFUND case' }, (e) =>
      /refund case/i.test(e.subject?.label ?? ''),
    );
    await expectMatches(
      { text: 'bob jones' },
      (e) => e.actor.id === 'u-bob' || /bob jones/i.test(e.description ?? ''),
    );
  });

  it('treats regular-expression characters in text literally', async () => {
    expect((await store.list({ text: '.*' }, ADMIN)).items).toEqual([]);
  });

  it('ANDs the search syntax with the other fields', async () => {
    await expectMatches(
      { q: 'kind:create location:north "refund"' },
      (e) =>
        e.kind === 'create' &&
        e.context.location === 'north' &&
        /refund/i.test(e.subject?.label ?? ''),
    );
    await expectMatches(
      { q: 'actor:u-alice', categories: ['customer'] },
      (e) => e.actor.id === 'u-alice' && e.category === 'customer',
    );
  });
});

describe('store.list presets', () => {
  it('resolves today in the viewer time zone, on a DST day in New York', async () => {
    const { store: clocked } = await createTestStore(testDb, {
      clock: () => new Date('2026-11-01T15:00:00Z'),
    });
    const at = [
      '2026-11-01T03:59:00Z',
      '2026-11-01T04:00:00Z',
      '2026-11-02T04:59:00Z',
      '2026-11-02T05:00:00Z',
    ];
    const ids: string[] = [];
    for (const iso of at) {
      const e = await clocked.record(
        { tenantId: 'ny', action: 'order.created', occurredAt: new Date(iso) },
        { durable: true },
      );
      ids.push(e?.id ?? '');
    }
    const today = await clocked.list({ preset: 'today', timeZone: 'America/New_York' }, ADMIN);
    expect(today.items.map((e) => e.id).sort()).toEqual([ids[1], ids[2]].sort());
    const yesterday = await clocked.list(
      { preset: 'yesterday', timeZone: 'America/New_York' },
      ADMIN,
    );
    expect(yesterday.items.map((e) => e.id)).toEqual([ids[0]]);
    const moscow = await clocked.list({ preset: 'today', timeZone: 'Europe/Moscow' }, ADMIN);
    // Moscow's 1 November is 2026-10-31T21:00Z … 2026-11-01T21:00Z.
    expect(moscow.items.map((e) => e.id).sort()).toEqual([ids[0], ids[1]].sort());
  });
});

describe('cursor pagination', () => {
  it('has no duplicates or gaps while new events arrive', async () => {
    const { store: live } = await createTestStore(testDb);
    const base = Date.UTC(2026, 10, 10);
    const before: string[] = [];
    for (let i = 0; i < 60; i++) {
      const e = await live.record(
        { tenantId: 'acme', action: 'order.created', occurredAt: new Date(base + (i % 20) * 1000) },
        { durable: true },
      );
      before.push(e?.id ?? '');
    }
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 200; i++) {
        await live.record(
          { tenantId: 'acme', action: 'order.updated', occurredAt: new Date(base + 100_000 + i) },
          { durable: true },
        );
      }
    })();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await live.list({ limit: 7, cursor }, ADMIN);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    writing = false;
    await writer;
    const original = seen.filter((id) => before.includes(id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(original.sort()).toEqual([...before].sort());
  });
});

describe('scope enforcement', () => {
  const acme = { tenants: ['acme'] };

  it('keeps list, get and timeline inside the tenants of the scope', async () => {
    const beta = all.filter((e) => e.tenantId === 'beta');
    const listed = await readAll({}, acme);
    expect(listed.length).toBe(all.length - beta.length);
    expect(listed.every((e) => e.tenantId === 'acme')).toBe(true);
    await expect(store.get(beta[0]?.id ?? '', acme)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ref = beta[0]?.subject ?? { type: 'x', id: 'y' };
    const timeline = await store.timeline(ref, {}, acme);
    expect(timeline.items.every((e) => e.tenantId === 'acme')).toBe(true);
  });

  it('keeps a partner out of another tenant by cursor', async () => {
    const adminPage = await store.list({ limit: 3 }, ADMIN);
    const page = await store.list(
      { limit: 50, cursor: adminPage.nextCursor },
      { tenants: ['beta'] },
    );
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.tenantId === 'beta')).toBe(true);
  });

  it('hides events of roles the scope does not cover, but not role-less ones', async () => {
    const items = await readAll({}, { tenants: '*', roles: ['staff'] });
    expect(items.every((e) => e.actor.role === 'staff' || e.actor.role === undefined)).toBe(true);
    expect(items.some((e) => e.actor.type === 'system')).toBe(true);
  });

  it('sees nothing with an empty scope, and refuses a missing one', async () => {
    expect((await store.list({}, { tenants: [] })).items).toEqual([]);
    await expect(store.list({}, undefined as never)).rejects.toMatchObject({
      code: 'INVALID_SCOPE',
    });
    await expect(store.list({}, { tenants: ['acme'], admin: true } as never)).rejects.toMatchObject(
      {
        code: 'INVALID_SCOPE',
      },
    );
  });
});

describe('bad input', () => {
  it.each([
    ['an operator smuggled into a list', { kinds: ['delete', { $ne: 1 }] }],
    ['an operator instead of a list', { actors: { $gt: '' } }],
    ['an unknown filter', { colour: 'red' }],
    ['a malformed date', { from: 'yesterday-ish' }],
    ['an oversized page', { limit: 1000 }],
    ['an unknown kind', { kinds: ['explode'] }],
  ])('rejects %s with INVALID_QUERY', async (_, query) => {
    const error = await store.list(query as never, ADMIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivityError);
    expect(error).toMatchObject({ code: 'INVALID_QUERY' });
  });

  it('rejects a forged cursor and a cursor of the other sort', async () => {
    await expect(store.list({ cursor: 'bm9wZQ' }, ADMIN)).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
    const page = await store.list({ limit: 2 }, ADMIN);
    await expect(store.list({ cursor: page.nextCursor, sort: 'asc' }, ADMIN)).rejects.toMatchObject(
      {
        code: 'INVALID_CURSOR',
      },
    );
  });

  it('says where a search string is wrong', async () => {
    const error = await store.list({ q: 'kind:delete colour:red' }, ADMIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_QUERY' });
    expect((error as Error).message).toMatch(/colour/);
  });

  it('rejects an id that is not an event id', async () => {
    await expect(store.get('{"$ne":1}', ADMIN)).rejects.toMatchObject({ code: 'INVALID_QUERY' });
  });
});
