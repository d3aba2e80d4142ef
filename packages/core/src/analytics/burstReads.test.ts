import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFilters, monitored } from '../test/monitored.ts';
import { createTestStore, recordByTwoWriters } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import { recordAll, user } from './test/recordAll.ts';

/*
 * Burst rules (failed logins, deletes) read only the hours whose counters make a burst possible.
 * Bursts that cross an hour or a day, long runs at the threshold's edge, and rules with windows
 * longer than an hour must come out as reading every candidate finds them.
 */

const testDb = await createTestDb('burst-reads');
const client = await MongoClient.connect(testDb.uri, { monitorCommands: true });
afterAll(() => client.close());
const { store, events, journalDir } = await createTestStore(testDb, { client });
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

/** `count` failed logins, `everyMinutes` apart from `start`, each from its own address and account. */
function spray({ start, count, everyMinutes }: Run) {
  return Array.from(
    { length: count },
    (_, i): ActivityEventInput => ({
      action: 'auth.login',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      context: { ip: `192.0.2.${i + 1}` },
      metadata: { identifier: `user${i}@acme.test` },
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
    // Many addresses and accounts, one attempt each: 30 in 10 minutes, a burst of none of them.
    ...spray({ start: '2026-11-05T14:00:00Z', count: 30, everyMinutes: 1 / 3 }),
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

  it('read no hour where only many accounts’ and addresses’ failed logins add up', async () => {
    const failedLogins = { threshold: 20, windowMinutes: 10 };
    const options = {
      types: ['failed_login_burst_ip' as const, 'failed_login_burst_user' as const],
      failedLogins,
    };
    const read = async () => {
      const [signals, commands] = await monitored(client, () =>
        store.securitySignals(RANGE, { tenants: ['acme'] }, options),
      );
      const everything = await detectSecuritySignals(events(), {
        ...options,
        match: { tenantId: 'acme' },
        range: RANGE,
      });
      expect(signals).toEqual(everything);
      expect(signals).toEqual([]);
      return findFilters(commands, events().collectionName).map((filter) => filter.day);
    };
    expect(await read()).toEqual([]);

    // Counts of an earlier shape (failed logins per hour only) stand for every account and address.
    const rollups = testDb.db.collection(`${events().collectionName}_rollups`);
    await rollups.updateMany(
      { type: 'signals', day: '2026-11-05' },
      { $unset: { fa: '', fi: '' }, $set: { v: 2 } },
    );
    expect(await read()).toEqual(['2026-11-05']);
  });

  it('find a burst counted partly by a writer of the earlier shape, partly by one of the current', async () => {
    const burst = failures('203.0.113.77', {
      start: '2026-11-04T08:00:00Z',
      count: 20,
      everyMinutes: 0.25,
    });
    const [older, newer] = [burst.slice(0, 10), burst.slice(10)];
    await recordAll(store, older);
    const rollups = testDb.db.collection(`${events().collectionName}_rollups`);
    const downgraded = await rollups.updateMany(
      { type: 'signals', day: '2026-11-04' },
      { $unset: { fa: '', fi: '' }, $set: { v: 2 } },
    );
    expect(downgraded.modifiedCount).toBe(1);
    const target = { store, collection: events().collectionName, journalDir };
    await recordByTwoWriters(testDb, target, [
      [],
      newer.map((input) => ({ tenantId: 'acme', ...input })),
    ]);
    await compare({ threshold: 20, windowMinutes: 10 });
    const signals = await store.securitySignals(
      RANGE,
      { tenants: ['acme'] },
      {
        types: ['failed_login_burst_ip'],
        failedLogins: { threshold: 20, windowMinutes: 10 },
      },
    );
    expect(signals.map((signal) => [signal.key, signal.count])).toEqual([['203.0.113.77', 20]]);
  });

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
