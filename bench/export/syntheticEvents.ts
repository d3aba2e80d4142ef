/**
 * Realistic activity events made in memory for the export benchmark: a venue business with staff
 * (Latin and Cyrillic names), customers, orders, bookings, logins and notes; labels with commas and
 * quotes, multi-field changes, IPv4 and IPv6 addresses. Deterministic for a given index.
 */
import type { ActivityStore } from '@activitykit/core';

/** The event type, through core (the bench depends on core, not on schema). */
export type ActivityEvent = Awaited<ReturnType<ActivityStore['get']>>;
type EventKind = ActivityEvent['kind'];

const ACTORS = [
  { id: 'u-alice', type: 'user', name: 'Alice Smith', email: 'alice@acme.test', role: 'admin' },
  { id: 'u-bob', type: 'user', name: 'Bob Jones', email: 'bob@acme.test', role: 'staff' },
  { id: 'u-alisa', type: 'user', name: 'Алиса Смирнова', email: 'alisa@acme.test', role: 'staff' },
  { id: 'u-petr', type: 'user', name: 'Пётр Иванов', email: 'petr@beta.test', role: 'partner' },
  { id: 'system', type: 'system', name: 'System' },
] as const;

const ACTIONS: { action: string; kind: EventKind; category: string; type: string }[] = [
  { action: 'customer.created', kind: 'create', category: 'customer', type: 'customer' },
  { action: 'customer.updated', kind: 'update', category: 'customer', type: 'customer' },
  { action: 'order.created', kind: 'create', category: 'order', type: 'order' },
  { action: 'order.status_changed', kind: 'update', category: 'order', type: 'order' },
  { action: 'booking.cancelled', kind: 'update', category: 'online_booking', type: 'booking' },
  { action: 'pos.sale_completed', kind: 'create', category: 'pos', type: 'sale' },
  { action: 'auth.login', kind: 'login', category: 'logins', type: 'user' },
  { action: 'auth.login_failed', kind: 'login_failed', category: 'logins', type: 'user' },
  { action: 'customer.note_added', kind: 'note', category: 'profile_notes', type: 'customer' },
  { action: 'waiver.deleted', kind: 'delete', category: 'waiver', type: 'waiver' },
];
const CUSTOMERS = ['Smith, Bob "The Builder"', 'Иванов, Пётр', 'Анна Кузнецова', 'Jane Doe'];
const STATUSES = ['new', 'paid', 'shipped', 'refunded'];
const LOCATIONS = ['north', 'south', 'Север', undefined];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const START = Date.UTC(2026, 0, 1);

/** A ULID-shaped id: 10 characters of time, 16 of the index. */
function ulid(time: number, index: number): string {
  let id = '';
  for (let n = time, i = 0; i < 10; i++, n = Math.floor(n / 32)) id = CROCKFORD[n % 32] + id;
  let tail = '';
  for (let n = index, i = 0; i < 16; i++, n = Math.floor(n / 32)) tail = CROCKFORD[n % 32] + tail;
  return id + tail;
}

/** The `i`-th synthetic event; about one every 30 seconds from 2026-01-01. */
export function syntheticEvent(i: number): ActivityEvent {
  const shape = ACTIONS[i % ACTIONS.length] as (typeof ACTIONS)[number];
  const actor = ACTORS[i % ACTORS.length] as (typeof ACTORS)[number];
  const time = START + i * 30_000 + (i % 997);
  const label =
    shape.type === 'customer' ? (CUSTOMERS[i % CUSTOMERS.length] as string) : `#${i % 100_000}`;
  const event: ActivityEvent = {
    id: ulid(time, i),
    tenantId: i % 3 === 0 ? 'beta' : 'acme',
    occurredAt: new Date(time),
    action: shape.action,
    kind: shape.kind,
    category: shape.category,
    outcome: shape.kind === 'login_failed' ? 'failure' : 'success',
    actor: { ...actor },
    subject: { type: shape.type, id: String(i % 100_000), label },
    refs: [{ type: shape.type, id: String(i % 100_000) }],
    description: `${actor.name} — ${shape.action.replace('.', ' ')} ${label}`,
    context: {
      ip: i % 10 === 0 ? `2001:db8::${(i % 65_535).toString(16)}` : `10.0.${i % 7}.${i % 250}`,
      requestId: `req-${i.toString(36)}`,
      location: LOCATIONS[i % LOCATIONS.length],
    },
  };
  if (shape.kind === 'update') {
    event.changes = [
      { path: 'status', before: STATUSES[i % 4], after: STATUSES[(i + 1) % 4] },
      { path: 'note', before: '', after: i % 2 ? 'Позвонить клиенту' : 'call back, please' },
    ];
  }
  return event;
}

/** `count` synthetic events, newest last, made as they are pulled. */
export async function* syntheticEvents(count: number): AsyncGenerator<ActivityEvent> {
  for (let i = 0; i < count; i++) yield syntheticEvent(i);
}
