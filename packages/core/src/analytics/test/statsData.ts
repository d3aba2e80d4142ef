import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';

/*
 * The data set of the analytics tests, and the figures expected of it, computed by plain loops
 * over the events as recorded (independently of any MongoDB pipeline).
 */

const ACTORS = [
  { id: 'u-alice', type: 'user', role: 'admin' },
  { id: 'u-bob', type: 'user', role: 'staff', name: 'Bob Jones' },
  { id: 'u-cara', type: 'user', role: 'partner', name: 'Cara Diaz' },
  { id: 'k-sync', type: 'api_key', name: 'Sync key' },
  { id: 'system', type: 'system', name: 'System' },
] as const;
const ACTIONS = [
  'customer.created',
  'customer.updated',
  'order.deleted',
  'booking.rescheduled',
  'auth.login',
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'report.viewed',
] as const;
/** Instants on either side of local midnights and of New York's 2026-11-01 change of clocks. */
const EDGES = [
  '2026-11-01T03:59:59.999Z', // 23:59 EDT on 31 October
  '2026-11-01T04:00:00.000Z', // midnight EDT
  '2026-11-01T05:30:00.000Z', // 01:30 EDT
  '2026-11-01T06:30:00.000Z', // 01:30 EST, an hour later
  '2026-11-02T04:59:59.999Z', // 23:59 EST, still 1 November in New York
  '2026-11-02T05:00:00.000Z',
  '2026-11-01T20:59:59.999Z', // 23:59 in Moscow
  '2026-11-01T21:00:00.000Z', // midnight in Moscow
  '2026-11-01T18:29:59.999Z', // 23:59 in Kolkata
  '2026-11-01T18:30:00.000Z', // midnight in Kolkata
];

/** A seeded generator (mulberry32), so the data set is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A deterministic mixed history of 430 events over two weeks around New York's change of clocks:
 * two tenants, five actors (Alice renamed half-way), logins, failures, logouts, writes and reads.
 *
 * @example
 * ```ts
 * const recorded = await recordAll(store, statsDataset());
 * ```
 */
export function statsDataset(): ActivityEventInput[] {
  const random = seeded(20261101);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const from = Date.parse('2026-10-26T00:00:00Z');
  const span = Date.parse('2026-11-09T00:00:00Z') - from;
  const times = [...EDGES.map((edge) => Date.parse(edge))];
  for (let i = 0; i < 420; i++) times.push(from + Math.floor(random() * span));
  return times.map((time, i) => {
    const action = pick(ACTIONS);
    const actor: ActivityEventInput['actor'] = { ...pick(ACTORS) };
    // Alice is renamed half-way: the figures must show her latest name.
    if (actor.id === 'u-alice') actor.name = time < from + span / 2 ? 'Alice S.' : 'Alice Smith';
    const failed = action === 'auth.login_failed' || (action === 'auth.login' && random() < 0.2);
    return {
      tenantId: i % 7 === 3 ? 'beta' : 'acme',
      occurredAt: new Date(time),
      action,
      actor,
      outcome: failed ? 'failure' : 'success',
      subject: { type: action.split('.')[0] as string, id: String(i % 9) },
    };
  });
}

/**
 * Reference figures for tenant acme in a range, by plain loops over the recorded events.
 *
 * @example
 * ```ts
 * expect(stats.byKind).toEqual(referenceFigures(recorded, range).byKind);
 * ```
 */
export function referenceFigures(recorded: ActivityEvent[], range: { from: Date; to: Date }) {
  const inRange = recorded
    .filter((event) => event.tenantId === 'acme')
    .filter((event) => event.occurredAt >= range.from && event.occurredAt < range.to);
  const tally = (keyOf: (event: ActivityEvent) => string) => {
    const counts = new Map<string, number>();
    for (const event of inRange) counts.set(keyOf(event), (counts.get(keyOf(event)) ?? 0) + 1);
    return [...counts]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  };
  const isFailure = (e: ActivityEvent) =>
    e.kind === 'login_failed' || (e.kind === 'login' && e.outcome === 'failure');
  const logins = inRange.filter((e) => e.kind === 'login' && e.outcome === 'success');
  const failures = inRange.filter(isFailure).length;
  const latest = (id: string) =>
    inRange.filter((e) => e.actor.id === id).sort((a, b) => +b.occurredAt - +a.occurredAt)[0];
  return {
    inRange,
    byKind: tally((e) => e.kind),
    byCategory: tally((e) => e.category),
    byOutcome: tally((e) => e.outcome),
    byAction: tally((e) => e.action),
    topActors: tally((e) => e.actor.id).map(({ key, count }) => {
      const { id, type, name, role } = latest(key)?.actor ?? { id: key, type: 'user' };
      return { actor: { id, type, ...(name ? { name } : {}), ...(role ? { role } : {}) }, count };
    }),
    auth: {
      logins: logins.length,
      failures,
      logouts: inRange.filter((e) => e.kind === 'logout').length,
      failureRate: failures === 0 ? 0 : failures / (logins.length + failures),
      uniqueUsers: new Set(logins.map((e) => e.actor.id)).size,
    },
  };
}
