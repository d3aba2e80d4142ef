import type { ActivityStore } from '@activitykit/core';
import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';

const staff = { id: 'u-sam', type: 'user' as const, name: 'Sam Staff', role: 'staff' };

/** Records `events` durably, in order. */
export async function recordAll(
  store: ActivityStore,
  events: ActivityEventInput[],
): Promise<ActivityEvent[]> {
  const stored: ActivityEvent[] = [];
  for (const event of events) {
    const result = await store.record(event, { durable: true });
    if (result) stored.push(result);
  }
  return stored;
}

/** A few events in tenants `acme` and `beta`, all about customer 42 of each. */
export function seedEvents(): ActivityEventInput[] {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  const customer = { type: 'customer', id: '42', label: 'Bob Jones' };
  const events: ActivityEventInput[] = [];
  for (const tenantId of ['acme', 'beta']) {
    events.push(
      { tenantId, action: 'customer.created', actor: staff, subject: customer, occurredAt: at(50) },
      {
        tenantId,
        action: 'customer.updated',
        actor: staff,
        subject: customer,
        changes: [{ path: 'email', before: 'a@x.test', after: 'b@x.test' }],
        occurredAt: at(40),
        context: { ip: '10.0.0.7' },
      },
      {
        tenantId,
        action: 'customer.deleted',
        actor: staff,
        subject: customer,
        snapshot: { id: '42', name: 'Bob Jones' },
        occurredAt: at(30),
      },
      {
        tenantId,
        action: 'order.created',
        actor: staff,
        subject: { type: 'order', id: '7' },
        refs: [customer],
        occurredAt: at(20),
      },
    );
    for (let i = 0; i < 6; i++) {
      events.push({
        tenantId,
        action: 'auth.login_failed',
        actor: { id: 'anonymous', type: 'anonymous' },
        outcome: 'failure',
        metadata: { identifier: `victim@${tenantId}.test` },
        context: { ip: '203.0.113.9' },
        occurredAt: at(10 - i),
      });
    }
  }
  return events;
}
