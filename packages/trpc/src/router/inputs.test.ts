import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, key, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';

const testDb = await createTestDb('trpc_inputs');
const { store } = await createTestStore(testDb);
await recordAll(store, seedEvents());
const { url } = await serve(createRouterApp(store));
const acme = clientFor<RouterApp>(url, 'acme');

/** Sends an input the types would not allow, as a client could. */
const raw = <T>(value: unknown) => value as T;

async function badRequest(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: { data?: { code?: string; activity?: unknown }; message: string }) => e,
  );
  expect(error?.data?.code).toBe('BAD_REQUEST');
  return { message: error?.message ?? '', activity: error?.data?.activity };
}

describe('bad input', () => {
  it('refuses $-operators smuggled into filters, ids and keys', async () => {
    expect(
      (await badRequest(acme.activity.list.query(raw({ actors: [{ $ne: 'x' }] })))).message,
    ).toMatch(/actors\.0/);
    await badRequest(acme.activity.list.query(raw({ $where: 'sleep(1000)' })));
    await badRequest(acme.activity.get.query(raw({ id: { $gt: '' } })));
    await badRequest(acme.activity.timeline.query(raw({ ref: { $regex: '.*' } })));
    await badRequest(acme.activity.bulkDelete.mutate(raw({ ids: [{ $exists: true }] })));
    await badRequest(
      acme.activity.export.mutate(raw({ format: 'csv', query: { outcome: { $ne: 1 } } })),
    );
  });

  it('refuses __proto__ and other unknown keys', async () => {
    const polluted = JSON.parse('{"__proto__": {"tenants": "*"}, "kinds": ["delete"]}');
    expect((await badRequest(acme.activity.list.query(polluted))).message).toMatch(/__proto__/);
    const nested = JSON.parse('{"query": {"constructor": {"prototype": {"x": 1}}}}');
    await badRequest(acme.activity.stats.query(nested));
    const page = await acme.activity.list.query({ limit: 200 });
    expect(page.items.every((e) => e.tenantId === 'acme')).toBe(true);
  });

  it('refuses malformed dates and time zones', async () => {
    expect((await badRequest(acme.activity.list.query({ from: 'yesterday-ish' }))).message).toMatch(
      /from/,
    );
    await badRequest(acme.activity.verify.mutate(raw({ tenantId: 'acme', to: 'nope' })));
    const zone = await badRequest(
      acme.activity.stats.query({ query: { timeZone: 'Mars/Olympus' } }),
    );
    expect(zone.message).toMatch(/Mars\/Olympus/);
  });

  it('refuses days the calendar does not have, naming the field and the problem', async () => {
    const feb30 = await badRequest(acme.activity.list.query({ from: '2026-02-30T00:00:00Z' }));
    expect(feb30.message).toBe(
      'Invalid input — from: "2026-02-30T00:00:00Z" is not a calendar date: February 2026 has 28 days.',
    );
    const dateOnly = await badRequest(acme.activity.stats.query({ query: { to: '2026-02-30' } }));
    expect(dateOnly.message).toBe(
      'Invalid input — query.to: "2026-02-30" is not a calendar date: February 2026 has 28 days.',
    );
    const verify = await badRequest(
      acme.activity.verify.mutate({ tenantId: 'acme', from: '2026-02-29' }),
    );
    expect(verify.message).toMatch(/^Invalid input — from: "2026-02-29" is not a calendar date/);
    const garbage = await badRequest(acme.activity.list.query({ from: 'yesterday-ish' }));
    expect(garbage.message).toBe(
      'Invalid input — from: "yesterday-ish" is not an ISO 8601 date: write it like "2026-11-01" or "2026-11-01T09:30:00Z".',
    );
    const operator = await badRequest(acme.activity.list.query(raw({ from: { $gt: 0 } })));
    expect(operator.message).toBe(
      'Invalid input — from: expected a Date or an ISO 8601 string, got an object.',
    );
    const leapDay = await acme.activity.list.query({ from: '2024-02-29', limit: 1 });
    expect(leapDay.items.length).toBeLessThanOrEqual(1);
  });

  it('names each problem with its field: page size, list items, a bulk delete of 1,001 ids', async () => {
    const lots = await badRequest(acme.activity.list.query(raw({ limit: 'lots' })));
    expect(lots.message).toBe('Invalid input — limit: a whole number from 1 to 200, got "lots".');
    const items = await badRequest(
      acme.activity.list.query(raw({ categories: [42], actors: [{ $ne: null }] })),
    );
    expect(items.message).toBe(
      'Invalid input — actors.0: expected string, got an object; categories.0: expected string, got a number.',
    );
    const ids = Array.from({ length: 1001 }, () => '01JD0000000000000000000000');
    const bulk = await badRequest(acme.activity.bulkDelete.mutate({ ids }));
    expect(bulk.message).toBe('Invalid input — ids: at most 1000 ids per call, got 1001.');
    const exported = await badRequest(acme.activity.export.mutate({ format: 'csv', ids }));
    expect(exported.message).toBe('Invalid input — ids: at most 1000 ids per call, got 1001.');
    const suggest = await badRequest(
      acme.activity.suggestActors.query(raw({ prefix: 'al', limit: '5' })),
    );
    expect(suggest.message).toBe('Invalid input — limit: expected number, got a string.');
    const neither = await badRequest(acme.activity.bulkDelete.mutate(raw({ id: 'x' })));
    expect(neither.message).toBe('Invalid input — ids: required; (input): unknown key "id".');
  });

  it('refuses oversized pages and selections', async () => {
    expect((await badRequest(acme.activity.list.query({ limit: 201 }))).message).toMatch(/limit/);
    const ids = Array.from({ length: 1001 }, () => '01JD0000000000000000000000');
    await badRequest(acme.activity.export.mutate({ format: 'csv', ids }));
    await badRequest(acme.activity.bulkDelete.mutate({ ids }));
    await badRequest(
      acme.activity.addNote.mutate({ ref: key('customer', '42'), body: 'x'.repeat(5001) }),
    );
  });

  it('explains a bad search string with its code and position', async () => {
    const { message, activity } = await badRequest(
      acme.activity.list.query({ q: 'actor:alice kind:explode' }),
    );
    expect(message).toMatch(/explode/);
    expect(activity).toMatchObject({ code: 'INVALID_SEARCH', status: 400, position: 12 });
  });

  it('refuses a forged cursor with INVALID_CURSOR', async () => {
    const { activity, message } = await badRequest(acme.activity.list.query({ cursor: 'forged' }));
    expect(activity).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(message).toMatch(/nextCursor/);
  });

  it('refuses an unknown export format and malformed event ids', async () => {
    await badRequest(acme.activity.export.mutate(raw({ format: 'xlsx' })));
    expect((await badRequest(acme.activity.get.query({ id: 'nope' }))).message).toMatch(/ULID/);
    await badRequest(acme.activity.restore.mutate({ id: '../../etc' }));
  });
});
