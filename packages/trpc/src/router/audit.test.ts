import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb, flushedUntil } from '@activitykit/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createActivityExportHandler } from '../export/exportHandler.ts';
import { createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, EXPORT_SECRET, key, type RouterApp } from '../test/routerApp.ts';
import { recordAll, seedEvents } from '../test/seed.ts';

// The audit trail of the router's own privileged actions, read back from MongoDB: who exported
// what (inline and through a download link), and where notes, restores and bulk deletes came from.
const testDb = await createTestDb('trpc_audit');
const { store, collection } = await createTestStore(testDb, {
  bulkDelete: { enabled: true },
  restorers: { customer: async () => {} },
});
const seeded = await recordAll(store, seedEvents());
const events = testDb.db.collection<ActivityEvent & { _id: string }>(collection);
const handler = createActivityExportHandler({ store, secret: EXPORT_SECRET });
const app = await serve(
  createRouterApp(store, { export: { link: { url: '/export', secret: EXPORT_SECRET } } }),
  { '/export': handler },
);
const browser = { 'user-agent': 'AuditTest/2.0', 'x-request-id': 'req-trpc-audit' };
const clientOf = (user: string) =>
  createTRPCClient<RouterApp>({
    links: [httpLink({ url: `${app.url}/trpc`, headers: { 'x-user': user, ...browser } })],
  });
const admin = clientOf('admin');
const boss = clientOf('boss');
const context = { ip: '127.0.0.1', userAgent: 'AuditTest/2.0', requestId: 'req-trpc-audit' };

/** The stored documents of `action`, once `count` of them are in MongoDB. */
function stored(action: string, count: number) {
  return flushedUntil(store, () => events.find({ action }).sort({ _id: 1 }).toArray(), count);
}

const idsOf = (tenantId: string) => seeded.filter((e) => e.tenantId === tenantId).map((e) => e.id);

describe('audit of the router’s own actions', () => {
  it('records an inline export of a selection, in each tenant it holds', async () => {
    const ids = [...idsOf('acme').slice(0, 2), idsOf('beta')[0] as string];
    const file = await admin.activity.export.mutate({ format: 'pdf', ids });
    expect(file.data).toBeTruthy();
    const recorded = await stored('activity.exported', 2);
    expect(recorded.map((event) => [event.tenantId, event.metadata?.rows]).sort()).toEqual([
      ['acme', 2],
      ['beta', 1],
    ]);
    expect(recorded[0]).toMatchObject({
      kind: 'access',
      actor: { id: 'admin', name: 'Ada Admin' },
      context,
      metadata: { format: 'pdf', selection: { count: 3 }, completed: true },
    });
    await events.deleteMany({ action: 'activity.exported' });
  });

  it('records a download through a signed link: the issuer, the downloader’s IP and user agent', async () => {
    const link = await boss.activity.export.mutate({
      format: 'csv',
      query: { kinds: ['login_failed'], sort: 'asc' },
    });
    expect(await stored('activity.exported', 0)).toEqual([]); // a link is not yet an export
    const response = await fetch(`${app.url}${link.url}`, {
      headers: { 'user-agent': 'Downloader/3' },
    });
    const rows = (await response.text()).trim().split('\r\n').length - 1;
    expect(rows).toBe(6);
    const [event] = await stored('activity.exported', 1);
    expect(event).toMatchObject({
      tenantId: 'acme',
      actor: { id: 'boss', name: 'Max Manager' },
      context: { ip: '127.0.0.1', userAgent: 'Downloader/3' },
      metadata: { format: 'csv', rows: 6, filters: 'kind:login_failed', completed: true },
    });
    await events.deleteMany({ action: 'activity.exported' });
  });

  it('stamps notes, restores and bulk deletes with the IP, user agent and request id', async () => {
    await boss.activity.addNote.mutate({ ref: key('customer', '42'), body: 'Called.' });
    const deleted = seeded.find((e) => e.tenantId === 'acme' && e.kind === 'delete');
    await boss.activity.restore.mutate({ id: deleted?.id as string });
    const toDelete = idsOf('acme').slice(-2);
    await boss.activity.bulkDelete.mutate({ ids: toDelete });
    const [note] = await stored('note.added', 1);
    const [restored] = await stored('customer.restored', 1);
    const [bulk] = await stored('activity.bulk_deleted', 1);
    for (const event of [note, restored, bulk]) {
      expect(event).toMatchObject({ actor: { id: 'boss' }, context });
    }
    const listed = (bulk?.metadata?.ids as string[] | undefined) ?? [];
    expect([...listed].sort()).toEqual([...toDelete].sort());
    expect(bulk?.description).toBe(
      `Max Manager deleted 2 events from the activity log (${listed.join(', ')}) from IP 127.0.0.1`,
    );
  });
});
