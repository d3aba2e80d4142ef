import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createActivityExportHandler } from '../export/exportHandler.ts';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, EXPORT_SECRET, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';

const testDb = await createTestDb('trpc_export');
const { store } = await createTestStore(testDb);
const seeded = await recordAll(store, seedEvents());
const inline = await serve(createRouterApp(store, { export: { maxInlineEvents: 12 } }));
const handler = createActivityExportHandler({ store, secret: EXPORT_SECRET });
const expired = createActivityExportHandler({
  store,
  secret: EXPORT_SECRET,
  now: () => Date.now() + 3_600_000,
});
const linked = await serve(
  createRouterApp(store, { export: { link: { url: '/export', secret: EXPORT_SECRET } } }),
  { '/export': handler, '/expired': expired },
);
const acme = clientFor<RouterApp>(inline.url, 'acme');
const admin = clientFor<RouterApp>(inline.url, 'admin');

const decode = (data: string | undefined) => Buffer.from(data ?? '', 'base64');
const idsOf = (tenantId: string) => seeded.filter((e) => e.tenantId === tenantId).map((e) => e.id);

describe('export, inline', () => {
  it('exports a selection as CSV, leaving out events outside the scope', async () => {
    const ids = [...idsOf('acme').slice(0, 2), ...idsOf('beta').slice(0, 2)];
    const file = await acme.activity.export.mutate({ format: 'csv', ids, locale: 'ru' });
    expect(file).toMatchObject({ contentType: 'text/csv; charset=utf-8', encoding: 'base64' });
    expect(file.filename).toMatch(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = decode(file.data).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toMatch(/Пользователь/);
    for (const id of idsOf('acme').slice(0, 2)) expect(csv).toContain(id);
    for (const id of idsOf('beta')) expect(csv).not.toContain(id);
  });

  it('exports a query as NDJSON within the scope', async () => {
    const file = await acme.activity.export.mutate({ format: 'ndjson', query: { sort: 'asc' } });
    const lines = decode(file.data).toString('utf8').trim().split('\n');
    const events = lines.map((line) => JSON.parse(line) as ActivityEvent);
    // The seeded 10, and the export before this one (exports are recorded: activity.exported).
    expect(events.filter((e) => e.action !== 'activity.exported')).toHaveLength(10);
    expect(events.every((e) => e.tenantId === 'acme')).toBe(true);
  });

  it('exports a PDF', async () => {
    const file = await acme.activity.export.mutate({ format: 'pdf', query: { q: 'kind:delete' } });
    expect(file.contentType).toBe('application/pdf');
    expect(decode(file.data).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses an inline export past the cap, saying what to do', async () => {
    await expect(admin.activity.export.mutate({ format: 'csv' })).rejects.toMatchObject({
      data: { code: 'PAYLOAD_TOO_LARGE' },
      message: expect.stringMatching(/export\.link/),
    });
  });
});

describe('export, by signed link', () => {
  const linkClient = (user: string) => clientFor<RouterApp>(linked.url, user);

  it('hands out a short-lived link that streams the file within the scope', async () => {
    const file = await linkClient('beta').activity.export.mutate({ format: 'csv' });
    expect(file.data).toBeUndefined();
    expect(file.url).toMatch(/^\/export\?token=/);
    const response = await fetch(`${linked.url}${file.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="activity-.*\.csv"/,
    );
    const csv = await response.text();
    for (const id of idsOf('beta')) expect(csv).toContain(id);
    for (const id of idsOf('acme')) expect(csv).not.toContain(id);
  });

  it('still returns a selection inline', async () => {
    const file = await linkClient('acme').activity.export.mutate({
      format: 'ndjson',
      ids: idsOf('acme').slice(0, 1),
    });
    expect(file.url).toBeUndefined();
    expect(decode(file.data).toString('utf8')).toContain(idsOf('acme')[0]);
  });

  it('refuses forged, expired, missing tokens and other methods', async () => {
    const file = await linkClient('acme').activity.export.mutate({ format: 'ndjson' });
    const token = new URL(file.url ?? '', 'http://x').searchParams.get('token') ?? '';
    const [payload = '', signature = ''] = token.split('.');
    const widened = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('["acme"]', '"*"'),
    ).toString('base64url');
    const forged = await fetch(`${linked.url}/export?token=${widened}.${signature}`);
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/new one/),
    });
    expect((await fetch(`${linked.url}/expired?token=${token}`)).status).toBe(410);
    expect((await fetch(`${linked.url}/export`)).status).toBe(400);
    expect((await fetch(`${linked.url}/export?token=${token}`, { method: 'POST' })).status).toBe(
      405,
    );
  });

  it('refuses a secret too short to sign with', () => {
    expect(() => createActivityExportHandler({ store, secret: 'short' })).toThrow(/32 bytes/);
  });
});
