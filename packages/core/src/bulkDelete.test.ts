import { type ActivityScopeInput, describe as describeEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from './test/storeFixture.ts';

const testDb = await createTestDb('bulk_delete_record');
const actor = { id: 'u-ada', type: 'user', name: 'Ada Admin', role: 'admin' } as const;
const scope: ActivityScopeInput = { tenants: ['acme'], canDelete: true };
const context = { ip: '10.0.0.7', userAgent: 'Test/1', requestId: 'req-1' };

describe('bulkDelete records', () => {
  it('no wording of its own: the description is describe’s, so a reader’s language can re-word it', async () => {
    const { store } = await createTestStore(testDb, { bulkDelete: { enabled: true } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const event = await store.record(
        { tenantId: 'acme', action: 'order.created' },
        { durable: true },
      );
      if (event) ids.push(event.id);
    }
    await store.bulkDelete({ ids }, scope, { actor, context });
    const [event] = (await store.list({ actions: ['activity.bulk_deleted'] }, scope)).items;
    expect(event).toMatchObject({
      actor: { id: 'u-ada' },
      subject: { type: 'activity_log', id: 'acme' },
      context: { ip: '10.0.0.7', userAgent: 'Test/1', requestId: 'req-1' },
      metadata: { total: 3 },
    });
    expect(event?.subject?.label).toBeUndefined();
    expect([...((event?.metadata?.ids as string[]) ?? [])].sort()).toEqual([...ids].sort());
    if (!event) throw new Error('no activity.bulk_deleted event');
    expect(event.description).toBe(describeEvent(event, 'en'));
    expect(describeEvent(event, 'ru')).toMatch(
      /^Ada Admin: удалено 3 события из журнала действий \(/,
    );
  });

  it('describes it in the store’s language, like any other event', async () => {
    const { store } = await createTestStore(testDb, {
      bulkDelete: { enabled: true },
      locale: 'ru',
    });
    const event = await store.record(
      { tenantId: 'acme', action: 'order.created' },
      { durable: true },
    );
    await store.bulkDelete({ ids: [event?.id ?? ''] }, scope, { actor, context });
    const [record] = (await store.list({ actions: ['activity.bulk_deleted'] }, scope)).items;
    expect(record?.description).toBe(
      `Ada Admin: удалено 1 событие из журнала действий (${event?.id}), IP 10.0.0.7`,
    );
  });

  it('says which part of a large delete each record holds', async () => {
    const { store } = await createTestStore(testDb, { bulkDelete: { enabled: true } });
    for (let i = 0; i < 401; i++) store.record({ tenantId: 'acme', action: 'order.created' });
    await store.flush();
    const result = await store.bulkDelete({ query: { actions: ['order.created'] } }, scope, {
      actor,
    });
    expect(result.deleted).toBe(401);
    const records = (await store.list({ actions: ['activity.bulk_deleted'], sort: 'asc' }, scope))
      .items;
    expect(records.map((record) => record.metadata?.part)).toEqual([
      { from: 1, to: 400 },
      { from: 401, to: 401 },
    ]);
    for (const record of records) expect(record.description).toBe(describeEvent(record, 'en'));
    const [lastId] = (records[1]?.metadata?.ids as string[] | undefined) ?? [];
    expect(records[1]?.description).toBe(
      `Ada Admin deleted event 401 of 401 from the activity log (${lastId})`,
    );
  });
});
