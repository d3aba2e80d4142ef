import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import type { SecuritySignalOptions } from './securitySignal.ts';
import { plusMinutes, recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('signals');
/** Monday 2 to Monday 9 November 2026 in Moscow (UTC+3). */
const RANGE = { from: new Date('2026-11-01T21:00:00Z'), to: new Date('2026-11-08T21:00:00Z') };
const TIME_ZONE = 'Europe/Moscow';
const STAFF = ['u-alice', 'u-bob', 'u-cara'].map((id) => user(id, { role: 'staff' }));

/** Moscow wall time on a November 2026 day, as an instant. */
const msk = (day: number, time: string) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00+03:00`);

/** A normal week: logins from usual IPs in office hours, a typo at login, a few deletes, a nightly job. */
function ordinaryWeek(): ActivityEventInput[] {
  const inputs: ActivityEventInput[] = [];
  STAFF.forEach((actor, i) => {
    const ip = `10.0.0.${i + 1}`;
    inputs.push({ action: 'auth.login', actor, context: { ip }, occurredAt: msk(26, '09:30') });
    for (const day of [2, 3, 4, 5, 6]) {
      const start = msk(day, '09:15');
      inputs.push({ action: 'auth.login', actor, context: { ip }, occurredAt: start });
      for (let k = 0; k < 6; k++) {
        inputs.push({
          action: k === 5 ? 'customer.deleted' : 'customer.updated',
          actor,
          context: { ip },
          subject: { type: 'customer', id: `${day}-${k}` },
          occurredAt: plusMinutes(start, 30 + k * 45),
        });
      }
      inputs.push({ action: 'auth.logout', actor, context: { ip }, occurredAt: msk(day, '17:45') });
    }
  });
  for (let k = 0; k < 2; k++) {
    inputs.push({
      action: 'auth.login_failed',
      outcome: 'failure',
      actor: STAFF[0],
      context: { ip: '10.0.0.1' },
      occurredAt: msk(3, `09:1${k}`),
    });
  }
  for (const day of [2, 3, 4, 5, 6, 7, 8]) {
    inputs.push({
      action: 'report.generated',
      actor: { id: 'system', type: 'system', name: 'System' },
      occurredAt: msk(day, '03:00'),
    });
  }
  return inputs;
}

async function signalsOf(
  inputs: ActivityEventInput[],
  options: Partial<SecuritySignalOptions> = {},
) {
  const { store, events } = await createTestStore(testDb);
  await recordAll(store, inputs);
  const detect = (more: Partial<SecuritySignalOptions> = {}) =>
    detectSecuritySignals(events(), {
      match: { tenantId: 'acme' },
      range: RANGE,
      timeZone: TIME_ZONE,
      ...options,
      ...more,
    });
  return { signals: await detect(), detect };
}

describe('detectSecuritySignals', () => {
  it('finds nothing in an ordinary week', async () => {
    const { signals, detect } = await signalsOf(ordinaryWeek());
    expect(signals).toEqual([]);
    // …though it is close: stricter settings do find the typo and the early starts.
    const strict = await detect({
      failedLogins: { threshold: 2, windowMinutes: 5 },
      businessHours: { start: 10 },
    });
    expect(strict.map((s) => [s.type, s.key, s.count])).toEqual([
      ['failed_login_burst_ip', '10.0.0.1', 2],
      ['failed_login_burst_user', 'u-alice', 2],
      // the 09:15 login and the 09:45 update each weekday, and alice's two failed logins
      ['off_hours_activity', 'u-alice', 12],
      ['off_hours_activity', 'u-bob', 10],
      ['off_hours_activity', 'u-cara', 10],
    ]);
  });

  it('finds each kind of trouble added to that week, most severe first, newest first', async () => {
    const mallory = user('u-mallory', { name: 'Mallory', role: 'staff' });
    const [alice] = STAFF;
    const trouble: ActivityEventInput[] = [
      {
        action: 'auth.login',
        actor: mallory,
        context: { ip: '10.0.0.9' },
        occurredAt: new Date('2026-10-20T10:00:00+03:00'),
      },
      // Tuesday 02:00: a new IP and off-hours work
      {
        action: 'auth.login',
        actor: mallory,
        context: { ip: '198.51.100.7' },
        occurredAt: msk(3, '02:00'),
      },
      {
        action: 'user.role_changed',
        actor: mallory,
        subject: { type: 'user', id: 'u-mallory', label: 'Mallory' },
        changes: [{ path: 'role', before: 'staff', after: 'admin' }],
        occurredAt: msk(3, '02:05'),
      },
      // Wednesday 11:00: 25 deletes in 5 minutes
      ...Array.from({ length: 25 }, (_, k) => ({
        action: 'order.deleted',
        actor: alice,
        subject: { type: 'order', id: String(k) },
        occurredAt: plusMinutes(msk(4, '11:00'), k / 5),
      })),
      // Thursday 12:00: 6 failed logins against cara from one IP
      ...Array.from({ length: 6 }, (_, k) => ({
        action: 'auth.login_failed',
        outcome: 'failure' as const,
        actor: STAFF[2],
        context: { ip: '203.0.113.5' },
        occurredAt: plusMinutes(msk(5, '12:00'), k),
      })),
    ];
    const { signals } = await signalsOf([...ordinaryWeek(), ...trouble]);
    expect(signals.map((s) => [s.severity, s.type, s.key])).toEqual([
      ['high', 'bulk_delete', 'u-alice'], // Wednesday
      ['high', 'permission_change', 'u-mallory'], // Tuesday: staff → admin
      ['medium', 'failed_login_burst_ip', '203.0.113.5'], // Thursday; same time: by id
      ['medium', 'failed_login_burst_user', 'u-cara'],
      ['medium', 'new_ip_login', 'u-mallory'], // Tuesday
      ['low', 'off_hours_activity', 'u-mallory'],
    ]);
    expect(signals.find((s) => s.type === 'off_hours_activity')?.count).toBe(2);
  });

  it('checks options and says what is wrong', async () => {
    const { events } = await createTestStore(testDb);
    const call = (extra: object) =>
      detectSecuritySignals(events(), { match: {}, range: RANGE, ...extra });
    await expect(call({ failedLogins: { threshold: 1 } })).rejects.toThrow(
      /failedLogins.threshold` must be a whole number from 2/,
    );
    await expect(call({ businessHours: { start: 9, end: 9 } })).rejects.toBeInstanceOf(
      ActivityError,
    );
    await expect(call({ types: ['ufo_sighting'] })).rejects.toThrow(
      /Unknown signal type "ufo_sighting"/,
    );
    await expect(call({ timeZone: 'Mars/Base' })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    await expect(call({ limitEvents: 0 })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
  });
});
