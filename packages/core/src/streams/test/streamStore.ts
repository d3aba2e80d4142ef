import { randomBytes } from 'node:crypto';
import { type Actor, ulidTime } from '@activitykit/schema';
import type { TestDb } from '@activitykit/test-utils';
import type { Collection } from 'mongodb';
import { type EventDocument, toDocument } from '../../internal/document.ts';
import { createTestStore } from '../../test/storeFixture.ts';
import type { StreamsOptions } from '../streamSettings.ts';

/** The key the test stores encrypt stream secrets with. */
export const TEST_STREAM_KEY = randomBytes(32).toString('hex');

/** Short delivery settings, so the tests do not wait on production timings. */
export const FAST_STREAMS: StreamsOptions = {
  secretKey: TEST_STREAM_KEY,
  pollIntervalMs: 50,
  leaseMs: 2000,
  batchSize: 10,
  retryBaseMs: 20,
  retryMaxMs: 100,
  deadLetterAfter: 4,
  settleMs: 0,
  timeoutMs: 1000,
};

export const ADMIN: Actor = { id: 'admin-1', type: 'user', name: 'Ada Admin', role: 'admin' };

/** An administrator's access (every tenant, every role). */
export const ADMIN_ACCESS = { scope: { tenants: '*' as const }, actor: ADMIN };

/** A store with fast stream delivery in this process (closed after the test). */
export async function createStreamStore(testDb: TestDb, streams: StreamsOptions = {}) {
  return createTestStore(testDb, { streams: { ...FAST_STREAMS, ...streams } });
}

/**
 * Stores an `acme` event with `id` straight into `events`, as another process's writer would: a
 * `customer.updated` of customer 7, occurred at the id's time.
 */
export async function storeAsAnotherWriter(
  events: Collection<EventDocument>,
  id: string,
): Promise<void> {
  await events.insertOne(
    toDocument({
      id,
      tenantId: 'acme',
      occurredAt: new Date(ulidTime(id)),
      action: 'customer.updated',
      kind: 'update',
      category: 'customer',
      outcome: 'success',
      actor: { id: 'u1', type: 'user' },
      subject: { type: 'customer', id: '7' },
      refs: [{ type: 'customer', id: '7' }],
      description: 'Stored by another writer.',
    } as never),
  );
}
