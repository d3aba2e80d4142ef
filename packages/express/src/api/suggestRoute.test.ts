import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, BETA_MARKER, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

const testDb = await createTestDb('api_suggest');
const { base } = await startApiApp(testDb);
const api = `${base}/api/activity`;

const suggest = (query: string, who: Parameters<typeof as>[0] = 'partner') =>
  call(`${api}/actors?${query}`, { headers: as(who) });

describe('GET /actors', () => {
  it('suggests actors of the caller’s tenant by name, word or id prefix', async () => {
    const { status, body } = await suggest('prefix=acme');
    expect(status).toBe(200);
    expect(body.items.map((item: { id: string }) => item.id).sort()).toEqual([
      'acme-u0',
      'acme-u1',
    ]);
    expect(body.items[0]).toMatchObject({ type: 'user', value: expect.any(String) });
    const byWord = await suggest('prefix=CUSTOMER&limit=1');
    expect(byWord.body.items).toHaveLength(1);
  });

  it('never shows a partner another tenant’s actor names', async () => {
    const admin = await suggest('prefix=beta', 'admin');
    expect(admin.body.items.map((item: { id: string }) => item.id).sort()).toEqual([
      'beta-u0',
      'beta-u1',
    ]);
    for (const prefix of ['beta', 'BETA-SECRET', 'b', 'u', 'a', 'anonymous', '1', 's']) {
      const { status, text } = await suggest(`prefix=${encodeURIComponent(prefix)}&limit=20`);
      expect(status, prefix).toBe(200);
      expect(text, prefix).not.toContain(BETA_MARKER);
      expect(text, prefix).not.toContain('beta-u');
    }
  });

  it('asks who is calling first', async () => {
    expect((await suggest('prefix=acme', 'anonymous')).status).toBe(401);
    expect((await suggest('prefix=acme', 'nobody')).status).toBe(403);
  });

  it.each([
    ['no prefix', ''],
    ['an empty prefix', 'prefix='],
    ['an operator', 'prefix[$ne]=x'],
    ['two prefixes', 'prefix=a&prefix=b'],
    ['a limit too large', 'prefix=a&limit=500'],
    ['an unknown parameter', 'prefix=a&tenant=beta'],
  ])('answers %s with a 400 problem', async (_, query) => {
    const { status, headers, body } = await suggest(query);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.code).toBe('INVALID_INPUT');
  });
});
