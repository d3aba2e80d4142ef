import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { eventually, type ReceiverMode, startReceiver } from './test/receiver.ts';
import { ADMIN_ACCESS, createStreamStore } from './test/streamStore.ts';

const testDb = await createTestDb('streams_dead_letter');

const event = (i: number) => ({
  tenantId: 'acme',
  action: 'customer.updated',
  actor: { id: 'u1', type: 'user' as const },
  subject: { type: 'customer', id: String(i) },
});

describe.each<[ReceiverMode, RegExp]>([
  ['error', /answered 500/],
  ['hang', /no answer within 1000 ms/],
  ['close', /Webhook http:\/\/127\.0\.0\.1:\d+\/hooks\/activity: /],
])('a receiver that fails (%s)', (mode, message) => {
  it('is retried with backoff, parked in the dead letter, and resumed without losing an event', async () => {
    const { store } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    receiver.setMode(mode);
    const { stream } = await store.streams.create(
      { tenantId: 'acme', name: 'Flaky', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await store.record(event(i), { durable: true }))?.id ?? '');

    const dead = await eventually('the dead letter', async () => {
      const current = await store.streams.get(stream.id, ADMIN_ACCESS);
      return current.status.state === 'dead_letter' && current;
    });
    expect(dead.status.consecutiveFailures).toBe(4);
    expect(dead.status.lastError).toMatch(message);
    expect(dead.status.deadAt).toBeInstanceOf(Date);
    expect(dead.status.delivered).toBe(0);
    // Each attempt started again from the first undelivered event: nothing skipped.
    const attempts = receiver.received.length;
    expect(attempts).toBe(4);
    for (const request of receiver.received) {
      expect(request.payload.events[0]?.action).toBe('log_stream.created');
    }
    // Parked: no more attempts.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.received.length).toBe(attempts);

    receiver.setMode('ok');
    const resumed = await store.streams.resume(stream.id, ADMIN_ACCESS);
    expect(resumed.status.state).not.toBe('dead_letter');
    // The creation, the five events, then the resume itself.
    await eventually('every event', () => receiver.acceptedIds().length >= 7);
    expect(receiver.acceptedIds().slice(1, 6)).toEqual(ids);
    const after = await eventually('caught up', async () => {
      const current = await store.streams.get(stream.id, ADMIN_ACCESS);
      return current.status.delivered === 7 && current;
    });
    expect(after.status).toMatchObject({ state: 'active', consecutiveFailures: 0 });
  });
});

describe('pausing', () => {
  it('holds deliveries until resumed, then sends what was recorded meanwhile', async () => {
    const { store } = await createStreamStore(testDb);
    const receiver = await startReceiver();
    const { stream } = await store.streams.create(
      { tenantId: 'acme', name: 'Paused', destination: { type: 'webhook', url: receiver.url } },
      ADMIN_ACCESS,
    );
    await eventually('the creation event', () => receiver.acceptedIds().length === 1);
    const paused = await store.streams.pause(stream.id, ADMIN_ACCESS);
    expect(paused.status.state).toBe('paused');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await store.record(event(i), { durable: true }))?.id ?? '');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.acceptedIds()).toHaveLength(1);
    await store.streams.resume(stream.id, ADMIN_ACCESS);
    await eventually('the held events', () => receiver.acceptedIds().length >= 6);
    const actions = receiver.received.flatMap((r) => r.payload.events.map((e) => e.action));
    expect(actions).toEqual([
      'log_stream.created',
      'log_stream.paused',
      'customer.updated',
      'customer.updated',
      'customer.updated',
      'log_stream.resumed',
    ]);
    expect(receiver.acceptedIds().slice(2, 5)).toEqual(ids);
  });
});
