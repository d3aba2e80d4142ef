import { randomBytes } from 'node:crypto';
import type { Actor } from '@activitykit/schema';
import type { TestDb } from '@activitykit/test-utils';
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
