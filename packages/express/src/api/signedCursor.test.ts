import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

const testDb = await createTestDb('api_cursor');
const one = await startApiApp(testDb);
const other = await startApiApp(testDb);
const api = `${one.base}/api/activity`;

/** A well-formed position in the old, unsigned format: base64url JSON. */
const unsigned = (time: number, id: string) =>
  Buffer.from(JSON.stringify([time, id, 'desc'])).toString('base64url');

async function expectInvalidCursor(cursor: string) {
  const { status, headers, body } = await call(
    `${api}/?limit=2&cursor=${encodeURIComponent(cursor)}`,
    { headers: as('partner') },
  );
  expect(status).toBe(400);
  expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  expect(body.detail).toMatch(/pass the nextCursor of the previous page as it is/);
}

describe('signed cursors over REST', () => {
  it('pages with the cursors it hands out', async () => {
    const first = await call(`${api}/?limit=2`, { headers: as('partner') });
    const second = await call(`${api}/?limit=2&cursor=${first.body.nextCursor}`, {
      headers: as('partner'),
    });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(2);
  });

  it('refuses a forged but well-formed cursor with 400 INVALID_CURSOR', async () => {
    const newest = one.acme.at(-1);
    await expectInvalidCursor(unsigned(Date.now() + 86_400_000, newest?.id ?? ''));
    const { body } = await call(`${api}/?limit=2`, { headers: as('partner') });
    const [payload = '', mac = ''] = String(body.nextCursor).split('.');
    const moved = JSON.parse(Buffer.from(payload, 'base64url').toString()) as [number, string];
    moved[0] += 1;
    await expectInvalidCursor(
      `${Buffer.from(JSON.stringify([...moved, 'desc'])).toString('base64url')}.${mac}`,
    );
  });

  it('refuses a cursor from another store with 400 INVALID_CURSOR', async () => {
    const foreign = await call(`${other.base}/api/activity/?limit=2`, { headers: as('partner') });
    expect(foreign.body.nextCursor).toEqual(expect.any(String));
    await expectInvalidCursor(foreign.body.nextCursor);
  });
});
