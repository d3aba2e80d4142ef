/** Building blocks of the screens benchmark's history: a seeded random source, times, staff. */
import type { ActivityStore } from '@activitykit/core';

/** What `store.record` takes, through core (the bench depends on core, not on schema). */
export type EventInput = Parameters<ActivityStore['record']>[0];
/** Who did it. */
export type Actor = NonNullable<EventInput['actor']>;
/** The two businesses of the history. */
export const TENANTS = ['acme', 'beta'] as const;
/** One of {@link TENANTS}. */
export type Tenant = (typeof TENANTS)[number];

const DAY = 86_400_000;
/** Staff per tenant: [first name, full name, role]; e-mails are `<first name>@<tenant>.test`. */
const STAFF: Record<Tenant, [string, string, string][]> = {
  acme: [
    ['alice', 'Alice Smith', 'admin'],
    ['bob', 'Bob Jones', 'staff'],
    ['alisa', 'Алиса Смирнова', 'staff'],
    ['tom', 'Tom Hanks', 'staff'],
    ['petr', 'Пётр Иванов', 'partner'],
  ],
  beta: [
    ['olga', 'Ольга Петрова', 'admin'],
    ['jack', 'Jack Miller', 'staff'],
    ['mia', 'Mia Wong', 'staff'],
    ['ivan', 'Иван Соколов', 'partner'],
  ],
};
/** How busy each UTC hour is: open 8 to 20, a little at night (off-hours signals). */
const HOURLY = [
  1, 1, 1, 1, 1, 2, 4, 10, 30, 60, 80, 90, 90, 80, 70, 80, 90, 80, 60, 40, 20, 8, 3, 2,
];
const HOURLY_SUM = HOURLY.reduce((a, b) => a + b, 0);

/** A seeded random source (mulberry32), so a seed is reproducible. */
export type Random = ReturnType<typeof createRandom>;

/** A {@link Random} seeded with `seed`. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    /** An integer in [0, max). */
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

/**
 * `total` instants over the `days` days before `now`, sorted and distinct, mostly in business hours
 * and busier towards the end (the day's density grows from 0.6 to 1).
 */
export function timestamps(
  random: Random,
  { total, now, days }: { total: number; now: number; days: number },
): Float64Array {
  const start = now - days * DAY;
  const out = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    const day = Math.floor((days * (Math.sqrt(0.36 + 0.64 * random.next()) - 0.6)) / 0.4);
    let pick = random.next() * HOURLY_SUM;
    let hour = 0;
    while (pick >= (HOURLY[hour] ?? 0)) pick -= HOURLY[hour++] ?? 0;
    out[i] = start + Math.min(day, days - 1) * DAY + hour * 3_600_000 + random.int(3_600_000);
  }
  out.sort();
  // Nothing in the future (the last day's evening may lie after `now`).
  for (let i = 0; i < total; i++) out[i] = Math.min(out[i] ?? now, now - (total - i) * 10);
  return out;
}

/** A tenant's staff, each with the IP they usually work from (one on IPv6). */
export function staffOf(tenant: Tenant): { actor: Actor; ip: string }[] {
  const net = tenant === 'acme' ? 1 : 2;
  return STAFF[tenant].map(([first, name, role], index) => ({
    actor: { id: `${tenant}-${first}`, type: 'user', name, email: `${first}@${tenant}.test`, role },
    ip: index === 2 ? `2001:db8:${net}::${index + 1}` : `10.${net}.0.${index + 10}`,
  }));
}
