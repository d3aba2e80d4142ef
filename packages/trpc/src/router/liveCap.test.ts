import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { clientFor, createTestStore, serve } from '../test/harness.ts';
import { createRouterApp, type RouterApp } from '../test/routerApp.ts';
import { type Collected, collect } from '../test/subscribe.ts';

const testDb = await createTestDb('trpc_live_cap');
const { store } = await createTestStore(testDb);
const { url } = await serve(
  createRouterApp(store, {
    live: { pollIntervalMs: 100, lookbackMs: 2000, maxStreamsPerTenant: 2 },
  }),
);
const acme = clientFor<RouterApp>(url, 'acme');
const boss = clientFor<RouterApp>(url, 'boss'); // the same tenant, acme
const admin = clientFor<RouterApp>(url, 'admin');

/** Whether a subscription streams: an event recorded for acme now arrives, or it failed. */
async function streams(subscription: Collected, id: string): Promise<boolean> {
  const failed = subscription.error.then(() => false);
  if (!(await Promise.race([subscription.started.then(() => true), failed]))) return false;
  await new Promise((resolve) => setTimeout(resolve, 300)); // the watch starts from now
  await store.record(
    { tenantId: 'acme', action: 'customer.viewed', subject: { type: 'customer', id } },
    { durable: true },
  );
  const arrived = subscription.waitFor(1, 10_000).then(() => true);
  return Promise.race([arrived, failed]);
}

describe('live: open subscriptions per tenant', () => {
  it('fails the subscription past the cap with TOO_MANY_REQUESTS, and an ended one frees its slot', async () => {
    const first = collect(acme, {});
    const second = collect(boss, {});
    expect(await streams(first, 'cap-1')).toBe(true);
    expect(await streams(second, 'cap-2')).toBe(true);

    const refused = collect(acme, {});
    const error = (await refused.error) as { message?: string; data?: { code?: string } };
    expect(error.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(
      /^Tenant "acme" has 2 live subscriptions open, the most allowed: end one .* live\.maxStreamsPerTenant\.$/,
    );
    // Readers of every tenant count on their own.
    expect(await streams(collect(admin, {}), 'cap-3')).toBe(true);

    first.stop();
    const deadline = Date.now() + 8000;
    let freed = false;
    while (!freed && Date.now() < deadline) {
      freed = await streams(collect(acme, {}), `cap-${Date.now()}`);
    }
    expect(freed).toBe(true);
  });
});
