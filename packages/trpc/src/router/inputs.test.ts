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
    expect(activity).toMatchObject({ code: 'INVALID_QUERY', position: 12 });
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
