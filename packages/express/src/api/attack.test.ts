import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, BETA_MARKER, startApiApp } from '../test/apiApp.ts';
import { call, eventually } from '../test/fixture.ts';

const testDb = await createTestDb('attack');
const { base, store, acme, beta } = await startApiApp(testDb);
const api = `${base}/api/activity`;

/** A beta cursor an administrator got, replayed by an acme partner. */
const adminPage = await call(`${api}/?limit=2&q=${encodeURIComponent('"BETA-SECRET"')}`, {
  headers: as('admin'),
});
const betaCursor = String(adminPage.body.nextCursor);
const betaIds = beta.map((event) => event.id);

interface Attack {
  name: string;
  path: string;
  method?: string;
  body?: unknown;
  who?: Parameters<typeof as>[0];
  /** `empty`: 200 with nothing outside the scope; `4xx`: refused. Defaults to `4xx`. */
  expect?: '4xx' | 'scoped';
}

const get = (name: string, path: string, expected: Attack['expect'] = '4xx'): Attack => ({
  name,
  path,
  expect: expected,
});
const post = (name: string, path: string, body: unknown): Attack => ({
  name,
  path,
  method: 'POST',
  body,
});

const attacks: Attack[] = [
  // Another tenant's events: by id, cursor, timeline, export, stats, signals.
  ...betaIds.slice(0, 6).map((id, i) => get(`beta event ${i} by id`, `/${id}`)),
  ...betaIds
    .slice(0, 3)
    .map((id, i) => ({ ...post(`restore beta event ${i}`, `/${id}/restore`, {}) })),
  get('beta cursor replayed by a partner', `/?limit=2&cursor=${betaCursor}`, 'scoped'),
  get('beta cursor on the timeline', `/timeline?ref=customer:b41&cursor=${betaCursor}`, 'scoped'),
  get('forged cursor', '/?cursor=eyJ0ZW5hbnRJZCI6ImJldGEifQ'),
  get(
    'cursor with an operator',
    `/?cursor=${encodeURIComponent(btoa('{"occurredAt":{"$gt":0}}'))}`,
  ),
  get('cursor of garbage', '/?cursor=%00%01%02'),
  get('oversized cursor', `/?cursor=${'A'.repeat(600)}`),
  get('beta timeline', '/timeline?ref=customer:b41', 'scoped'),
  get('beta timeline by subject', '/timeline?ref=customer:b42&type=customer', 'scoped'),
  get('timeline with two refs', '/timeline?ref=customer:41&ref=customer:b41'),
  get('timeline ref operator', '/timeline?ref[$ne]=x'),
  get('list filtered to beta customer', '/?subject=customer:b41', 'scoped'),
  get('list filtered to beta actor', '/?actor=beta-u1', 'scoped'),
  get('list filtered to beta ip', '/?ip=198.51.100.7', 'scoped'),
  get('search for the beta marker', `/?q=${encodeURIComponent('"BETA-SECRET"')}`, 'scoped'),
  get('text for the beta marker', `/?text=${BETA_MARKER}`, 'scoped'),
  get('stats over everything', '/stats?preset=last_30_days', 'scoped'),
  get('stats by beta actor', '/stats?actor=beta-u0', 'scoped'),
  get('signals over everything', '/signals?preset=today', 'scoped'),
  get(
    'export csv of beta ids',
    `/export.csv?${betaIds
      .slice(0, 5)
      .map((id) => `id=${id}`)
      .join('&')}`,
    'scoped',
  ),
  get(
    'export ndjson of beta ids',
    `/export.ndjson?${betaIds.map((id) => `id=${id}`).join('&')}`,
    'scoped',
  ),
  get('export pdf of beta ids', `/export.pdf?id=${betaIds[0]}`, 'scoped'),
  get('export csv filtered to beta', '/export.csv?subject=customer:b41', 'scoped'),
  get(
    'export with 1001 ids',
    `/export.csv?${Array.from({ length: 1001 }, () => `id=${betaIds[0]}`).join('&')}`,
  ),
  get('export with a bad id', '/export.csv?id=../../etc/passwd'),
  get('export with an unknown locale', '/export.pdf?locale=xx'),
  get('tenant parameter', '/?tenantId=beta'),
  get('tenant parameter, short', '/?tenant=beta'),
  get('tenants parameter', '/?tenants=*'),
  get('scope parameter', '/?scope[tenants]=*'),
  post('verify another tenant', '/verify', { tenantId: 'beta' }),
  post('note on another tenant', '/notes', { ref: 'customer:b41', body: 'hi', tenantId: 'beta' }),
  // `$`-operators and prototype-pollution keys in query strings.
  ...[
    'actor[$ne]=x',
    'actor[$gt]=',
    'actor[$regex]=.*',
    'kind[$in][]=create',
    'kind[$ne]=note',
    'subject[$exists]=true',
    'ref[$ne]=',
    'limit[$gt]=0',
    'sort[$natural]=1',
    'from[$gte]=2000-01-01',
    'q[$where]=1',
    '$where=1',
    '$or[0][tenantId]=beta',
    'tenantId[$ne]=acme',
    '__proto__[polluted]=1',
    '__proto__=x',
    'constructor[prototype][polluted]=1',
    'constructor=x',
    'prototype=x',
    'toString=x',
    'hasOwnProperty=x',
    'actor.__proto__.polluted=1',
    'actor%5B%24ne%5D=x',
    '%24where=1',
    'kind=create&kind[$ne]=x',
  ].map((query) => get(`query ${query}`, `/?${query}`)),
  ...['__proto__[x]=1', 'constructor[prototype][x]=1', 'actor[$ne]=x'].flatMap((query) => [
    get(`stats ${query}`, `/stats?${query}`),
    get(`timeline ${query}`, `/timeline?ref=customer:41&${query}`),
    get(`export ${query}`, `/export.csv?${query}`),
    get(`signals ${query}`, `/signals?${query}`),
  ]),
  get(
    'operator-looking value is a literal',
    `/?actor=${encodeURIComponent('{"$ne":null}')}`,
    'scoped',
  ),
  get(
    'operator-looking ref is a literal',
    `/?ref=${encodeURIComponent('customer:{"$gt":""}')}`,
    'scoped',
  ),
  get(
    'operator in the search syntax is a literal',
    `/?q=${encodeURIComponent('actor:{"$ne":1}')}`,
    'scoped',
  ),
  get('unknown search key', `/?q=${encodeURIComponent('tenant:beta')}`),
  get('unbalanced quote', `/?q=${encodeURIComponent('"refund')}`),
  get('oversized search', `/?q=${'a'.repeat(1001)}`),
  // `$`-operators and prototype-pollution keys in JSON bodies.
  post('note ref operator', '/notes', { ref: { $ne: null }, body: 'x' }),
  post('note body operator', '/notes', { ref: 'customer:41', body: { $gt: '' } }),
  post(
    'note __proto__',
    '/notes',
    JSON.parse('{"ref":"customer:41","body":"x","__proto__":{"canNote":true}}'),
  ),
  post('note constructor.prototype', '/notes', {
    ref: 'customer:41',
    body: 'x',
    constructor: { prototype: { a: 1 } },
  }),
  post('note tenant operator', '/notes', {
    ref: 'customer:41',
    body: 'x',
    tenantId: { $ne: 'acme' },
  }),
  post('note author forged', '/notes', {
    ref: 'customer:41',
    body: 'x',
    author: { id: 'u-admin', type: 'user' },
  }),
  post('verify tenant operator', '/verify', { tenantId: { $ne: null } }),
  post('verify from operator', '/verify', { tenantId: 'acme', from: { $gt: 0 } }),
  post('verify malformed date', '/verify', { tenantId: 'acme', from: 'yesterday-ish' }),
  post(
    'verify __proto__',
    '/verify',
    JSON.parse('{"tenantId":"acme","__proto__":{"isAdmin":true}}'),
  ),
  post('bulk delete by a partner', '/bulk-delete', { ids: [acme[0]?.id] }),
  post('restore with a body', `/${acme[0]?.id}/restore`, { actor: { id: 'u-admin' } }),
  post('restore a bad id', '/..%2f..%2fetc/restore', {}),
  post('notes as an array', '/notes', [{ ref: 'customer:41', body: 'x' }]),
  post('notes as a string', '/notes', '"customer:41"'),
  // Malformed and out-of-range dates, presets and zones.
  ...[
    'from=not-a-date',
    'from=2026-13-45',
    'to=2026-02-30T25:61:00Z',
    'from=',
    'from=%00',
    'from=1e400',
    'from=+275761-01-01T00:00:00Z',
    'to=-300000-01-01',
    'preset=yesterdayish',
    'preset=today&preset=yesterday',
    'tz=Mars/Olympus_Mons',
    `tz=${'A'.repeat(100)}`,
    'from=2026-11-01&from=2026-11-02',
  ].map((query) => get(`date ${query}`, `/?${query}`)),
  get('stats with a bad zone', '/stats?preset=today&tz=Not/AZone'),
  get('list over ten thousand years', '/?from=0001-01-01&to=9999-12-31', 'scoped'),
  get('stats over ten thousand years', '/stats?from=0001-01-01&to=9999-12-31&bucket=hour'),
  get('timeline before it began', '/timeline?ref=customer:41&to=1970-01-01', 'scoped'),
  get('stats with from after to', '/stats?from=2026-12-01&to=2026-11-01'),
  get('live with a bad date', '/live?from=garbage'),
  get('live with a bad Last-Event-ID', '/live?lastEventId=../../x'),
  get('live with an oversized limit', '/live?limit=100000'),
  get('live with an operator', '/live?actor[$ne]=x'),
  // Oversized and malformed page sizes.
  ...[
    'limit=201',
    'limit=1000000',
    'limit=1e9',
    'limit=-1',
    'limit=0',
    'limit=abc',
    'limit=1.5',
    'limit=10&limit=20',
    'sort=random',
    'sort=asc&sort=desc',
  ].map((query) => get(`page ${query}`, `/?${query}`)),
  // Callers that are not allowed in.
  { name: 'anonymous list', path: '/', who: 'anonymous' },
  { name: 'anonymous live', path: '/live', who: 'anonymous' },
  { name: 'anonymous export', path: '/export.csv', who: 'anonymous' },
  { name: 'anonymous scope', path: '/scope', who: 'anonymous' },
  { name: 'empty scope list', path: '/', who: 'nobody' },
  { name: 'empty scope event', path: `/${acme[0]?.id}`, who: 'nobody' },
  { name: 'empty scope live', path: '/live', who: 'nobody' },
  { name: 'empty scope stats', path: '/stats', who: 'nobody' },
  {
    name: 'empty scope bulk delete',
    path: '/bulk-delete',
    method: 'POST',
    body: { ids: [acme[0]?.id] },
    who: 'nobody',
  },
  // Paths.
  get('unknown route', '/admin'),
  get('traversal', '/..%2f..%2fetc%2fpasswd'),
  get('not an id', '/1%20OR%201=1'),
  get('id with an operator', '/%7B%22%24ne%22%3Anull%7D'),
  // Malformed percent-encoding (Express's URIError used to be a 500) and invalid UTF-8.
  get('path of invalid UTF-8', '/%FF'),
  get('path of a lone percent sign', '/%'),
  get('path with a truncated escape', '/%C3'),
  post('restore of an invalid UTF-8 id', '/%FF/restore', {}),
  get('actor of invalid UTF-8', '/?actor=%FF%FE'),
  get('search of invalid UTF-8', '/?q=%C3%28'),
  get('parameter name of invalid UTF-8', '/?%FF=1'),
  get('query with a lone percent sign', '/?text=100%'),
  get('timeline ref of invalid UTF-8', '/timeline?ref=customer:%FF'),
  get('export of invalid UTF-8', '/export.csv?actor=%C0%AF'),
  get('live of invalid UTF-8', '/live?q=%ED%A0%80'),
  // Last: an export is recorded in the exporter's own tenant with the filters they typed
  // (`activity.exported`), so every later answer to acme would hold the marker the partner
  // typed here — their own input, not beta's data.
  get(
    'export ndjson searching beta',
    `/export.ndjson?q=${encodeURIComponent('"BETA-SECRET"')}`,
    'scoped',
  ),
];

describe('attack suite', () => {
  it('has at least 100 attacks', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(100);
  });

  it.each(attacks)('$name', async (attack) => {
    const response = await call(`${api}${attack.path}`, {
      method: attack.method ?? (attack.body === undefined ? 'GET' : 'POST'),
      body: attack.body,
      headers: as(attack.who ?? 'partner'),
    });
    expect(response.text).not.toContain(BETA_MARKER);
    expect(response.text).not.toContain('198.51.100.7');
    expect(response.text).not.toMatch(/MongoServerError|at \w+ \(|node_modules/);
    if ((attack.expect ?? '4xx') === '4xx') {
      expect(response.status, response.text).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: response.status, code: expect.any(String) });
      expect(response.body.detail.length).toBeGreaterThan(10);
    } else {
      expect(response.status, response.text).toBe(200);
      for (const event of response.body?.items ?? []) expect(event.tenantId).toBe('acme');
    }
  });

  it('names the parameter whose value is not UTF-8, and never answers with a replaced value', async () => {
    for (const [query, param] of [
      ['actor=%FF%FE', 'actor'],
      ['kind=create&q=%C3%28', 'q'],
      ['text=%E2%82', 'text'],
    ] as const) {
      const response = await call(`${api}/?${query}`, { headers: as('partner') });
      expect(response.status, query).toBe(400);
      expect(response.body).toMatchObject({
        code: 'INVALID_INPUT',
        errors: [{ path: param, message: expect.stringMatching(/UTF-8/) }],
      });
      expect(response.body.detail).toContain(`"${param}"`);
      expect(response.text).not.toContain('\ufffd');
    }
    // `+` is a space and well-formed escapes (Cyrillic, `%`) still read as before.
    const ok = await call(`${api}/?text=${encodeURIComponent('Иван 100%')}+x`, {
      headers: as('partner'),
    });
    expect(ok.status, ok.text).toBe(200);
  });

  it('answers a path that is not valid percent-encoding with a 400 problem, not a 500', async () => {
    const reported: unknown[] = [];
    const local = await startApiApp(testDb, { api: { onError: (error) => reported.push(error) } });
    for (const [method, path] of [
      ['GET', '/%FF'],
      ['GET', '/%'],
      ['POST', '/%FF/restore'],
    ] as const) {
      const response = await call(`${local.base}/api/activity${path}`, {
        method,
        headers: as('admin'),
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
      expect(response.body.detail).toMatch(/percent-encod/);
    }
    expect(reported).toEqual([]);
  });

  it('records nothing for the API own routes', async () => {
    await store.flush();
    const { items } = await store.list({ q: 'verify note restore bulk' }, { tenants: '*' });
    expect(items.filter((event) => event.context.route?.startsWith('/api/activity'))).toEqual([]);
  });

  it('left no prototype polluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).canNote).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('keeps a partner on a role-limited scope away from other roles', async () => {
    const { body } = await call(`${api}/?limit=200`, { headers: as('staffOnly') });
    expect(body.items.length).toBeGreaterThan(0);
    for (const event of body.items) expect([undefined, 'staff']).toContain(event.actor.role);
  });

  it('records the socket address, not a spoofed X-Forwarded-For, without trust proxy', async () => {
    for (const spoof of ['1.2.3.4', '127.0.0.1, 6.6.6.6', 'evil', '::1']) {
      const response = await call(`${base}/customers/spoof-${spoof.length}`, {
        body: {},
        headers: { 'x-forwarded-for': spoof, 'x-real-ip': '9.9.9.9', forwarded: 'for=8.8.8.8' },
      });
      expect(response.status).toBe(200);
    }
    const recorded = await eventually(
      store,
      { actions: ['customer.updated'], actors: ['anonymous'] },
      4,
    );
    expect(recorded).toHaveLength(4);
    expect(recorded.map((event) => event.context.ip)).toEqual(Array(4).fill('127.0.0.1'));
  });
});
