import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

const testDb = await createTestDb('strict_dates');
const { base } = await startApiApp(testDb);
const api = `${base}/api/activity`;

describe('dates in query strings are read strictly', () => {
  it.each([
    '/?from=2026-02-30',
    '/?to=2026-02-30T00:00:00Z',
    '/stats?from=2026-02-30',
    '/timeline?ref=customer:41&from=2026-02-30',
    '/export.csv?from=2026-02-30',
    '/live?from=2026-02-30',
  ])('%s is a 400 naming from/to and the missing day, not 2 March', async (path) => {
    const { status, body, headers } = await call(`${api}${path}`, { headers: as('partner') });
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const field = path.includes('to=') ? 'to' : 'from';
    expect(body).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      errors: [{ path: field, message: expect.stringMatching(/February 2026 has 28 days/) }],
    });
    expect(body.detail).toMatch(new RegExp(`${field}: "2026-02-30.*" is not a calendar date`));
  });

  it('refuses a date-time without a time zone, and a wall time past 23:59', async () => {
    const wall = await call(`${api}/?from=2026-11-01T10:00`, { headers: as('partner') });
    expect(wall.status).toBe(400);
    expect(wall.body.errors).toEqual([
      { path: 'from', message: expect.stringMatching(/has no time zone/) },
    ]);
    const late = await call(`${api}/?to=2026-11-01T24:00:00Z`, { headers: as('partner') });
    expect(late.body.errors).toEqual([
      { path: 'to', message: expect.stringMatching(/there is no hour 24/) },
    ]);
  });

  it('still reads real days, date-times with an offset, and a numeric limit', async () => {
    const leap = await call(`${api}/?from=2024-02-29&to=2100-01-01T00:00:00%2B03:00&limit=3`, {
      headers: as('partner'),
    });
    expect(leap.status).toBe(200);
    expect(leap.body.items).toHaveLength(3);
    const lots = await call(`${api}/?limit=lots`, { headers: as('partner') });
    expect(lots.status).toBe(400);
    expect(lots.body.errors).toEqual([
      { path: 'limit', message: 'a whole number from 1 to 200, got "lots"' },
    ]);
  });
});
