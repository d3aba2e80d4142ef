import { join } from 'node:path';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createActivityStore } from '../index.ts';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('cursor');
const ADMIN = { tenants: '*' as const };
const { store, events, journalDir } = await createTestStore(testDb);
const collection = () => events().collectionName;

/** A well-formed cursor of the old, unsigned format: base64url JSON of a position. */
const unsigned = (time: number, id: string, sort = 'desc') =>
  Buffer.from(JSON.stringify([time, id, sort])).toString('base64url');

beforeAll(async () => {
  for (let i = 0; i < 6; i++) {
    await store.record(
      {
        tenantId: 'acme',
        occurredAt: new Date(Date.UTC(2026, 10, 1, i)),
        action: 'customer.updated',
        actor: { id: 'u1', type: 'user' },
        subject: { type: 'customer', id: String(i) },
      },
      { durable: true },
    );
  }
});

async function refusal(cursor: string, target = store) {
  const error = await target.list({ limit: 2, cursor }, ADMIN).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ActivityError);
  expect(error).toMatchObject({ code: 'INVALID_CURSOR' });
  return (error as Error).message;
}

describe('signed cursors', () => {
  it('pages with its own cursors', async () => {
    const first = await store.list({ limit: 2 }, ADMIN);
    const second = await store.list({ limit: 2, cursor: first.nextCursor }, ADMIN);
    expect(second.items.map((e) => e.subject?.id)).toEqual(['3', '2']);
  });

  it('refuses a forged but well-formed position', async () => {
    const [newest] = (await store.list({ limit: 1 }, ADMIN)).items;
    const message = await refusal(unsigned(Date.UTC(2030, 0, 1), newest?.id ?? ''));
    expect(message).toMatch(/not one this API returned/);
  });

  it('refuses a cursor whose position or signature was changed', async () => {
    const { nextCursor = '' } = await store.list({ limit: 2 }, ADMIN);
    const [payload = '', mac = ''] = nextCursor.split('.');
    const position = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
    const moved = Buffer.from(
      JSON.stringify([Number(position[0]) + 3_600_000, ...position.slice(1)]),
    );
    await refusal(`${moved.toString('base64url')}.${mac}`);
    await refusal(`${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`);
    await refusal(`${payload}.`);
    await refusal(payload);
  });

  it('refuses a cursor of another store', async () => {
    const other = await createTestStore(testDb);
    for (let i = 0; i < 2; i++) {
      await other.store.record(
        { tenantId: 'acme', action: 'customer.created', actor: { id: 'u', type: 'user' } },
        { durable: true },
      );
    }
    const { nextCursor = '' } = await other.store.list({ limit: 1 }, ADMIN);
    expect(nextCursor).not.toBe('');
    await refusal(nextCursor);
  });

  it('shares one key between stores on the same collection, even when they start together', async () => {
    const fresh = `race_${Date.now()}`;
    const stores = Array.from({ length: 4 }, (_, index) =>
      createActivityStore({
        client: testDb.client,
        dbName: testDb.db.databaseName,
        collection: fresh,
        journalDir: join(journalDir, String(index)),
      }),
    );
    try {
      for (let i = 0; i < 3; i++) {
        await stores[0]?.record(
          { tenantId: 'acme', action: 'customer.created', actor: { id: 'u', type: 'user' } },
          { durable: true },
        );
      }
      const pages = await Promise.all(stores.map((s) => s.list({ limit: 1 }, ADMIN)));
      for (const page of pages) {
        for (const reader of stores) {
          const next = await reader.list({ limit: 1, cursor: page.nextCursor }, ADMIN);
          expect(next.items).toHaveLength(1);
        }
      }
      const keys = await testDb.db.collection(`${fresh}_meta`).find({}).toArray();
      expect(keys).toHaveLength(1);
      expect(keys[0]?._id).toBe('cursor_key');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describe('cursorSecret', () => {
  const secret = 'a-deployment-secret-of-at-least-32-characters';

  it('lets stores with the same secret read each other’s cursors, and no others', async () => {
    const a = await createTestStore(testDb, { cursorSecret: secret });
    const b = await createTestStore(testDb, { cursorSecret: secret });
    const c = await createTestStore(testDb, { cursorSecret: `${secret}-other` });
    for (const target of [a, b, c]) {
      for (let i = 0; i < 2; i++) {
        await target.store.record(
          { tenantId: 'acme', action: 'customer.created', actor: { id: 'u', type: 'user' } },
          { durable: true },
        );
      }
    }
    const { nextCursor = '' } = await a.store.list({ limit: 1 }, ADMIN);
    await expect(b.store.list({ limit: 1, cursor: nextCursor }, ADMIN)).resolves.toBeDefined();
    await refusal(nextCursor, c.store);
    expect(await testDb.db.collection(`${a.events().collectionName}_meta`).countDocuments()).toBe(
      0,
    );
  });

  it('refuses a short secret at creation', () => {
    expect(() =>
      createActivityStore({ client: testDb.client, cursorSecret: 'short' }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('keeps the generated key out of the events collection', async () => {
    expect(await events().countDocuments({ _id: 'cursor_key' } as never)).toBe(0);
    expect(collection()).toMatch(/^events_/);
  });
});
