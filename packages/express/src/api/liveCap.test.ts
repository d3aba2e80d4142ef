import { createTestDb } from '@activitykit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

const testDb = await createTestDb('live_cap');
const { base } = await startApiApp(testDb, {
  api: { live: { pollIntervalMs: 100, heartbeatMs: 150, maxStreamsPerTenant: 2 } },
});
const api = `${base}/api/activity`;
const opened: AbortController[] = [];
afterAll(() => {
  for (const controller of opened) controller.abort();
});

/** Opens a live stream and waits for its answer's head; `close()` hangs up. */
async function open(caller: string) {
  const controller = new AbortController();
  opened.push(controller);
  const response = await fetch(`${api}/live`, { headers: as(caller), signal: controller.signal });
  return { status: response.status, close: () => controller.abort() };
}

/** Tries to open a stream until it is let in (the server sees a hang-up a moment later). */
async function openOnceFreed(caller: string, ms = 8000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const stream = await open(caller);
    if (stream.status === 200 || Date.now() > deadline) return stream;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('GET /live: open streams per tenant', () => {
  it('refuses the stream past the cap with a 429 problem, and a closed stream frees its slot', async () => {
    const first = await open('partner');
    const second = await open('staffOnly'); // the same tenant, acme
    expect([first.status, second.status]).toEqual([200, 200]);

    const refused = await call(`${api}/live`, { headers: as('partner') });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.body).toEqual({
      type: 'https://activitykit.dev/problems/too-many-streams',
      title: 'Too Many Requests',
      status: 429,
      code: 'TOO_MANY_STREAMS',
      detail: expect.stringMatching(
        /^Tenant "acme" has 2 live streams open, the most allowed: close one .* live\.maxStreamsPerTenant\.$/,
      ),
    });
    // Readers of every tenant count on their own.
    expect((await open('admin')).status).toBe(200);

    first.close();
    const again = await openOnceFreed('partner');
    expect(again.status).toBe(200);
    expect((await call(`${api}/live`, { headers: as('partner') })).status).toBe(429);
  });
});
