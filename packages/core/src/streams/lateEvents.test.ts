import { createIdGenerator } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { eventually, startReceiver } from './test/receiver.ts';
import { ADMIN_ACCESS, createStreamStore, storeAsAnotherWriter } from './test/streamStore.ts';

const testDb = await createTestDb('streams_late');

describe('events stored out of their id order', () => {
  it('delivers an event dated days back (read by the hour of its id, not of its time)', async () => {
    const { store } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    await store.streams.create(
      { tenantId: 'acme', name: 'Backdated', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    await eventually('the first run', () => receiver.acceptedIds().length === 1);
    const backdated = await store.record(
      {
        tenantId: 'acme',
        occurredAt: new Date(Date.now() - 3 * 86_400_000),
        action: 'order.imported',
        actor: { id: 'import', type: 'system' },
        subject: { type: 'order', id: 'old-1' },
      },
      { durable: true },
    );
    await eventually('the backdated event', () =>
      receiver.acceptedIds().includes(backdated?.id ?? '-'),
    );
  });

  it('delivers an event another writer stored after the delivery window passed its id', async () => {
    const { store, events } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    await store.streams.create(
      { tenantId: 'acme', name: 'Late', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    await eventually('the first run', () => receiver.acceptedIds().length === 1);
    // Its id is made now, and stored once an idle run (no settle time) has recorded a window past
    // it: the cursor follows idle windows a minute behind, so it is still read.
    const made = Date.now();
    const id = createIdGenerator()(made);
    const states = testDb.db.collection<{ deliveredUntil?: Date }>(
      `${events().collectionName}_stream_state`,
    );
    await eventually('an idle window past the id', async () =>
      (await states.find().toArray()).some(
        (state) => (state.deliveredUntil?.getTime() ?? 0) > made,
      ),
    );
    await storeAsAnotherWriter(events(), id);
    await eventually('the late event', () => receiver.acceptedIds().includes(id));
    expect(receiver.acceptedIds().filter((delivered) => delivered === id)).toHaveLength(1);
  });
});
