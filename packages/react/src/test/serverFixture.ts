import type { IncomingMessage } from 'node:http';
import {
  type ActivityStore,
  type ActivityStoreOptions,
  createActivityStore,
  generateSealingKeys,
} from '@activitykit/core';
import type { ActivityEvent, ActivityScopeInput, Actor } from '@activitykit/schema';
import { createStoreFixture, type TestDb } from '@activitykit/test-utils';
import { seedDrafts } from './seedDrafts.ts';

// Node-only helpers of the source integration tests: a real store on the devdb, real HTTP.

/** Serves a request listener on a free port; closed after the file's tests. */
export { listen } from '@activitykit/test-utils';

/** Who a test request acts as (the `x-as` header). */
export const CALLERS: Record<string, { scope: ActivityScopeInput; actor: Actor }> = {
  admin: {
    scope: { tenants: '*', canDelete: true, canRestore: true, canNote: true },
    actor: { id: 'u-admin', type: 'user', name: 'Ada Admin', role: 'admin' },
  },
  partner: {
    scope: { tenants: ['acme'], canNote: true },
    actor: { id: 'u-pat', type: 'user', name: 'Pat Partner', role: 'partner' },
  },
  nobody: { scope: { tenants: [] }, actor: { id: 'u-no', type: 'user' } },
};

/** The caller of a request, from its `x-as` header. */
export function callerOf(req: IncomingMessage) {
  const header = req.headers['x-as'];
  return CALLERS[String(Array.isArray(header) ? header[0] : header)] ?? null;
}

/** A store in this file's own collection (test-utils' `createStoreFixture`), tenant `acme` by default. */
export async function createTestStore(
  testDb: TestDb,
  options: Partial<ActivityStoreOptions> = {},
): Promise<ActivityStore> {
  const { store } = await createStoreFixture(testDb, createActivityStore, {
    defaultTenantId: 'acme',
    bulkDelete: { enabled: true, maxEvents: 1000 },
    ...options,
  } as Partial<ActivityStoreOptions>);
  return store;
}

/**
 * A sealing key pair for a test server: the store's `integrity` (sealing only when the test calls
 * `store.seal()`, everything recorded so far) and the adapter's `verify`.
 */
export function sealingSetup() {
  const keys = generateSealingKeys();
  return {
    store: {
      integrity: { privateKey: keys.privateKey, sealIntervalMs: false, sealDelayMs: 0 },
    } satisfies Partial<ActivityStoreOptions>,
    verify: { publicKey: keys.publicKey },
  };
}

/** Records {@link seedDrafts} through `store` and returns the stored events. */
export async function seedStore(store: ActivityStore): Promise<ActivityEvent[]> {
  const recorded: ActivityEvent[] = [];
  for (const draft of seedDrafts()) {
    const event = await store.record(draft, { durable: true });
    if (event) recorded.push(event);
  }
  await store.flush();
  return recorded;
}
