import type { ActivityEventInput } from '@activitykit/schema';
import { ATTACKER_IPS } from './catalog.ts';
import { type SeedAction, staffEvent } from './seedEvent.ts';

const LOGIN_ROUTE = { method: 'POST', route: '/api/auth/login' };

/** A sign-in (with the one-time code step for accounts that have it). */
export const login: SeedAction = (step) => {
  const events: ActivityEventInput[] = [
    { ...staffEvent(step, LOGIN_ROUTE), action: 'auth.login', kind: 'login' },
  ];
  if (step.staff.otp) {
    const later = new Date(step.time.getTime() + 20_000);
    events.push({
      ...staffEvent({ ...step, time: later }, { method: 'POST', route: '/api/auth/otp' }),
      action: 'auth.otp_verified',
      kind: 'other',
    });
  }
  return events;
};

/** A sign-out. */
export const logout: SeedAction = (step) => [
  {
    ...staffEvent(step, { method: 'POST', route: '/api/auth/logout' }),
    action: 'auth.logout',
    kind: 'logout',
  },
];

/** A mistyped password: one failed sign-in from the usual place. */
export const mistypedPassword: SeedAction = (step) => [
  {
    ...staffEvent(step, { ...LOGIN_ROUTE, status: 401 }),
    action: 'auth.login_failed',
    kind: 'login_failed',
    outcome: 'failure',
    actor: { id: 'anonymous', type: 'anonymous' },
    metadata: { identifier: step.staff.actor.email, reason: 'bad_password' },
  },
];

/** Someone guessing a password: a burst of failures from a stranger's address. */
export const passwordGuessing: SeedAction = (step) => {
  const ip = step.random.pick(ATTACKER_IPS);
  const identifier = step.staff.actor.email ?? 'admin';
  return Array.from({ length: step.random.int(6, 12) }, (_, i) => ({
    tenantId: step.state.tenant.id,
    occurredAt: new Date(step.time.getTime() + i * step.random.int(5_000, 40_000)),
    action: 'auth.login_failed',
    kind: 'login_failed' as const,
    outcome: 'failure' as const,
    actor: { id: 'anonymous', type: 'anonymous' as const },
    context: { ip, userAgent: 'python-requests/2.32', ...LOGIN_ROUTE, status: 401 },
    metadata: { identifier },
  }));
};

/** A sign-in from an address this person never used (a phone on holiday). */
export const loginFromNewPlace: SeedAction = (step) => {
  const ip = `${step.random.int(31, 223)}.${step.random.int(0, 255)}.${step.random.int(0, 255)}.${step.random.int(1, 254)}`;
  return login({ ...step, staff: { ...step.staff, ip } });
};

/** The partner changes a staff member's permissions (a security signal). */
export const changeRole: SeedAction = (step) => {
  if (step.staff.actor.role !== 'partner') return [];
  const staff = step.state.staff.find((s) => s.actor.role === 'staff');
  if (!staff) return [];
  const grant = step.random.chance(0.5);
  return [
    {
      ...staffEvent(step, { method: 'PATCH', route: '/api/users/:id' }),
      action: 'user.permissions_changed',
      kind: 'update',
      subject: { type: 'user', id: staff.actor.id, label: staff.actor.name },
      changes: [
        {
          path: 'permissions',
          before: grant ? ['bookings', 'pos'] : ['bookings', 'pos', 'refunds'],
          after: grant ? ['bookings', 'pos', 'refunds'] : ['bookings', 'pos'],
        },
      ],
    },
  ];
};

/** A report opened (recorded as an access). */
export const viewReport: SeedAction = (step) => {
  const report = step.random.pick([
    { id: 'daily-sales', label: 'Daily sales' },
    { id: 'bookings-week', label: 'Bookings this week' },
    { id: 'customers-new', label: 'New customers' },
  ]);
  return [
    {
      ...staffEvent(step, { method: 'GET', route: '/api/reports/:id' }),
      action: 'report.viewed',
      kind: 'access',
      subject: { type: 'report', ...report },
    },
  ];
};
