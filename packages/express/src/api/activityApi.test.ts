import { generateSealingKeys } from '@activitykit/core';
import { createTestDb } from '@activitykit/test-utils';
import { parse } from 'csv-parse/sync';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { as, BETA_MARKER, startApiApp } from '../test/apiApp.ts';
import { call, listen } from '../test/fixture.ts';
import { activityApi } from './activityApi.ts';

const testDb = await createTestDb('api');
const keys = generateSealingKeys();
const restored: unknown[] = [];
const { base, store, acme, beta } = await startApiApp(testDb, {
  store: { integrity: { privateKey: keys.privateKey } },
  api: {
    verify: { publicKey: keys.publicKey },
    restorers: {
      customer: async (snapshot) => {
        restored.push(snapshot);
      },
    },
  },
});
const api = `${base}/api/activity`;

describe('activityApi: access', () => {
  it('answers 401 without a caller and 403 for an empty scope, as problem+json', async () => {
    const anonymous = await call(`${api}/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(anonymous.body).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      title: 'Unauthorized',
    });
    const nobody = await call(`${api}/scope`, { headers: as('nobody') });
    expect(nobody.status).toBe(403);
    expect(nobody.body.code).toBe('FORBIDDEN');
  });

  it('tells the caller their scope', async () => {
    const { body } = await call(`${api}/scope`, { headers: as('partner') });
    expect(body).toEqual({
      tenants: ['acme'],
      roles: '*',
      canDelete: false,
      canRestore: true,
      canNote: true,
      actor: { id: 'u-pat', name: 'Pat Partner', role: 'partner' },
    });
  });
});

describe('activityApi: reads', () => {
  it('lists with filters and pages with a cursor, dates as ISO strings', async () => {
    const first = await call(`${api}/?type=customer&limit=5&sort=asc`, { headers: as('partner') });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0].occurredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const second = await call(
      `${api}/?type=customer&limit=5&sort=asc&cursor=${first.body.nextCursor}`,
      {
        headers: as('partner'),
      },
    );
    const ids = [...first.body.items, ...second.body.items].map(
      (event: { id: string }) => event.id,
    );
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual(acme.slice(0, 10).map((event) => event.id));
  });

  it('searches with the search syntax and reports where a search is malformed', async () => {
    const found = await call(`${api}/?q=${encodeURIComponent('kind:delete "Acme customer 3"')}`, {
      headers: as('partner'),
    });
    expect(found.body.items.map((event: { id: string }) => event.id)).toEqual([acme[3]?.id]);
    const bad = await call(`${api}/?q=${encodeURIComponent('kind:explode')}`, {
      headers: as('partner'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_SEARCH', position: 0 });
    expect(bad.body.detail).toMatch(/^unknown kind "explode" at character 1: use one of create,/);
    expect(bad.body.search).toEqual({
      reason: 'UNKNOWN_CHOICE',
      params: { key: 'kind', value: 'explode', choices: expect.stringMatching(/^create, update/) },
    });
  });

  it('gets one event, and 404s one of another tenant', async () => {
    const mine = await call(`${api}/${acme[2]?.id}`, { headers: as('partner') });
    expect(mine.body).toMatchObject({ id: acme[2]?.id, tenantId: 'acme' });
    const theirs = await call(`${api}/${beta[2]?.id}`, { headers: as('partner') });
    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain(BETA_MARKER);
  });

  it('reads a record timeline', async () => {
    const { body } = await call(`${api}/timeline?ref=customer:41`, { headers: as('partner') });
    expect(body.items.length).toBe(3);
    expect(
      body.items.every((event: { subject: { id: string } }) => event.subject.id === '41'),
    ).toBe(true);
    const missing = await call(`${api}/timeline`, { headers: as('partner') });
    expect(missing.body).toMatchObject({ status: 400, errors: [{ path: 'ref' }] });
  });

  it('computes stats and signals within the scope', async () => {
    const stats = await call(`${api}/stats?preset=today&bucket=hour`, { headers: as('partner') });
    expect(stats.status).toBe(200);
    expect(stats.body.total).toBe(12);
    expect(stats.body.bucket).toBe('hour');
    expect(stats.body.auth.failures).toBe(1);
    expect(stats.text).not.toContain(BETA_MARKER);
    const signals = await call(`${api}/signals?preset=today`, { headers: as('partner') });
    expect(signals.status).toBe(200);
    expect(Array.isArray(signals.body.items)).toBe(true);
    const badBucket = await call(`${api}/stats?bucket=year`, { headers: as('partner') });
    expect(badBucket.body).toMatchObject({ status: 400, errors: [{ path: 'bucket' }] });
  });
});

describe('activityApi: exports', () => {
  it('streams a CSV as an attachment', async () => {
    const response = await fetch(`${api}/export.csv?type=customer&tz=Europe/Moscow`, {
      headers: as('partner'),
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="activity\.csv"/,
    );
    const rows = parse(await response.text(), { bom: true }) as string[][];
    expect(rows).toHaveLength(1 + 12);
  });

  it('exports a selection of ids, leaving out those outside the scope', async () => {
    const ids = [acme[0]?.id, acme[1]?.id, beta[0]?.id].map((id) => `id=${id}`).join('&');
    const response = await call(`${api}/export.ndjson?${ids}`, { headers: as('partner') });
    expect(response.headers.get('content-disposition')).toContain('activity.ndjson');
    const lines = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((event) => event.id).sort()).toEqual([acme[0]?.id, acme[1]?.id].sort());
  });

  it('streams a PDF in Russian', async () => {
    const response = await fetch(`${api}/export.pdf?locale=ru&limit=5`, { headers: as('partner') });
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('activityApi: writes', () => {
  it('adds a note stamped with the caller, 201', async () => {
    const note = await call(`${api}/notes`, {
      body: { ref: 'customer:41', body: 'Called back, all good' },
      headers: as('partner'),
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      action: 'note.added',
      kind: 'note',
      actor: { id: 'u-pat' },
      tenantId: 'acme',
    });
    const empty = await call(`${api}/notes`, {
      body: { ref: 'customer:41', body: ' ' },
      headers: as('partner'),
    });
    expect(empty.body).toMatchObject({ status: 400, errors: [{ path: 'body' }] });
    const staff = await call(`${api}/notes`, {
      body: { ref: 'customer:41', body: 'x' },
      headers: as('staffOnly'),
    });
    expect(staff.status).toBe(403);
  });

  it('restores a delete once, then answers 409; an event that is no delete is 422', async () => {
    const deleted = acme[3];
    const first = await call(`${api}/${deleted?.id}/restore`, { body: {}, headers: as('partner') });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ action: 'customer.restored' });
    expect(restored).toHaveLength(1);
    const again = await call(`${api}/${deleted?.id}/restore`, { body: {}, headers: as('partner') });
    expect(again).toMatchObject({ status: 409, body: { code: 'ALREADY_RESTORED' } });
    const notDelete = await call(`${api}/${acme[1]?.id}/restore`, {
      body: {},
      headers: as('partner'),
    });
    expect(notDelete).toMatchObject({ status: 422, body: { code: 'NOT_RESTORABLE' } });
    const theirs = await call(`${api}/${beta[3]?.id}/restore`, {
      body: {},
      headers: as('partner'),
    });
    expect(theirs.status).toBe(404);
  });

  it('bulk-deletes only with canDelete, and records it', async () => {
    const partner = await call(`${api}/bulk-delete`, {
      body: { ids: [acme[5]?.id] },
      headers: as('partner'),
    });
    expect(partner.status).toBe(403);
    const admin = await call(`${api}/bulk-delete`, {
      body: { ids: [acme[5]?.id, acme[6]?.id] },
      headers: as('admin'),
    });
    expect(admin.status).toBe(200);
    expect(admin.body.deleted).toBe(2);
    const gone = await call(`${api}/${acme[5]?.id}`, { headers: as('admin') });
    expect(gone.status).toBe(404);
    const byQuery = await call(`${api}/bulk-delete`, {
      body: { query: { subjects: ['customer:b43'] } },
      headers: as('admin'),
    });
    expect(byQuery.body.deleted).toBe(3);
  });

  it('verifies a tenant with the configured public key', async () => {
    await store.flush();
    await store.seal();
    const report = await call(`${api}/verify`, {
      body: { tenantId: 'acme' },
      headers: as('partner'),
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ tenantId: 'acme', wrongKey: false });
    const other = await call(`${api}/verify`, {
      body: { tenantId: 'beta' },
      headers: as('partner'),
    });
    expect(other.status).toBe(403);
  });

  it('says verify is not set up when no key was given', async () => {
    const plain = await startApiApp(await createTestDb('api-plain'));
    const response = await call(`${plain.base}/api/activity/verify`, {
      body: { tenantId: 'acme' },
      headers: as('partner'),
    });
    expect(response).toMatchObject({ status: 501, body: { code: 'NOT_CONFIGURED' } });
  });

  it('answers unknown routes, bad JSON and huge bodies with problems', async () => {
    expect((await call(`${api}/nope/nope`, { headers: as('partner') })).body.code).toBe(
      'NOT_FOUND',
    );
    const badJson = await call(`${api}/notes`, { body: '{"ref":', headers: as('partner') });
    expect(badJson.body).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      detail: 'The request body is not valid JSON.',
    });
    const huge = await call(`${api}/notes`, {
      body: { ref: 'customer:1', body: 'x'.repeat(200_000) },
      headers: as('partner'),
    });
    expect(huge.status).toBe(413);
  });
});

describe('activityApi: failures', () => {
  it('answers 403 DISABLED when the store switched bulk delete off', async () => {
    const app = await startApiApp(await createTestDb('api-states'), {
      store: { bulkDelete: { enabled: false } },
    });
    const disabled = await call(`${app.base}/api/activity/bulk-delete`, {
      body: { ids: [app.acme[0]?.id] },
      headers: as('admin'),
    });
    expect(disabled).toMatchObject({ status: 403, body: { code: 'DISABLED' } });
  });

  it('answers an unexpected failure with a 500 that tells nothing of the internals', async () => {
    const reported: unknown[] = [];
    const app = express();
    app.use(
      '/api/activity',
      activityApi({
        store: {
          list: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:27017 /srv/db')),
        } as never,
        authorize: () => ({ scope: { tenants: ['acme'] }, actor: { id: 'u1', type: 'user' } }),
        onError: (error) => reported.push(error),
      }),
    );
    const response = await call(`${await listen(app)}/api/activity/`);
    expect(response).toMatchObject({ status: 500, body: { code: 'INTERNAL' } });
    expect(response.text).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|srv/);
    expect(reported).toHaveLength(1);
  });

  it('refuses options without a store or an authorize function', () => {
    expect(() => activityApi({} as never)).toThrow(/needs \{ store \}/);
    expect(() => activityApi({ store: { list() {} } } as never)).toThrow(/authorize/);
  });
});
