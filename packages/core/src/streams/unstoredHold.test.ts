import { createIdGenerator } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { eventually, startReceiver } from './test/receiver.ts';
import { ADMIN_ACCESS, FAST_STREAMS, storeAsAnotherWriter } from './test/streamStore.ts';

const testDb = await createTestDb('streams_unstored');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an event this process recorded but has not stored yet', () => {
  // After an outage the journal is stored while new events already are: a run that read past the
  // journaled ids moved the cursor beyond them, and they were never sent.
  it('is not passed by a newer event another writer stored first', async () => {
    const { store, events } = await createTestStore(testDb, {
      streams: FAST_STREAMS,
      // Recorded events wait in the queue until flush(): as journaled ones wait for the server.
      writer: { flushIntervalMs: 600_000, batchSize: 1000 },
    });
    const receiver = await startReceiver();
    const created = store.streams.create(
      { tenantId: 'acme', name: 'Held', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    // The writer stores only when flushed here; the stream's own audit event goes out first.
    await eventually('the first run', async () => {
      await store.flush();
      return receiver.acceptedIds().length === 1;
    });
    await created;

    const queued = store.record({
      tenantId: 'acme',
      action: 'order.created',
      subject: { type: 'order', id: 'queued' },
    });
    await sleep(5);
    const newer = createIdGenerator()(Date.now());
    await storeAsAnotherWriter(events(), newer);
    // Several runs pass while the queued event waits: none may send the newer one before it.
    await sleep(500);
    expect(receiver.acceptedIds()).not.toContain(newer);

    await store.flush();
    await eventually('both events', () => receiver.acceptedIds().includes(newer));
    const order = receiver.acceptedIds();
    expect(order.indexOf(queued?.id ?? '-')).toBeGreaterThan(0);
    expect(order.indexOf(queued?.id ?? '-')).toBeLessThan(order.indexOf(newer));
  });
});
