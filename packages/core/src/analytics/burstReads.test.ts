import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import { user } from './test/recordAll.ts';

/*
 * Burst rules (failed logins, deletes) read only the hours whose counters make a burst possible.
 * Bursts that cross an hour or a day, long runs at the threshold's edge, and rules with windows
 * longer than an hour must come out as reading every candidate finds them.
 */

const testDb = await createTestDb('burst-reads');
const { store, events } = await createTestStore(testDb);
const RANGE = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-06T00:00:00Z') };
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

/** `count` events, `everyMinutes` apart from `start`. */
interface Run {
  start: string;
  count: number;
  everyMinutes: number;
}

function deletes(actorId: string, { start, count, everyMinutes }: Run) {
  return Array.from(
    { length: count },
    (_, i): ActivityEventInput => ({
      action: 'order.deleted',
      actor: user(actorId),
      subject: { type: 'order', id: `${actorId}-${start}-${i}` },
      occurredAt: at(start, i * everyMinutes),
    }),
  );
}

function failures(ip: string, { start, count, everyMinutes }: Run) {
  return Array.from(
    { length: count },
    (_, i): ActivityEventInput => ({
      action: i % 2 ? 'auth.login_failed' : 'auth.login',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      context: { ip },
      metadata: { identifier: `guess${i % 3}@acme.test` },
      occurredAt: at(start, i * everyMinutes),
    }),
  );
}

beforeAll(async () => {
  const inputs = [
    // 20 deletes in 9.5 minutes across 11:00.
    ...deletes('u-ann', { start: '2026-11-02T10:55:00Z', count: 20, everyMinutes: 0.5 }),
    // 19: one short of a burst.
    ...deletes('u-ben', { start: '2026-11-02T14:00:00Z', count: 19, everyMinutes: 0.4 }),
    // A long run: 2 a minute for two and a half hours (a burst for a 10-minute rule only).
    ...deletes('u-cara', { start: '2026-11-03T07:40:00Z', count: 300, everyMinutes: 0.5 }),
    // Sparse: one every 4 minutes for 6 hours (a burst for rules of 80 minutes and more).
    ...deletes('u-dan', { start: '2026-11-04T20:10:00Z', count: 90, everyMinutes: 4 }),
    // Failed logins across midnight, and a slow guesser.
    ...failures('203.0.113.5', { start: '2026-11-03T23:52:00Z', count: 12, everyMinutes: 1.5 }),
    ...failures('198.51.100.9', { start: '2026-11-02T03:00:00Z', count: 30, everyMinutes: 7 }),
  ];
  for (const input of inputs) store.record({ tenantId: 'acme', ...input });
  await store.flush();
});

const RULES = [
  { threshold: 20, windowMinutes: 10 },
  { threshold: 20, windowMinutes: 60 },
  { threshold: 20, windowMinutes: 90 },
  { threshold: 5, windowMinutes: 15 },
  { threshold: 8, windowMinutes: 61 },
];

/** The store's signals of the burst rules are those of reading every candidate event. */
async function compare(rule: { threshold: number; windowMinutes: number }) {
  const types = ['bulk_delete', 'failed_login_burst_ip', 'failed_login_burst_user'] as const;
  const options = { types: [...types], bulkDelete: rule, failedLogins: rule, limitEvents: 500 };
  const read = await store.securitySignals(RANGE, { tenants: ['acme'] }, options);
  const everything = await detectSecuritySignals(events(), {
    ...options,
    match: { tenantId: 'acme' },
    range: RANGE,
  });
  expect(read).toEqual(everything);
  expect(read.length).toBeGreaterThan(0);
}

describe('burst rules read by hour', () => {
  it.each(RULES)(
    'find what reading every candidate finds, for $threshold within $windowMinutes minutes',
    compare,
  );

  it('find failed logins stored before they were marked, on days of the first counter shape', async () => {
    // As an earlier version stored them: no mark on the events, no shape on the counters.
    const unmarked = await events().updateMany(
      { day: '2026-11-02', marks: 'failed_login' },
      { $unset: { marks: '' } },
    );
    expect(unmarked.modifiedCount).toBeGreaterThan(0);
    const rollups = testDb.db.collection(`${events().collectionName}_rollups`);
    await rollups.updateMany({ type: 'day', day: '2026-11-02' }, { $unset: { v: '', m: '' } });
    await rollups.deleteMany({ type: 'signals', day: '2026-11-02' });
    for (const rule of RULES) await compare(rule);
  });
});
