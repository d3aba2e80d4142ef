import { DEFAULT_WATCH_LOOKBACK_MS } from '@activitykit/core';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';

// The live route with no `live.lookbackMs`: it looks back as far as core's `store.watch` does by
// default (it used to default to 30 s while `WatchOptions.lookbackMs` said 5 s).
const testDb = await createTestDb('live_lookback');
const { base, store } = await startApiApp(testDb, {
  api: { live: { pollIntervalMs: 100, heartbeatMs: 5000 } },
});

/** The `data` of every `activity` message until `until` returns true (or 10 s pass). */
async function readLive(until: (ids: string[]) => boolean, start: () => Promise<void>) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/activity/live`, {
    headers: as('partner'),
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ids: string[] = [];
  let buffer = '';
  let started = false;
  const deadline = Date.now() + 10_000;
  try {
    while (!until(ids) && Date.now() < deadline) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      // The first bytes (`retry:`) mean the watch is running: record the events now.
      if (!started) {
        started = true;
        await start();
      }
      for (const match of buffer.matchAll(/^id: (\S+)$/gm)) {
        if (!ids.includes(match[1] as string)) ids.push(match[1] as string);
      }
    }
  } finally {
    controller.abort();
  }
  return ids;
}

describe('GET /live look-back', () => {
  it('defaults to core’s DEFAULT_WATCH_LOOKBACK_MS (5 s), the documented default of store.watch', async () => {
    expect(DEFAULT_WATCH_LOOKBACK_MS).toBe(5000);
    const ids: Record<'late' | 'fresh', string | undefined> = { late: undefined, fresh: undefined };
    const record = async (key: 'late' | 'fresh', ageMs: number) => {
      const event = await store.record(
        {
          tenantId: 'acme',
          action: `customer.${key}`,
          subject: { type: 'customer', id: key },
          occurredAt: new Date(Date.now() - ageMs),
        },
        { durable: true },
      );
      ids[key] = event?.id;
    };
    const delivered = await readLive(
      (seen) => ids.fresh !== undefined && seen.includes(ids.fresh),
      async () => {
        // Stored now but 20 s old — another writer's late batch — then a fresh event.
        await record('late', DEFAULT_WATCH_LOOKBACK_MS + 15_000);
        await record('fresh', 0);
      },
    );
    expect(delivered).toContain(ids.fresh);
    // Older than the look-back window: the 30 s default delivered it (before the fresh one).
    expect(delivered).not.toContain(ids.late);
  });
});
