/**
 * Test data for the exporters: realistic events with every value a CSV or PDF gets wrong (commas,
 * quotes, newlines, Cyrillic, formula-like text), recorded through the real store.
 * @internal
 * @module
 */
import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';
import type { ActivityStore } from '../createActivityStore.ts';
import { iterateEvents } from './iterateEvents.ts';

export const ADMIN = { tenants: '*' as const };
export const FORMULA_LABEL = '=HYPERLINK("http://evil.test","click")';
export const LONG_DESCRIPTION =
  'Клиент подписал согласие на обработку персональных данных на стойке регистрации; '.repeat(4) +
  'Signed at the front desk, witnessed by the manager on duty, scanned copy attached to the file.';
export const CYRILLIC_DESCRIPTION = 'Алиса Смирнова удалила заказ №42 «Срочный»';

const alice = { id: 'u-alice', type: 'user', name: 'Alice Smith', role: 'admin' } as const;
const alisa = { id: 'u-alisa', type: 'user', name: 'Алиса Смирнова', role: 'staff' } as const;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 11, minute, 9));

/** The tricky events, oldest first; `extra` plain events follow to fill pages. */
export function exportInputs(extra = 0): ActivityEventInput[] {
  const inputs: ActivityEventInput[] = [
    {
      tenantId: 'acme',
      occurredAt: at(0),
      action: 'customer.created',
      actor: alice,
      subject: { type: 'customer', id: '7', label: 'Smith, Bob "The Builder"' },
      context: { ip: '10.0.0.7', location: 'north', requestId: 'req-1' },
    },
    {
      tenantId: 'acme',
      occurredAt: at(1),
      action: 'customer.note_added',
      kind: 'note',
      actor: alice,
      subject: { type: 'customer', id: '7' },
      description: 'Called back.\nSays: "refund, please" — twice',
      context: { ip: '2001:db8::7' },
    },
    {
      tenantId: 'beta',
      occurredAt: at(2),
      action: 'order.deleted',
      actor: alisa,
      subject: { type: 'order', id: '42', label: 'Иванов, Пётр' },
      description: CYRILLIC_DESCRIPTION,
      context: { ip: '10.0.0.8', location: 'юг' },
    },
    {
      tenantId: 'acme',
      occurredAt: at(3),
      action: 'order.status_changed',
      actor: { id: 'u-mallory', type: 'user', name: '+1', role: '-5' },
      subject: { type: 'order', id: '-7', label: FORMULA_LABEL },
      changes: [{ path: 'status', before: 'new', after: 'paid' }],
      description: '@SUM(A1:A9)',
      context: { ip: '10.0.0.9', requestId: '-2+3' },
    },
    {
      tenantId: 'acme',
      occurredAt: at(4),
      action: 'auth.login_failed',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      metadata: { identifier: 'bob@acme.test' },
      context: { ip: '203.0.113.5' },
    },
    {
      tenantId: 'beta',
      occurredAt: at(5),
      action: 'waiver.signed',
      actor: alisa,
      subject: { type: 'waiver', id: 'w-1', label: 'Согласие на обработку данных' },
      description: LONG_DESCRIPTION,
      context: { ip: '2001:0db8:85a3:0000:0000:8a2e:0370:7334' },
    },
  ];
  for (let i = 0; i < extra; i++) {
    inputs.push({
      tenantId: 'acme',
      occurredAt: new Date(at(6).getTime() + i * 61_000),
      action: 'booking.updated',
      actor: i % 2 ? alice : alisa,
      subject: { type: 'booking', id: String(1000 + i), label: `Booking ${1000 + i}` },
      changes: [
        { path: 'startsAt', before: '10:00', after: '11:30' },
        { path: 'room', before: 'A', after: `B${i}` },
      ],
      context: { ip: `10.0.1.${i % 250}`, location: i % 3 ? 'north' : 'юг' },
    });
  }
  return inputs;
}

/** Records the inputs durably and gives the stored events back, newest first (as exports read). */
export async function recordExportEvents(
  store: ActivityStore,
  extra = 0,
): Promise<ActivityEvent[]> {
  for (const input of exportInputs(extra)) store.record(input);
  await store.flush();
  const events: ActivityEvent[] = [];
  for await (const event of iterateEvents(store, { scope: ADMIN })) events.push(event);
  return events;
}

/** Replays stored events as an export source. */
export async function* replay(events: readonly ActivityEvent[]): AsyncGenerator<ActivityEvent> {
  yield* events;
}

/** All the bytes of a stream. */
export async function readBytes(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A valid event made in memory, for sources too large to store. */
export function syntheticEvent(i: number): ActivityEvent {
  return {
    id: `01KAQ5Z7W6${String(i).padStart(16, '0')}`,
    tenantId: 'acme',
    occurredAt: new Date(Date.UTC(2026, 10, 23) + i * 1000),
    action: 'order.status_changed',
    kind: 'update',
    category: 'order',
    outcome: 'success',
    actor: { id: `u${i % 50}`, type: 'user', name: `Сотрудник ${i % 50}`, role: 'staff' },
    subject: { type: 'order', id: String(i), label: `Order #${i}` },
    refs: [{ type: 'order', id: String(i) }],
    changes: [{ path: 'status', before: 'new', after: 'paid' }],
    description: `Сотрудник ${i % 50} changed the status of order #${i} from new to paid`,
    context: { ip: `10.0.${i % 7}.${i % 200}`, requestId: `req-${i}` },
  };
}
