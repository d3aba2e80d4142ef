import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('query_ids');
const { store } = await createTestStore(testDb);

describe('a query by ids (a selection)', () => {
  it('finds exactly the named events the scope may see, in the query sort', async () => {
    const record = async (tenantId: string, action: string) =>
      (await store.record({ tenantId, action }, { durable: true }))?.id ?? '';
    const a = await record('acme', 'order.created');
    const b = await record('acme', 'order.updated');
    await record('acme', 'order.deleted');
    const other = await record('beta', 'order.created');

    const page = await store.list({ ids: [b, a, other], sort: 'asc' }, { tenants: ['acme'] });
    expect(page.items.map((event) => event.id)).toEqual([a, b]);
    const streamed: string[] = [];
    for await (const event of store.stream({ ids: [a, b] }, { tenants: ['acme'] })) {
      streamed.push(event.id);
    }
    expect(streamed).toEqual([b, a]);
  });

  it('refuses ids that are not event ids, and more than MAX_QUERY_IDS', async () => {
    await expect(store.list({ ids: ['nope'] }, { tenants: ['acme'] })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
    const many = Array.from({ length: 1001 }, () => '01JZ0000000000000000000000');
    await expect(store.list({ ids: many }, { tenants: ['acme'] })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
  });
});
