import type { ActivityEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('watch');
const { store } = await createTestStore(testDb);
const acme = { tenants: ['acme'] };
const fast = { pollIntervalMs: 50, lookbackMs: 2000 };

/** The first `count` events a watch yields, then it is stopped. */
async function take(watch: AsyncGenerator<ActivityEvent>, count: number): Promise<string[]> {
  const actions: string[] = [];
  for await (const event of watch) {
    actions.push(event.action);
    if (actions.length === count) break;
  }
  return actions;
}

describe('store.watch', () => {
  it('yields new events of the scope and the query, each once, in id order', async () => {
    await store.record({ tenantId: 'acme', action: 'order.created' }, { durable: true });
    const watch = store.watch({ kinds: ['update'] }, acme, fast);
    const seen = take(watch, 2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await store.record({ tenantId: 'beta', action: 'order.updated' }, { durable: true });
    await store.record({ tenantId: 'acme', action: 'order.deleted' }, { durable: true });
    await store.record({ tenantId: 'acme', action: 'order.updated' }, { durable: true });
    await store.record({ tenantId: 'acme', action: 'customer.updated' }, { durable: true });
    expect(await seen).toEqual(['order.updated', 'customer.updated']);
  });

  it('resumes after an event id, and ends with its signal', async () => {
    const first = await store.record(
      { tenantId: 'acme', action: 'invoice.created' },
      { durable: true },
    );
    await store.record({ tenantId: 'acme', action: 'invoice.sent' }, { durable: true });
    const controller = new AbortController();
    const watch = store.watch({ actions: ['invoice.*'] }, acme, {
      ...fast,
      after: first?.id,
      signal: controller.signal,
    });
    expect(await take(watch, 1)).toEqual(['invoice.sent']);
    const stopped = store.watch({}, acme, { ...fast, signal: AbortSignal.abort() });
    expect((await stopped.next()).done).toBe(true);
  });

  it('asks a scope function again before every poll', async () => {
    let polls = 0;
    const controller = new AbortController();
    const watch = store.watch(
      {},
      async () => {
        polls += 1;
        if (polls === 3) controller.abort();
        return acme;
      },
      { ...fast, signal: controller.signal },
    );
    for await (const _ of watch) {
      // nothing new is written: the watch only polls
    }
    expect(polls).toBe(3);
  });

  it('refuses a resume point that is not an event id', async () => {
    await expect(store.watch({}, acme, { after: 'nope' }).next()).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });
});
