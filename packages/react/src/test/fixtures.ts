import type { ActivityEvent, Actor, Change, EventKind, RecordRef } from '@activitykit/schema';
import { ActivitySourceError } from '../data/source.ts';

// Deterministic fixture events for stories and tests (no randomness, no clock): the same input
// always gives the same events, ids included.

/** The fixed "now" of stories and component tests: Monday 23 November 2026, 15:00 UTC. */
export const FIXTURE_NOW = new Date('2026-11-23T15:00:00.000Z');
const HOUR = 3_600_000;

/**
 * Failures as a real service reports them, for the error and permission-denied stories: product
 * copy, never a fixture's own words. Pass one as the memory source's `error` option.
 */
export const storyErrors = {
  /** The service is down (HTTP 503). */
  unavailable: new ActivitySourceError(
    'SERVER',
    'The activity service is not answering. Try again in a minute.',
    { status: 503, serverCode: 'SERVICE_UNAVAILABLE' },
  ),
  /** The reader's role may not see this activity (HTTP 403). */
  forbidden: new ActivitySourceError(
    'FORBIDDEN',
    'Your role does not include access to the activity log.',
    { status: 403, serverCode: 'FORBIDDEN' },
  ),
} as const;
const DAY = 24 * HOUR;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id from a time and a serial number (deterministic, time-sortable). */
export function fixtureId(time: number, serial: number): string {
  let head = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[rest % 32] + head;
    rest = Math.floor(rest / 32);
  }
  let tail = '';
  let n = serial;
  for (let i = 0; i < 16; i++) {
    tail = CROCKFORD[n % 32] + tail;
    n = Math.floor(n / 32);
  }
  return head + tail;
}

export const staff = {
  anna: {
    id: 'u-anna',
    type: 'user',
    role: 'staff',
    name: 'Anna Petrova',
    email: 'anna@venue.test',
  },
  boris: {
    id: 'u-boris',
    type: 'user',
    role: 'admin',
    name: 'Boris Ivanov',
    email: 'boris@venue.test',
  },
  claire: {
    id: 'u-claire',
    type: 'user',
    role: 'partner',
    name: 'Claire Dubois',
    email: 'claire@venue.test',
  },
  dmitry: {
    id: 'u-dmitry',
    type: 'user',
    role: 'staff',
    name: 'Дмитрий Константинович Александровский-Тихомиров',
    email: 'dmitry@venue.test',
  },
  system: { id: 'system', type: 'system', name: 'Scheduler' },
} satisfies Record<string, Actor>;

export const customer42: RecordRef = { type: 'customer', id: '42', label: 'Olivia Martin' };
export const customerCyrillic: RecordRef = {
  type: 'customer',
  id: '77',
  label: 'Екатерина Владимировна Преображенская-Светлова',
};

interface Draft {
  at: number;
  action: string;
  kind: EventKind;
  category: string;
  actor: Actor;
  subject?: RecordRef;
  refs?: RecordRef[];
  changes?: Change[];
  description?: string;
  outcome?: 'success' | 'failure';
  ip?: string;
  location?: string;
  metadata?: Record<string, unknown>;
  snapshot?: Record<string, unknown>;
}

function build(drafts: Draft[], serialStart = 0): ActivityEvent[] {
  return drafts.map((draft, index) => {
    const refs = draft.refs ?? (draft.subject ? [draft.subject] : []);
    const event: ActivityEvent = {
      id: fixtureId(draft.at, serialStart + index),
      tenantId: 'venue-north',
      occurredAt: new Date(draft.at),
      action: draft.action,
      kind: draft.kind,
      category: draft.category,
      outcome: draft.outcome ?? 'success',
      actor: draft.actor,
      refs,
      context: {
        ...(draft.ip ? { ip: draft.ip } : { ip: '10.0.0.7' }),
        location: draft.location ?? 'North hall',
      },
    };
    if (draft.subject) event.subject = draft.subject;
    if (draft.changes) event.changes = draft.changes;
    if (draft.description) event.description = draft.description;
    if (draft.metadata) event.metadata = draft.metadata;
    if (draft.snapshot) event.snapshot = draft.snapshot;
    return event;
  });
}

/**
 * One customer's history (seeds 000 and 002): created, profile edits, an order and its status
 * changes (read-only status notes), system-made changes, staff notes, a booking, a waiver, a
 * dependent, today, yesterday and older days.
 */
export function customerHistory(
  options: { now?: Date; customer?: RecordRef } = {},
): ActivityEvent[] {
  const now = (options.now ?? FIXTURE_NOW).getTime();
  const customer = options.customer ?? customer42;
  const order: RecordRef = { type: 'order', id: '1043', label: 'Order #1043' };
  const booking: RecordRef = { type: 'booking', id: 'B-208', label: 'Birthday party, 6 Dec' };
  const waiver: RecordRef = { type: 'waiver', id: 'W-5', label: 'Trampoline waiver' };
  const dependent: RecordRef = { type: 'dependent', id: 'D-9', label: 'Mia Martin' };
  const with42 = (ref: RecordRef) => [ref, customer];
  return build([
    {
      at: now - 40 * DAY,
      action: 'customer.created',
      kind: 'create',
      category: 'customer',
      actor: staff.anna,
      subject: customer,
    },
    {
      at: now - 39 * DAY,
      action: 'waiver.signed',
      kind: 'create',
      category: 'waiver',
      actor: staff.anna,
      subject: waiver,
      refs: with42(waiver),
    },
    {
      at: now - 21 * DAY,
      action: 'dependent.added',
      kind: 'create',
      category: 'dependents',
      actor: staff.boris,
      subject: dependent,
      refs: with42(dependent),
    },
    {
      at: now - 9 * DAY,
      action: 'customer.updated',
      kind: 'update',
      category: 'customer',
      actor: staff.dmitry,
      subject: customer,
      changes: [
        { path: 'phone', before: '+1 555 0100', after: '+1 555 0199' },
        { path: 'email', before: 'olivia@old.test', after: 'olivia@new.test' },
      ],
    },
    {
      at: now - 5 * DAY - 3 * HOUR,
      action: 'booking.created',
      kind: 'create',
      category: 'online_booking',
      actor: { id: 'c-42', type: 'user', role: 'customer', name: customer.label ?? 'Customer' },
      subject: booking,
      refs: with42(booking),
      ip: '203.0.113.24',
    },
    {
      at: now - 4 * DAY,
      action: 'booking.status_changed',
      kind: 'update',
      category: 'online_booking',
      actor: staff.system,
      subject: booking,
      refs: with42(booking),
      changes: [{ path: 'status', before: 'pending', after: 'confirmed' }],
    },
    {
      at: now - 2 * DAY,
      action: 'note.added',
      kind: 'note',
      category: 'profile_notes',
      actor: staff.claire,
      subject: customer,
      metadata: { note: 'Asked for a quieter room for the party; offered the Garden room.' },
    },
    {
      at: now - DAY - 2 * HOUR,
      action: 'order.created',
      kind: 'create',
      category: 'order',
      actor: staff.anna,
      subject: order,
      refs: with42(order),
      location: 'South hall',
    },
    {
      at: now - DAY - HOUR,
      action: 'order.status_changed',
      kind: 'update',
      category: 'order',
      actor: staff.anna,
      subject: order,
      refs: with42(order),
      changes: [{ path: 'status', before: 'new', after: 'paid' }],
    },
    {
      at: now - 5 * HOUR,
      action: 'waiver.expired',
      kind: 'update',
      category: 'waiver',
      actor: staff.system,
      subject: waiver,
      refs: with42(waiver),
      changes: [{ path: 'valid', before: true, after: false }],
    },
    {
      at: now - 3 * HOUR,
      action: 'profile_label.added',
      kind: 'create',
      category: 'profile_labels',
      actor: staff.boris,
      subject: customer,
      changes: [{ path: 'labels', before: ['regular'], after: ['regular', 'VIP'] }],
    },
    {
      at: now - 40 * 60_000,
      action: 'order.status_changed',
      kind: 'update',
      category: 'order',
      actor: staff.system,
      subject: order,
      refs: with42(order),
      changes: [{ path: 'status', before: 'paid', after: 'fulfilled' }],
    },
  ]);
}

/** A long history (`days` × `perDay` events) of one record, for "load older" stories and tests. */
export function longHistory(options: {
  days: number;
  perDay: number;
  now?: Date;
  customer?: RecordRef;
}): ActivityEvent[] {
  const now = (options.now ?? FIXTURE_NOW).getTime();
  const customer = options.customer ?? customer42;
  const actors = [staff.anna, staff.boris, staff.claire, staff.dmitry, staff.system];
  const drafts: Draft[] = [];
  for (let day = 0; day < options.days; day++) {
    for (let i = 0; i < options.perDay; i++) {
      const actor = actors[(day + i) % actors.length] as Actor;
      drafts.push({
        at: now - day * DAY - (i + 1) * 47 * 60_000,
        action: 'customer.updated',
        kind: 'update',
        category: 'customer',
        actor,
        subject: customer,
        changes: [{ path: 'visits', before: day * 10 + i, after: day * 10 + i + 1 }],
      });
    }
  }
  return build(drafts, 1000);
}

/**
 * A month of a venue's activity (seed 003's dashboard): creates, updates, deletes, logins, a
 * failed-login burst, a login from a new IP, off-hours work, a role change and a bulk delete.
 */
export function venueMonth(options: { now?: Date } = {}): ActivityEvent[] {
  const now = (options.now ?? FIXTURE_NOW).getTime();
  const people = [staff.anna, staff.boris, staff.claire, staff.dmitry];
  const drafts: Draft[] = [];
  const categories = [
    ['order', 'order'],
    ['customer', 'customer'],
    ['booking', 'online_booking'],
    ['sale', 'pos'],
    ['waiver', 'waiver'],
  ] as const;
  for (let day = 29; day >= 0; day--) {
    const dayStart = now - day * DAY - ((now % DAY) - 9 * HOUR);
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    // On weekends only Dmitry works (an off-hours signal); on weekdays everyone, 9:00–17:00.
    const team = weekend ? [staff.dmitry] : people;
    const busy = weekend ? 3 : 6 + ((day * 7) % 5);
    team.forEach((actor, p) => {
      drafts.push({
        at: dayStart + p * 9 * 60_000,
        action: 'user.login',
        kind: 'login',
        category: 'logins',
        actor,
        subject: { type: 'user', id: actor.id, label: actor.name },
        ip: `10.0.0.${people.indexOf(actor) + 2}`,
      });
    });
    for (let i = 0; i < busy; i++) {
      const actor = team[(day + i) % team.length] as Actor;
      const [type, category] = categories[
        (day + i) % categories.length
      ] as (typeof categories)[number];
      const kind: EventKind = i % 5 === 4 ? 'delete' : i % 2 === 0 ? 'create' : 'update';
      const verb = kind === 'create' ? 'created' : kind === 'delete' ? 'deleted' : 'updated';
      const subject = {
        type,
        id: String(100 + day * 10 + i),
        label: `${type} ${100 + day * 10 + i}`,
      };
      drafts.push({
        at: dayStart + (1 + i) * 45 * 60_000,
        action: `${type}.${verb}`,
        kind,
        category,
        actor,
        subject,
        ...(kind === 'update'
          ? { changes: [{ path: 'total', before: i * 10, after: i * 12 }] }
          : {}),
        ...(kind === 'delete' ? { snapshot: { id: subject.id, label: subject.label } } : {}),
      });
    }
  }
  const burstStart = now - 2 * DAY + 2 * HOUR;
  for (let i = 0; i < 7; i++) {
    drafts.push({
      at: burstStart + i * 60_000,
      action: 'user.login_failed',
      kind: 'login_failed',
      category: 'logins',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      ip: '198.51.100.23',
      metadata: { identifier: 'boris@venue.test' },
    });
  }
  drafts.push({
    at: now - DAY + 3 * HOUR,
    action: 'user.login',
    kind: 'login',
    category: 'logins',
    actor: staff.boris,
    subject: { type: 'user', id: staff.boris.id, label: staff.boris.name },
    ip: '203.0.113.99',
  });
  drafts.push({
    at: now - DAY + 4 * HOUR,
    action: 'user.role_changed',
    kind: 'update',
    category: 'system',
    actor: staff.boris,
    subject: { type: 'user', id: 'u-claire', label: 'Claire Dubois' },
    changes: [{ path: 'role', before: 'partner', after: 'admin' }],
  });
  drafts.push({
    at: now - 3 * DAY + 22 * HOUR,
    action: 'customer.exported',
    kind: 'access',
    category: 'customer',
    actor: staff.dmitry,
    subject: customer42,
  });
  drafts.push({
    at: now - 6 * HOUR,
    action: 'activity.bulk_deleted',
    kind: 'delete',
    category: 'system',
    actor: staff.boris,
    metadata: { count: 40 },
  });
  drafts.push({
    at: now - 2 * HOUR,
    action: 'user.logout',
    kind: 'logout',
    category: 'logins',
    actor: staff.anna,
    subject: { type: 'user', id: staff.anna.id, label: staff.anna.name },
  });
  return build(
    drafts.filter((draft) => draft.at <= now).sort((a, b) => a.at - b.at),
    5000,
  );
}
