import type { ActivityEvent, ActivityQueryInput, ActivityScopeInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityStore } from '../createActivityStore.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { ADMIN, exportInputs, recordExportEvents } from './exportFixture.ts';
import { iterateEvents } from './iterateEvents.ts';

const testDb = await createTestDb('export_iterate');
const { store } = await createTestStore(testDb);

let events: ActivityEvent[] = [];
beforeAll(async () => {
  events = await recordExportEvents(store, 450);
});

/** The real store, counting the pages asked of it. */
function countingStore(): { store: Pick<ActivityStore, 'list'>; pages: () => number } {
  let pages = 0;
  return {
    store: {
      list: (query: ActivityQueryInput, scope: ActivityScopeInput) => {
        pages += 1;
        return store.list(query, scope);
      },
    },
    pages: () => pages,
  };
}

async function collect(source: AsyncIterable<ActivityEvent>): Promise<ActivityEvent[]> {
  const out: ActivityEvent[] = [];
  for await (const event of source) out.push(event);
  return out;
}

describe('iterateEvents', () => {
  it('walks every page, newest first, each event once', async () => {
    expect(events).toHaveLength(exportInputs(450).length);
    const times = events.map((event) => event.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);

    const counted = countingStore();
    const small = await collect(iterateEvents(counted.store, { scope: ADMIN, pageSize: 50 }));
    expect(small.map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(counted.pages()).toBe(Math.ceil(events.length / 50));
  });

  it('reads the next page only when the consumer asks', async () => {
    const counted = countingStore();
    for await (const _ of iterateEvents(counted.store, { scope: ADMIN, pageSize: 20 })) break;
    expect(counted.pages()).toBe(1);
  });

  it('applies the query and the scope, and caps the page size', async () => {
    const ascending = await collect(
      iterateEvents(store, {
        query: { sort: 'asc', actions: ['booking.*'] },
        scope: { tenants: ['acme'] },
        pageSize: 10_000,
      }),
    );
    expect(ascending).toHaveLength(450);
    expect(ascending[0]?.subject?.label).toBe('Booking 1000');
    expect(ascending.every((event) => event.tenantId === 'acme')).toBe(true);
    const beta = await collect(iterateEvents(store, { scope: { tenants: ['beta'] } }));
    expect(beta.map((event) => event.action)).toEqual(['waiver.signed', 'order.deleted']);
  });

  it('refuses what the store refuses', async () => {
    await expect(
      collect(iterateEvents(store, { scope: {} as ActivityScopeInput })),
    ).rejects.toThrow();
  });
});
