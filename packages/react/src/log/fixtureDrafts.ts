import { type Actor, type Change, diff, type EventKind, type RecordRef } from '@activitykit/schema';

// The building blocks of `generateActivityEvents`: people, places and one random event draft.

export const USERS_EN: Actor[] = [
  { id: 'u-alice', type: 'user', name: 'Alice Smith', email: 'alice@example.com', role: 'admin' },
  { id: 'u-bob', type: 'user', name: 'Bob Jones', email: 'bob@example.com', role: 'staff' },
  { id: 'u-carol', type: 'user', name: 'Carol White', email: 'carol@example.com', role: 'staff' },
  { id: 'u-dan', type: 'user', name: 'Dan Brown', email: 'dan@partner.example', role: 'partner' },
  { id: 'u-eve', type: 'user', name: 'Eve Black', email: 'eve@example.com', role: 'customer' },
];
export const USERS_RU: Actor[] = [
  {
    id: 'u-anna',
    type: 'user',
    name: 'Анна Петрова-Водкина',
    email: 'anna@example.ru',
    role: 'admin',
  },
  {
    id: 'u-konst',
    type: 'user',
    name: 'Константин Константинопольский-Преображенский',
    email: 'konst@example.ru',
    role: 'staff',
  },
  {
    id: 'u-olga',
    type: 'user',
    name: 'Ольга Сергеевна Кузнецова',
    email: 'olga@example.ru',
    role: 'staff',
  },
  { id: 'u-ivan', type: 'user', name: 'Иван Иванов', email: 'ivan@partner.ru', role: 'partner' },
];
const SYSTEM: Actor = { id: 'system', type: 'system', name: 'Scheduler' };
export const LOCATIONS = ['North branch', 'South branch', 'Online'];
const CUSTOMERS = [
  'Maria Garcia',
  'John Miller',
  'Мария Соколова',
  'Li Wei',
  'Fatima Khan',
  'Пётр Смирнов',
];
const STATUSES = ['new', 'confirmed', 'paid', 'ready', 'completed', 'cancelled'];

/** A pseudo-random number in [0, 1). */
export type Random = () => number;

/** A small seeded PRNG (mulberry32). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID for `time` whose random part comes from `random`: deterministic fixtures. */
export function ulid(time: number, random: Random): string {
  let head = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    head = ULID_ALPHABET[rest % 32] + head;
    rest = Math.floor(rest / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ULID_ALPHABET[Math.floor(random() * 32)];
  return head + tail;
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** The varying part of a fixture event. */
export interface Draft {
  action: string;
  kind: EventKind;
  subject?: RecordRef;
  refs?: RecordRef[];
  changes?: Change[];
  snapshot?: Record<string, unknown>;
  outcome?: 'success' | 'failure';
  metadata?: Record<string, unknown>;
  actor?: Actor;
}

/** One random event of a small venue business, done by `actor`. */
export function draft(random: Random, actor: Actor): Draft {
  const customerId = String(1 + Math.floor(random() * 400));
  const customer: RecordRef = { type: 'customer', id: customerId, label: pick(random, CUSTOMERS) };
  const orderId = String(1000 + Math.floor(random() * 9000));
  const order: RecordRef = { type: 'order', id: orderId, label: `Order #${orderId}` };
  const roll = random();
  if (roll < 0.16) return { action: 'auth.login', kind: 'login' };
  if (roll < 0.2) {
    return {
      action: 'auth.login_failed',
      kind: 'login_failed',
      outcome: 'failure',
      metadata: { identifier: actor.email ?? actor.id },
    };
  }
  if (roll < 0.24) return { action: 'auth.logout', kind: 'logout' };
  if (roll < 0.34) {
    const record = { name: customer.label, phone: '+1 555 0100', address: { city: 'Oslo' } };
    return {
      action: 'customer.created',
      kind: 'create',
      subject: customer,
      changes: diff(null, record),
    };
  }
  if (roll < 0.48) {
    const before = { email: 'old@example.com', phone: '+1 555 0100', address: { city: 'Oslo' } };
    const after = {
      ...before,
      email: 'new@example.com',
      address: { city: pick(random, ['Bergen', 'Москва']) },
    };
    return {
      action: 'customer.updated',
      kind: 'update',
      subject: customer,
      changes: diff(before, after),
    };
  }
  if (roll < 0.62) {
    const from = pick(random, STATUSES);
    const to = pick(
      random,
      STATUSES.filter((status) => status !== from),
    );
    return {
      action: 'order.status_changed',
      kind: 'update',
      subject: order,
      refs: [order, customer],
      changes: [{ path: 'status', before: from, after: to }],
    };
  }
  if (roll < 0.7) {
    return { action: 'order.created', kind: 'create', subject: order, refs: [order, customer] };
  }
  if (roll < 0.74) {
    const snapshot = {
      id: customerId,
      name: customer.label,
      email: 'gone@example.com',
      tags: ['vip'],
    };
    return { action: 'customer.deleted', kind: 'delete', subject: customer, snapshot };
  }
  if (roll < 0.77) {
    const task: RecordRef = {
      type: 'task',
      id: `T-${orderId}`,
      label: 'Call back about the refund',
    };
    const snapshot = { title: task.label, due: '2026-11-30', assignee: actor.name ?? actor.id };
    return {
      action: 'task.deleted',
      kind: 'delete',
      subject: task,
      refs: [task, customer],
      snapshot,
    };
  }
  if (roll < 0.79) {
    const snapshot = { id: orderId, total: 120.5, items: [{ sku: 'PARTY-S', qty: 1 }] };
    return {
      action: 'order.deleted',
      kind: 'delete',
      subject: order,
      refs: [order, customer],
      snapshot,
    };
  }
  if (roll < 0.85) {
    const booking: RecordRef = {
      type: 'booking',
      id: `B-${orderId}`,
      label: 'Birthday party, room 2',
    };
    return {
      action: 'booking.created',
      kind: 'create',
      subject: booking,
      refs: [booking, customer],
    };
  }
  if (roll < 0.89) {
    const sale: RecordRef = { type: 'sale', id: `S-${orderId}` };
    return { action: 'pos.sale_created', kind: 'create', subject: sale, refs: [sale, customer] };
  }
  if (roll < 0.92) {
    const waiver: RecordRef = { type: 'waiver', id: `W-${customerId}` };
    return { action: 'waiver.signed', kind: 'update', subject: waiver, refs: [waiver, customer] };
  }
  if (roll < 0.95) {
    const report: RecordRef = { type: 'report', id: 'sales-daily', label: 'Daily sales' };
    return { action: 'report.viewed', kind: 'access', subject: report };
  }
  if (roll < 0.97) {
    return {
      action: 'note.added',
      kind: 'note',
      subject: customer,
      metadata: { body: 'Called about the refund.' },
    };
  }
  return {
    action: 'order.reminder_sent',
    kind: 'other',
    subject: order,
    refs: [order, customer],
    actor: SYSTEM,
  };
}
