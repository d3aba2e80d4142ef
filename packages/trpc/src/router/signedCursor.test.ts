import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';

const testDb = await createTestDb('trpc_cursor');
const one = await createTestStore(testDb);
const other = await createTestStore(testDb);
const seeded = await recordAll(one.store, seedEvents());
await recordAll(other.store, seedEvents());
const acme = clientFor<RouterApp>((await serve(createRouterApp(one.store))).url, 'acme');
const acmeOther = clientFor<RouterApp>((await serve(createRouterApp(other.store))).url, 'acme');

/** A well-formed position in the old, unsigned format: base64url JSON. */
const unsigned = (time: number, id: string) =>
  Buffer.from(JSON.stringify([time, id, 'desc'])).toString('base64url');

async function expectBadCursor(cursor: string) {
  const error = await acme.activity.list.query({ limit: 2, cursor }).then(
    () => undefined,
    (e: { data?: { code?: string; activity?: { code?: string } }; message: string }) => e,
  );
  expect(error?.data?.code).toBe('BAD_REQUEST');
  expect(error?.data?.activity?.code).toBe('INVALID_CURSOR');
  expect(error?.message).toMatch(/pass the nextCursor of the previous page as it is/);
}

describe('signed cursors over tRPC', () => {
  it('pages with the cursors it hands out', async () => {
    const first = await acme.activity.list.query({ limit: 2 });
    const second = await acme.activity.list.query({ limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
  });

  it('refuses a forged but well-formed cursor with BAD_REQUEST', async () => {
    const acmeEvent = seeded.find((event) => event.tenantId === 'acme');
    await expectBadCursor(unsigned(Date.now() + 86_400_000, acmeEvent?.id ?? ''));
  });

  it('refuses a cursor from another store with BAD_REQUEST', async () => {
    const foreign = await acmeOther.activity.list.query({ limit: 2 });
    expect(foreign.nextCursor).toEqual(expect.any(String));
    await expectBadCursor(foreign.nextCursor ?? '');
  });
});
