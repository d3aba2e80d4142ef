import { createTestDb } from '@activitykit/test-utils';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { eventually, type Received, startReceiver } from './test/receiver.ts';
import { ADMIN_ACCESS, createStreamStore } from './test/streamStore.ts';

const testDb = await createTestDb('streams_webhook');

const input = (i: number, tenantId = 'acme') => ({
  tenantId,
  action: i % 2 ? 'order.created' : 'customer.updated',
  actor: { id: 'u1', type: 'user' as const, name: 'Uma' },
  subject: { type: i % 2 ? 'order' : 'customer', id: String(i) },
});

function headers(received: Received): Record<string, string> {
  return Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
      name,
      String(received.headers[name]),
    ]),
  );
}

describe('webhook streams', () => {
  it('delivers every event of its tenant in order, signed so standardwebhooks verifies it', async () => {
    const { store } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    const { stream, secret } = await store.streams.create(
      { tenantId: 'acme', name: 'SIEM', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    expect(secret).toMatch(/^whsec_/);
    const recorded = [];
    for (let i = 0; i < 25; i++) recorded.push(await store.record(input(i), { durable: true }));
    await store.record(input(99, 'globex'), { durable: true });

    // The stream's own creation is an event of the tenant, recorded after its start: it goes first.
    await eventually('26 events', () => receiver.acceptedIds().length >= 26);
    const actions = receiver.received.flatMap((r) => r.payload.events.map((e) => e.action));
    expect(actions[0]).toBe('log_stream.created');
    expect(receiver.acceptedIds().slice(1)).toEqual(recorded.map((event) => event?.id));
    const verifier = new Webhook(secret as string);
    for (const request of receiver.received) {
      expect(() => verifier.verify(request.body, headers(request))).not.toThrow();
      expect(request.payload).toMatchObject({ type: 'activity.events', streamId: stream.id });
    }
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
        receiver.received[0]?.body ?? '',
        headers(receiver.received[0] as Received),
      ),
    ).toThrow();
    const status = await eventually('status', async () => {
      const current = await store.streams.get(stream.id, ADMIN_ACCESS);
      return current.status.delivered === 26 && current;
    });
    expect(status.status).toMatchObject({
      state: 'active',
      lastDeliveredId: recorded.at(-1)?.id,
      consecutiveFailures: 0,
      lastError: null,
    });
  });

  it('sends only what its filter and search string select', async () => {
    const { store } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    await store.streams.create(
      {
        tenantId: 'acme',
        name: 'Orders',
        destination: { type: 'webhook', url: receiver.url },
        filter: { q: 'action:order.*' },
      },
      ADMIN_ACCESS,
    );
    const orders = [];
    for (let i = 0; i < 6; i++) {
      const event = await store.record(input(i), { durable: true });
      if (event?.action === 'order.created') orders.push(event.id);
    }
    await eventually('3 orders', () => receiver.acceptedIds().length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.acceptedIds()).toEqual(orders);
  });

  it('signs with both secrets while a rotation lets the old one live, and stores neither in clear', async () => {
    const { store, events } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    const created = await store.streams.create(
      { tenantId: 'acme', name: 'Rotating', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    const rotated = await store.streams.rotateSecret(created.stream.id, ADMIN_ACCESS);
    expect(rotated.stream.secrets).toBe(2);
    const test = await store.streams.sendTest(created.stream.id, ADMIN_ACCESS);
    expect(test.delivered).toBe(true);
    const request = receiver.received.at(-1) as Received;
    expect(request.payload.type).toBe('activity.test');
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [created.secret, rotated.secret]) {
      expect(() =>
        new Webhook(secret as string).verify(request.body, headers(request)),
      ).not.toThrow();
    }
    await store.streams.rotateSecret(created.stream.id, ADMIN_ACCESS, { keepPrevious: false });
    await store.streams.sendTest(created.stream.id, ADMIN_ACCESS);
    const last = receiver.received.at(-1) as Received;
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(rotated.secret).verify(last.body, headers(last))).toThrow();

    // Neither the stream's document nor any event holds a secret in clear.
    const raw = JSON.stringify(
      await testDb.db.collection(`${events().collectionName}_streams`).find().toArray(),
    );
    const audit = JSON.stringify(
      await events()
        .find({ action: /^log_stream\./ })
        .toArray(),
    );
    for (const secret of [created.secret, rotated.secret]) {
      const key = (secret as string).slice('whsec_'.length);
      expect(raw).not.toContain(key);
      expect(audit).not.toContain(key);
    }
    expect(JSON.stringify(await store.streams.list(ADMIN_ACCESS))).not.toContain('whsec_');
  });
});
