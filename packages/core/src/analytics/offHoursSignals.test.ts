import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import type { SecuritySignalOptions } from './securitySignal.ts';
import { recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('off_hours');
const { store, events } = await createTestStore(testDb);
/** Monday 2 November 2026 to Monday 9 November, Moscow time (UTC+3). */
const RANGE = { from: new Date('2026-11-01T21:00:00Z'), to: new Date('2026-11-08T21:00:00Z') };

const act = (
  actor: ActivityEventInput['actor'],
  at: string,
  action = 'customer.updated',
): ActivityEventInput => ({
  action,
  actor,
  occurredAt: new Date(at),
  subject: { type: 'customer', id: '42' },
});

let recorded: ActivityEvent[] = [];
beforeAll(async () => {
  const alice = user('u-alice', { name: 'Alice Smith' });
  const bob = user('u-bob');
  recorded = await recordAll(store, [
    act(alice, '2026-11-02T07:00:00Z'), // Mon 10:00 MSK: inside
    act(alice, '2026-11-02T05:59:00Z'), // Mon 08:59 MSK: before opening
    act(alice, '2026-11-02T15:00:00Z'), // Mon 18:00 MSK: closed
    act(alice, '2026-11-07T09:00:00Z'), // Sat 12:00 MSK: weekend
    act(bob, '2026-11-02T06:00:00Z'), // Mon 09:00 MSK: opening minute
    act(bob, '2026-11-06T14:59:59Z'), // Fri 17:59 MSK: last minute
    act({ id: 'system', type: 'system', name: 'System' }, '2026-11-03T00:00:00Z'), // 03:00 MSK
    act({ id: 'k-sync', type: 'api_key', name: 'Sync' }, '2026-11-03T00:00:00Z'),
    act(user('u-carol'), '2026-11-03T20:00:00Z', 'customer.deleted'), // Tue 23:00 MSK
    act(user('u-dave'), '2026-11-04T07:00:00Z'), // Wed 10:00 MSK, 07:00 UTC
  ]);
});

async function offHours(options: Partial<SecuritySignalOptions> = {}) {
  return detectSecuritySignals(events(), {
    match: { tenantId: 'acme' },
    range: RANGE,
    timeZone: 'Europe/Moscow',
    types: ['off_hours_activity'],
    ...options,
  });
}

describe('activity outside business hours', () => {
  it('groups each person’s events outside 9–18 Mon–Fri in the zone, and nothing inside', async () => {
    const signals = await offHours();
    expect(signals.map((s) => [s.key, s.severity, s.count])).toEqual([
      ['u-carol', 'medium', 1], // a delete at night
      ['u-alice', 'low', 3],
    ]);
    const alice = signals.find((s) => s.key === 'u-alice');
    expect(alice).toMatchObject({
      window: { from: new Date('2026-11-02T05:59:00Z'), to: new Date('2026-11-07T09:00:00Z') },
      eventIds: [recorded[1]?.id, recorded[2]?.id, recorded[3]?.id],
      description:
        'Alice Smith: 3 actions outside business hours (Mon–Fri 09:00–18:00) between ' +
        '2026-11-02 08:59 and 2026-11-07 12:00',
    });
  });

  it('reads the hours on the clocks of the time zone', async () => {
    const utc = await offHours({ timeZone: 'UTC' });
    // 07:00 UTC is before opening in UTC, and 10:00 in Moscow.
    expect(utc.find((s) => s.key === 'u-dave')?.count).toBe(1);
    expect((await offHours()).find((s) => s.key === 'u-dave')).toBeUndefined();
  });

  it('follows custom business hours, night shifts included', async () => {
    expect(
      await offHours({ businessHours: { start: 0, end: 24, days: [0, 1, 2, 3, 4, 5, 6] } }),
    ).toEqual([]);
    // A night shift 18:00–09:00 on any day: only the daytime events are outside it.
    const night = await offHours({
      businessHours: { start: 18, end: 9, days: [0, 1, 2, 3, 4, 5, 6] },
    });
    expect(night.map((s) => [s.key, s.count]).sort()).toEqual([
      ['u-alice', 2],
      ['u-bob', 2],
      ['u-dave', 1],
    ]);
  });

  it('describes in Russian when asked', async () => {
    const [carol] = await offHours({ locale: 'ru' });
    expect(carol?.description).toBe(
      'u-carol: 1 действие вне рабочего времени (пн–пт 09:00–18:00) в 2026-11-03 23:00',
    );
  });
});
