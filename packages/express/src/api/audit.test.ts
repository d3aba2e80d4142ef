import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

// The audit trail of the API's own privileged actions, read back from MongoDB: who exported
// what, and where notes, restores and bulk deletes came from.
const testDb = await createTestDb('audit');
const restored: unknown[] = [];
const { base, store, acme, beta } = await startApiApp(testDb, {
  api: { restorers: { customer: async (snapshot) => void restored.push(snapshot) } },
});
const api = `${base}/api/activity`;
const events = testDb.db.collection<ActivityEvent & { _id: string }>(await collectionOf());
const browser = { 'user-agent': 'AuditTest/1.0 (X11)', 'x-request-id': 'req-audit-1' };
const dir = await mkdtemp(join(tmpdir(), 'ak-express-audit-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function collectionOf(): Promise<string> {
  const names = (await testDb.db.listCollections().toArray()).map((c) => c.name);
  const found = names.filter((name) => /^events_\d+$/.test(name));
  if (found.length !== 1) throw new Error(`expected one events collection, got ${found}`);
  return found[0] as string;
}

/** The stored documents of `action`, once `count` of them are in MongoDB. */
function stored(action: string, count: number) {
  return flushedUntil(store, () => events.find({ action }).sort({ _id: 1 }).toArray(), count);
}

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const file = join(dir, 'selection.pdf');
  await writeFile(file, Buffer.from(bytes));
  const { stdout } = await promisify(execFile)('pdftotext', [file, '-']);
  return stdout;
}

const requestContext = { ip: '127.0.0.1', userAgent: 'AuditTest/1.0 (X11)' };

describe('audit of the API’s own actions', () => {
  it('records a filtered CSV export: format, filters, rows, actor, IP and user agent', async () => {
    const response = await fetch(`${api}/export.csv?kind=create&sort=asc`, {
      headers: { ...as('partner'), ...browser },
    });
    expect(response.status).toBe(200);
    const rows = (await response.text()).trim().split('\r\n').length - 1;
    expect(rows).toBeGreaterThan(0);
    const [exported, ...more] = await stored('activity.exported', 1);
    expect(more).toEqual([]);
    expect(exported).toMatchObject({
      tenantId: 'acme',
      kind: 'access',
      outcome: 'success',
      actor: { id: 'u-pat', name: 'Pat Partner', role: 'partner' },
      context: { ...requestContext, requestId: 'req-audit-1' },
      metadata: { format: 'csv', rows, filters: 'kind:create', completed: true },
    });
    expect(exported?.description).toBe(
      `Pat Partner exported ${rows} events as CSV (filters: kind:create) from IP 127.0.0.1`,
    );
    await events.deleteMany({ action: 'activity.exported' });
  });

  it('records a PDF of three selected events in each tenant they belong to, and says "Selection" in the PDF', async () => {
    const ids = [acme[1]?.id, acme[2]?.id, beta[4]?.id] as string[];
    const response = await fetch(`${api}/export.pdf?${ids.map((id) => `id=${id}`).join('&')}`, {
      headers: { ...as('admin'), ...browser },
    });
    expect(response.status).toBe(200);
    const text = await pdfText(await response.arrayBuffer());
    expect(text).toContain('Selection: 3 selected events');
    expect(text).not.toContain('Filters: none');

    const recorded = await stored('activity.exported', 2);
    expect(recorded.map((event) => event.tenantId).sort()).toEqual(['acme', 'beta']);
    const inAcme = recorded.find((event) => event.tenantId === 'acme');
    expect(inAcme).toMatchObject({
      actor: { id: 'u-admin' },
      context: requestContext,
      metadata: {
        format: 'pdf',
        rows: 2,
        totalRows: 3,
        selection: { count: 3, ids: expect.arrayContaining(ids.slice(0, 2)) },
        completed: true,
      },
    });
    expect(JSON.stringify(inAcme)).not.toContain(ids[2]); // beta's id stays in beta's log
    expect(inAcme?.description).toBe(
      'Ada Admin exported 2 events as PDF (a selection of 3) from IP 127.0.0.1',
    );
    await events.deleteMany({ action: 'activity.exported' });
  });

  it('stamps a note with the IP, user agent and request id it was written from', async () => {
    const response = await call(`${api}/notes`, {
      body: { ref: 'customer:41', body: 'Called about the refund' },
      headers: { ...as('partner'), ...browser },
    });
    expect(response.status, response.text).toBe(201);
    const [note] = await stored('note.added', 1);
    expect(note).toMatchObject({
      actor: { id: 'u-pat' },
      context: { ...requestContext, requestId: 'req-audit-1' },
      metadata: { note: 'Called about the refund' },
    });
  });

  it('stamps a restore with the IP and user agent it came from', async () => {
    const deleted = acme.find((event) => event.kind === 'delete') as ActivityEvent;
    const response = await call(`${api}/${deleted.id}/restore`, {
      body: {},
      headers: { ...as('partner'), ...browser },
    });
    expect(response.status, response.text).toBe(201);
    const [event] = await stored('customer.restored', 1);
    expect(event).toMatchObject({
      tenantId: 'acme',
      actor: { id: 'u-pat' },
      context: requestContext,
      metadata: { restoredFrom: deleted.id },
    });
    expect(restored).toHaveLength(1);
  });

  it('describes a bulk delete with its count, its ids and the IP, and stamps the request', async () => {
    const ids = [acme[9]?.id, acme[10]?.id, acme[11]?.id] as string[];
    const response = await call(`${api}/bulk-delete`, {
      body: { ids },
      headers: { ...as('admin'), ...browser },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.deleted).toBe(3);
    const [event] = await stored('activity.bulk_deleted', 1);
    expect(event).toMatchObject({
      tenantId: 'acme',
      actor: { id: 'u-admin' },
      context: requestContext,
      metadata: { ids: expect.arrayContaining(ids), total: 3 },
    });
    // Facts only, described by the store like any event (so readers re-word it in their language).
    expect(event?.subject).toEqual({ type: 'activity_log', id: 'acme' });
    const listed = (event?.metadata?.ids as string[] | undefined) ?? [];
    expect(event?.description).toBe(
      `Ada Admin deleted 3 events from the activity log (${listed.join(', ')}) from IP 127.0.0.1`,
    );
  });
});
