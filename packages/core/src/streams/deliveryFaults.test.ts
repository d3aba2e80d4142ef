import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { type DeliveringChild, startDeliveringChild } from './test/children.ts';
import { eventually, startReceiver } from './test/receiver.ts';
import { ADMIN_ACCESS, createStreamStore, TEST_STREAM_KEY } from './test/streamStore.ts';

const testDb = await createTestDb('streams_faults');
const LEASE_MS = 1500;
const EVENTS = 300;

/** A store that only configures (delivers nothing), a stream to a slow receiver, and a backlog. */
async function backlog(onRequest?: (count: number) => void) {
  const { store, events } = await createStreamStore(testDb, { deliver: false });
  let count = 0;
  const receiver = await startReceiver({ slowMs: 40, onRequest: () => onRequest?.(++count) });
  receiver.setMode('slow');
  await store.streams.create(
    {
      tenantId: 'acme',
      name: 'Faults',
      destination: { type: 'webhook', url: receiver.url },
      startAt: 'beginning',
    },
    ADMIN_ACCESS,
  );
  const sent: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    store.record({
      tenantId: 'acme',
      action: 'customer.updated',
      actor: { id: 'u1', type: 'user' },
      subject: { type: 'customer', id: String(i) },
    });
  }
  await store.flush();
  for (const doc of await events()
    .find({}, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .toArray()) {
    sent.push(doc._id);
  }
  const target = {
    collection: events().collectionName,
    leaseMs: LEASE_MS,
    secretKey: TEST_STREAM_KEY,
  };
  const child = async () =>
    startDeliveringChild(testDb, {
      ...target,
      journalDir: await mkdtemp(join(tmpdir(), 'ak-child-')),
    });
  return { store, receiver, sent, child };
}

/** Every id received, in arrival order (a request counts as it arrives, answered or not). */
function arrivals(receiver: Awaited<ReturnType<typeof startReceiver>>): string[] {
  return receiver.received.flatMap((request) => request.payload.events.map((event) => event.id));
}

/** Delivered at least once, none missing, in order but for re-sends after the restart. */
function checkDelivery(received: string[], sent: string[]) {
  const unique = [...new Set(received)];
  expect(unique).toEqual(sent);
  const duplicated = received.length - unique.length;
  // Runs of increasing ids: one, or two when the restart re-sent what the killed run had in flight.
  let runs = 1;
  for (let i = 1; i < received.length; i++) {
    if ((received[i] as string) <= (received[i - 1] as string)) runs++;
  }
  expect(runs).toBeLessThanOrEqual(2);
  return {
    sent: sent.length,
    delivered: unique.length,
    duplicated,
    lost: sent.length - unique.length,
  };
}

describe('delivery faults', () => {
  it('resumes from the cursor after the delivering process is killed mid-batch: every event at least once, in order', async () => {
    let first: DeliveringChild | undefined;
    const { receiver, sent, child } = await backlog((count) => {
      // The 8th request has arrived and is not answered yet: kill its sender now.
      if (count === 8) first?.process.kill('SIGKILL');
    });
    first = await child();
    await first.exited;
    expect(first.process.signalCode).toBe('SIGKILL');
    const killedAt = arrivals(receiver).length;
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(sent.length);

    const second = await child();
    await eventually(
      'every event after the restart',
      () => new Set(arrivals(receiver)).size >= sent.length,
      60_000,
    );
    const received = arrivals(receiver);
    const counts = checkDelivery(received, sent);
    // The batch in flight at the kill was received but never acknowledged: it came again, same ids.
    expect(counts.duplicated).toBeGreaterThanOrEqual(10);
    expect(second.batches.flat()[0]).toBe(received[killedAt - 10]);
    process.stdout.write(`[streams faults] SIGKILL mid-batch: ${JSON.stringify(counts)}\n`);
  });

  it('lets one of two processes deliver, and the other take over within the lease once it dies', async () => {
    const { receiver, sent, child } = await backlog();
    const [a, b] = await Promise.all([child(), child()]);
    await eventually('a few batches', () => a.batches.length + b.batches.length >= 5, 30_000);
    const holder = a.batches.length > 0 ? a : b;
    const other = holder === a ? b : a;
    expect(other.batches).toEqual([]);
    holder.process.kill('SIGKILL');
    const diedAt = Date.now();
    await holder.exited;
    await eventually('the takeover', () => other.batches.length > 0, 30_000);
    const takeoverMs = Date.now() - diedAt;
    // It waits for the lease to expire, not much longer (polls every 50 ms; a busy machine is slow).
    expect(takeoverMs).toBeLessThan(LEASE_MS + 10_000);
    await eventually('every event', () => new Set(arrivals(receiver)).size >= sent.length, 60_000);
    const counts = checkDelivery(arrivals(receiver), sent);
    process.stdout.write(
      `[streams faults] takeover after ${takeoverMs} ms: ${JSON.stringify(counts)}\n`,
    );
  });
});
