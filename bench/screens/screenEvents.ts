/**
 * Realistic history for the screens benchmark: two businesses (`acme` 60 %, `beta` 40 %) over
 * `days` days ending at `now`, mostly in business hours — staff sign in (now and then a mistyped
 * password, a sign-in from a new IP, a burst of password guessing from a stranger's IP), create,
 * edit and delete customers and orders (orders name their customer in `refs`), add notes; the
 * system moves orders along; an administrator changes a role. Deterministic for given options.
 */
import {
  type Actor,
  createRandom,
  type EventInput,
  staffOf,
  type Tenant,
  timestamps,
} from './historyParts.ts';

export type { EventInput } from './historyParts.ts';

/** Options of {@link screenEvents}. */
export interface ScreenEventsOptions {
  total: number;
  /** The end of the history (ms). */
  now: number;
  /** Days of history. Defaults to `120`. */
  days?: number;
}

type Ref = { type: string; id: string; label?: string };
type Base = Pick<EventInput, 'tenantId' | 'occurredAt' | 'actor' | 'context'>;
type Kind = NonNullable<EventInput['kind']>;

const SYSTEM: Actor = { id: 'system', type: 'system', name: 'System' };
const STATUSES = ['new', 'paid', 'packed', 'shipped', 'delivered'];
const FIRST = ['Anna', 'Борис', 'Chen', 'Dana', 'Егор', 'Fatima', 'George', 'Хана', 'Ivo', 'June'];
const LAST = ['Kuznetsova', 'O’Brien', 'Smith, Jr.', 'Müller', 'Новиков', 'Tanaka', 'Lee', 'Rossi'];
/** Every this many events, a stranger guesses passwords for a minute. */
const BURST_EVERY = 1_500;
const BURST_SIZE = 8;

/**
 * `options.total` events, nearly in time order, ready for `store.record` (each with `occurredAt`).
 *
 * @example
 * for (const event of screenEvents({ total: 10_000, now: Date.now() })) store.record(event);
 */
export function* screenEvents(options: ScreenEventsOptions): Generator<EventInput> {
  const random = createRandom(13);
  const { total, now } = options;
  const times = timestamps(random, { total, now, days: options.days ?? 120 });
  const staff = { acme: staffOf('acme'), beta: staffOf('beta') };
  const customers = { acme: 40, beta: 30 };
  const orders = { acme: 1, beta: 1 };
  for (let i = 0; i < total; i++) {
    const tenant: Tenant = random.next() < 0.6 ? 'acme' : 'beta';
    const burst = i % BURST_EVERY;
    const at = burst < BURST_SIZE ? (times[i - burst] ?? 0) + burst * 7_000 : (times[i] ?? 0);
    const who = random.pick(staff[tenant]);
    const base: Base = {
      tenantId: tenant,
      occurredAt: new Date(Math.min(at, now)),
      actor: who.actor,
      context: {
        ip: who.ip,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
        requestId: `req-${i.toString(36)}`,
        location: tenant === 'acme' ? random.pick(['north', 'south']) : 'Центр',
      },
    };
    if (burst < BURST_SIZE) {
      const ip = `203.0.113.${Math.floor(i / BURST_EVERY) % 250}`;
      yield login(base, { actor: random.pick(staff[tenant]).actor, ip, failed: true });
      continue;
    }
    const customer = (): Ref => {
      const n = random.int(customers[tenant]);
      return { type: 'customer', id: `${tenant}-c${n}`, label: customerName(n) };
    };
    const order = (): Ref => {
      const n = random.int(orders[tenant]);
      return { type: 'order', id: `${tenant}-o${n}`, label: `Order #${n}` };
    };
    const r = random.next();
    if (r < 0.1) {
      const ip = random.next() < 0.03 ? `198.51.100.${random.int(250)}` : who.ip;
      yield login(base, { actor: who.actor, ip, failed: false });
    } else if (r < 0.13) {
      yield login(base, { actor: who.actor, ip: who.ip, failed: true });
    } else if (r < 0.15) {
      yield { ...make(base, ['auth.logout', 'logout'], [self(who.actor)]), category: 'logins' };
    } else if (r < 0.25) {
      const n = customers[tenant]++;
      const subject = { type: 'customer', id: `${tenant}-c${n}`, label: customerName(n) };
      yield make(base, ['customer.created', 'create'], [subject]);
    } else if (r < 0.4) {
      const changes = [
        { path: 'phone', before: `+1 555 01${i % 90}`, after: `+1 555 02${i % 90}` },
      ];
      yield { ...make(base, ['customer.updated', 'update'], [customer()]), changes };
    } else if (r < 0.42) {
      const subject = customer();
      const snapshot = { name: subject.label, phone: '+1 555 0100' };
      yield { ...make(base, ['customer.deleted', 'delete'], [subject]), snapshot };
    } else if (r < 0.54) {
      const n = orders[tenant]++;
      const subject = { type: 'order', id: `${tenant}-o${n}`, label: `Order #${n}` };
      const metadata = { amount: 5 + (i % 400), currency: 'EUR' };
      yield { ...make(base, ['order.created', 'create'], [subject, customer()]), metadata };
    } else if (r < 0.8) {
      const step = random.int(STATUSES.length - 1);
      const changes = [{ path: 'status', before: STATUSES[step], after: STATUSES[step + 1] }];
      const event = {
        ...make(base, ['order.status_changed', 'update'], [order(), customer()]),
        changes,
      };
      yield random.next() < 0.4 ? { ...event, actor: SYSTEM } : event;
    } else if (r < 0.82) {
      const snapshot = { status: 'new', total: 42 };
      yield { ...make(base, ['order.deleted', 'delete'], [order(), customer()]), snapshot };
    } else if (r < 0.997) {
      const note = make(base, ['customer.note_added', 'note'], [customer()]);
      yield { ...note, category: 'profile_notes', metadata: { text: 'Called back about it' } };
    } else {
      const admin = staff[tenant][0]?.actor ?? who.actor;
      const target = self(random.pick(staff[tenant]).actor);
      const changes = [{ path: 'role', before: 'staff', after: 'admin' }];
      const event = make({ ...base, actor: admin }, ['user.role_changed', 'update'], [target]);
      yield { ...event, category: 'system', changes };
    }
  }
}

/** An event on `subject` (its category the action's noun), touching `refs` besides it. */
function make(base: Base, [action, kind]: [string, Kind], refs: [Ref, ...Ref[]]): EventInput {
  const category = action.slice(0, action.indexOf('.'));
  return { ...base, action, kind, category, subject: refs[0], refs };
}

function login(base: Base, { actor, ip, failed }: { actor: Actor; ip: string; failed: boolean }) {
  return {
    ...base,
    actor,
    context: { ...base.context, ip },
    action: failed ? 'auth.login_failed' : 'auth.login',
    kind: failed ? 'login_failed' : 'login',
    category: 'logins',
    outcome: failed ? 'failure' : 'success',
    subject: self(actor),
  } satisfies EventInput;
}

const self = (actor: Actor): Ref => ({ type: 'user', id: actor.id, label: actor.name ?? actor.id });
const customerName = (n: number) => `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`;
