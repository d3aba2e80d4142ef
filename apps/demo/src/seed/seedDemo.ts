import type { ActivityStore } from '@activitykit/core';
import type { ActivityEventInput } from '@activitykit/schema';
import type { Db } from 'mongodb';
import { hashPassword } from '../server/auth/password.ts';
import { ACCOUNTS, DEMO_CUSTOMER_ID, DEMO_PASSWORD } from '../server/domain/accounts.ts';
import { collections, ensureDomainIndexes, type UserDoc } from '../server/domain/model.ts';
import { TENANTS } from '../server/domain/tenants.ts';
import { closeStaleBookings } from './bookingActions.ts';
import { createRandom } from './random.ts';
import { tenantHistory } from './tenantHistory.ts';
import { createTenantState, type TenantState } from './tenantState.ts';
import { businessTimestamps } from './timestamps.ts';

/** Options of {@link seedDemo}. */
export interface SeedDemoOptions {
  /** The demo's database (empty). */
  db: Db;
  /** The activity store the history is written through (`store.record` with `occurredAt`). */
  store: ActivityStore;
  /** How many events to write. Defaults to `30_000` ({@link DEFAULT_SEED_EVENTS}). */
  events?: number;
  /** How many days of history, ending now. Defaults to `90`. */
  days?: number;
  /** The end of the history. Defaults to now. */
  now?: Date;
  /** Seed of the random history. Defaults to `2026`. */
  seed?: number;
  /** Called as events are stored. Defaults to nothing. */
  onProgress?: (written: number, total: number) => void;
}

/** What {@link seedDemo} wrote. */
export interface SeedSummary {
  events: number;
  records: number;
  ms: number;
}

/**
 * How many events the demo seeds when not told, on every server: a few months of history for both
 * businesses, enough for the analytics and the security signals to look alive.
 */
export const DEFAULT_SEED_EVENTS = 30_000;

/** The share of the history each business gets. */
const SHARES: Record<string, number> = { harbor: 0.55, summit: 0.45 };
const FLUSH_EVERY = 2_000;
const INSERT_CHUNK = 1_000;

/**
 * Fills an empty demo database: the users, then months of history for both businesses written
 * through the real writer, then the records that history left behind (customers, orders, bookings,
 * sales, waivers).
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedSummary> {
  const started = performance.now();
  const total = options.events ?? DEFAULT_SEED_EVENTS;
  const now = (options.now ?? new Date()).getTime();
  const random = createRandom(options.seed ?? 2026);
  const db = collections(options.db);
  await ensureDomainIndexes(db);
  await db.users.insertMany(await Promise.all(ACCOUNTS.map(userFromAccount)));

  let written = 0;
  const states: TenantState[] = [];
  for (const tenant of TENANTS) {
    const quota =
      tenant === TENANTS.at(-1) ? total - written : Math.round(total * (SHARES[tenant.id] ?? 0.5));
    const state = createTenantState(random, { tenant, accounts: ACCOUNTS });
    states.push(state);
    const timestamps = businessTimestamps(random, {
      count: quota,
      days: options.days ?? 90,
      now,
      timeZone: tenant.timeZone,
    });
    let mine = 0;
    for (const event of tenantHistory(random, { state, timestamps })) {
      if (mine >= quota) break;
      options.store.record(clampTime(event, now));
      mine += 1;
      written += 1;
      if (written % FLUSH_EVERY === 0) {
        await options.store.flush();
        options.onProgress?.(written, total);
      }
    }
    for (const event of closeStaleBookings(state, now)) {
      options.store.record(event);
      written += 1;
    }
  }
  await options.store.flush();
  options.onProgress?.(written, total);

  let records = 0;
  for (const state of states) {
    records += await insertAll(db.customers, [...state.customers.values()]);
    records += await insertAll(db.orders, [...state.orders.values()]);
    records += await insertAll(db.bookings, [...state.bookings.values()]);
    records += await insertAll(db.sales, state.sales);
    records += await insertAll(db.waivers, state.waivers);
  }
  const ms = Math.round(performance.now() - started);
  await db.meta.replaceOne(
    { _id: 'seed' },
    { events: written, records, ms, finishedAt: new Date() },
    { upsert: true },
  );
  return { events: written, records, ms };
}

/** Whether the demo database was seeded already. */
export async function isSeeded(db: Db): Promise<boolean> {
  return (await collections(db).meta.countDocuments({ _id: 'seed' })) > 0;
}

async function userFromAccount(account: (typeof ACCOUNTS)[number]): Promise<UserDoc> {
  return {
    _id: account.id,
    tenantId: account.tenantId,
    email: account.email,
    name: account.name,
    role: account.role,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    otp: account.otp === true,
    ...(account.location && { location: account.location }),
    ...(account.role === 'customer' && { customerId: DEMO_CUSTOMER_ID }),
  };
}

function clampTime(event: ActivityEventInput, now: number): ActivityEventInput {
  const at = event.occurredAt instanceof Date ? event.occurredAt.getTime() : now;
  return at <= now ? event : { ...event, occurredAt: new Date(now - 1000) };
}

async function insertAll<T extends { _id: string }>(
  collection: { insertMany(docs: T[], options: { ordered: boolean }): Promise<unknown> },
  docs: T[],
): Promise<number> {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    await collection.insertMany(docs.slice(i, i + INSERT_CHUNK), { ordered: false });
  }
  return docs.length;
}
