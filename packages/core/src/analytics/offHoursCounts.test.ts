import type { ActivityEventInput, BusinessHours, EventKind } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, recordByTwoWriters } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';

/*
 * For whole tenants the off-hours signal counts people's events from the day's signal counts and reads
 * only each actor's first and last hours; reading every event of the range must give the same
 * signals, for any range (its first and last hours cut anywhere), zone and business hours, with two
 * writers, after deletes, and over counter documents of the first shape (without `uq`).
 */

const testDb = await createTestDb('off-hours-counts');
const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);
const DAY = 86_400_000;
const { store, events, journalDir } = await createTestStore(testDb, {
  bulkDelete: { enabled: true },
  clock: () => new Date(NOW),
});

const actors = [
  { id: 'u-ann', type: 'user', name: 'Ann Lee' },
  { id: 'u.dot~tilde', type: 'user', name: 'Dot Tilde' },
  { id: 'U-Caps', type: 'user', name: 'Caps' },
  { id: 'job', type: 'system', name: 'Nightly job' },
  { id: 'key-1', type: 'api_key', name: 'Key' },
] as const;
const actions: [string, EventKind][] = [
  ['customer.created', 'create'],
  ['customer.updated', 'update'],
  ['order.deleted', 'delete'],
  ['auth.login', 'login'],
];

function history(count: number, seed: number): ActivityEventInput[] {
  return Array.from({ length: count }, (_, n) => {
    const i = n * 37 + seed;
    const [action, kind] = actions[i % actions.length] as [string, EventKind];
    return {
      tenantId: i % 5 === 0 ? 'beta' : 'acme',
      // Spread over 20 days at every minute of the day.
      occurredAt: new Date(NOW - ((i * 4_919_000) % (20 * DAY))),
      action,
      kind,
      actor: actors[(i * 7) % actors.length] ?? actors[0],
      subject: { type: 'customer', id: String(i % 13) },
    };
  });
}

const WEEKDAYS: BusinessHours = { start: 9, end: 18, days: [1, 2, 3, 4, 5] };
interface Case {
  from: number;
  to: number;
  timeZone: string;
  hours: BusinessHours;
}
/** Ranges in days before NOW, cut at odd minutes. */
const cases: Case[] = [
  { from: 19.7, to: 0, timeZone: 'UTC', hours: WEEKDAYS },
  { from: 14.03, to: 2.51, timeZone: 'Asia/Kolkata', hours: WEEKDAYS },
  {
    from: 9.99,
    to: 0.2,
    timeZone: 'America/New_York',
    hours: { start: 8, end: 20, days: [1, 2, 3, 4, 5, 6] },
  },
  {
    from: 6.5,
    to: 6.49,
    timeZone: 'Asia/Kathmandu',
    hours: { start: 22, end: 6, days: [0, 1, 2, 3, 4, 5, 6] },
  },
  { from: 30, to: 0, timeZone: 'Europe/Moscow', hours: WEEKDAYS },
];

/** Compares the signals of `cases` (every tenant for the first one, acme for the others). */
async function compare(some: Case[]) {
  for (const [n, { from: fromDays, to: toDays, timeZone, hours }] of some.entries()) {
    const range = { from: new Date(NOW - fromDays * DAY), to: new Date(NOW - toDays * DAY) };
    for (const tenants of n === 0 ? ['*' as const, ['acme']] : [['acme']]) {
      const options = {
        timeZone,
        businessHours: hours,
        types: ['off_hours_activity' as const],
        limitEvents: 3,
      };
      const counted = await store.securitySignals(range, { tenants }, options);
      const read = await detectSecuritySignals(events(), {
        ...options,
        match: tenants === '*' ? {} : { tenantId: { $in: tenants } },
        range,
      });
      expect(counted, `${timeZone} ${fromDays}..${toDays} ${tenants}`).toEqual(read);
    }
  }
}

beforeAll(async () => {
  // Two writers (two stores, as two processes) record into the same collection.
  await recordByTwoWriters(testDb, { store, collection: events().collectionName, journalDir }, [
    history(300, 1),
    history(200, 2),
  ]);
});

describe('off-hours activity counted from the signal counts', () => {
  it('is what reading every event finds, for any range, zone and business hours', async () => {
    const signals = await store.securitySignals(
      { from: new Date(NOW - 20 * DAY), to: new Date(NOW) },
      { tenants: ['acme'] },
      { types: ['off_hours_activity'] },
    );
    // People only, each once, with the count of their events and a window.
    expect(signals.length).toBeGreaterThanOrEqual(2);
    for (const signal of signals) expect(['U-Caps', 'u-ann', 'u.dot~tilde']).toContain(signal.key);
    for (const signal of signals) expect(signal.count).toBeGreaterThan(10);
    await compare(cases);
  });

  it('still is after deletes', async () => {
    const some = await store.list({ actors: ['u-ann'], limit: 30 }, { tenants: '*' });
    await store.bulkDelete(
      { ids: some.items.map((event) => event.id) },
      { tenants: '*', canDelete: true },
      { actor: { id: 'u-admin', type: 'user' } },
    );
    await store.flush();
    await compare(cases.slice(0, 3));
  });

  it('reads the days whose counters are of the first shape, without signal counts', async () => {
    // As an earlier version left them: day counters without a shape, no signal counts.
    const rollups = testDb.db.collection(`${events().collectionName}_rollups`);
    const days = { $in: ['2026-11-20', '2026-11-28', '2026-12-01'] };
    const old = await rollups.updateMany(
      { type: 'day', day: days },
      { $unset: { v: '', li: '', m: '' } },
    );
    expect(old.modifiedCount).toBeGreaterThan(0);
    expect((await rollups.deleteMany({ type: 'signals', day: days })).deletedCount).toBeGreaterThan(
      0,
    );
    await compare(cases.slice(2));
  });
});
