import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ActivityStore, createActivityStore } from '@activitykit/core';
import type {
  ActivityEvent,
  ActivityEventInput,
  ActivityScopeInput,
  Actor,
} from '@activitykit/schema';
import { cleanUp, createStoreFixture, type TestDb } from '@activitykit/test-utils';

// Node-only helpers of the source integration tests: a real store on the devdb, real HTTP.

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
export async function createTestStore(testDb: TestDb): Promise<ActivityStore> {
  const { store } = await createStoreFixture(testDb, createActivityStore, {
    defaultTenantId: 'acme',
    bulkDelete: { enabled: true, maxEvents: 1000 },
  });
  return store;
}

const customer42 = { type: 'customer', id: '42', label: 'Olivia Martin' };

/** 30 events of tenant `acme` and 5 of `beta`: creates, status changes, a delete with a snapshot, failed logins. */
export async function seedStore(store: ActivityStore): Promise<ActivityEvent[]> {
  const start = Date.now() - 10 * 86_400_000;
  const drafts: ActivityEventInput[] = [];
  for (let i = 0; i < 30; i++) {
    const order = { type: 'order', id: String(1000 + i), label: `Order #${1000 + i}` };
    drafts.push({
      tenantId: 'acme',
      occurredAt: new Date(start + i * 3_600_000 * 7),
      action: i % 3 === 0 ? 'order.created' : 'order.status_changed',
      actor: {
        id: i % 2 ? 'u-anna' : 'u-boris',
        type: 'user',
        name: i % 2 ? 'Anna Petrova' : 'Boris Ivanov',
        role: 'staff',
      },
      subject: order,
      refs: [order, customer42],
      ...(i % 3 === 0 ? {} : { changes: [{ path: 'status', before: 'new', after: 'paid' }] }),
      context: { ip: '10.0.0.7', location: 'north' },
    });
  }
  drafts.push({
    tenantId: 'acme',
    occurredAt: new Date(start + 200 * 3_600_000),
    action: 'customer.deleted',
    actor: { id: 'u-boris', type: 'user', name: 'Boris Ivanov', role: 'staff' },
    subject: { type: 'customer', id: '7', label: 'Lena Ivanova' },
    snapshot: { id: '7', name: 'Lena Ivanova' },
  });
  for (let i = 0; i < 6; i++) {
    drafts.push({
      tenantId: 'acme',
      occurredAt: new Date(start + 210 * 3_600_000 + i * 60_000),
      action: 'auth.login_failed',
      kind: 'login_failed',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      metadata: { identifier: 'boris@venue.test' },
      context: { ip: '198.51.100.23' },
    });
  }
  for (let i = 0; i < 5; i++) {
    drafts.push({
      tenantId: 'beta',
      occurredAt: new Date(start + i * 3_600_000),
      action: 'customer.created',
      actor: { id: 'u-bea', type: 'user', name: 'Bea Beta' },
      subject: { type: 'customer', id: `b${i}`, label: 'BETA-SECRET' },
    });
  }
  const recorded: ActivityEvent[] = [];
  for (const draft of drafts) {
    const event = await store.record(draft, { durable: true });
    if (event) recorded.push(event);
  }
  await store.flush();
  return recorded;
}

/** Serves a request listener on a free port; closed after the file's tests. */
export async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanUp(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
