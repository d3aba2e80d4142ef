import { describe, expect, it } from 'vitest';
import { newIpLoginSignals, offHoursActors, offHoursSignals } from './actorSignals.ts';
import { type SignalEvent, signalRules } from './signalRules.ts';

const DAY = 86_400_000;
let next = 0;
function login(at: string, ip: string, actorId = 'u-ann'): SignalEvent {
  next += 1;
  return {
    id: `e${String(next).padStart(3, '0')}`,
    tenantId: 'acme',
    occurredAt: new Date(at),
    action: 'auth.login',
    kind: 'login',
    outcome: 'success',
    actor: { id: actorId, type: 'user', name: 'Ann' },
    context: { ip },
  };
}

describe('newIpLoginSignals', () => {
  const rules = signalRules({ newIpLogin: { lookbackDays: 30 } });

  it('flags the first login from an IP the user never used within the look back', () => {
    const earlier = login('2026-11-01T10:00:00Z', '10.0.0.1');
    const first = login('2026-11-20T10:00:00Z', '203.0.113.9');
    const again = login('2026-11-21T10:00:00Z', '203.0.113.9');
    const [signal, ...rest] = newIpLoginSignals({
      logins: [first, again],
      history: [earlier, first, again],
      rules,
    });
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      type: 'new_ip_login',
      key: 'u-ann',
      tenantId: 'acme',
      count: 2,
      window: { from: first.occurredAt, to: first.occurredAt },
      eventIds: [first.id, again.id],
    });
    expect(signal?.description).toBe(
      'Ann logged in from a new IP address 203.0.113.9 at 2026-11-20 10:00 (2 logins from it in this period)',
    );
  });

  it('does not flag a first login ever, a known IP, or one whose earlier logins lie beyond the look back', () => {
    const first = login('2026-11-20T10:00:00Z', '203.0.113.9');
    expect(newIpLoginSignals({ logins: [first], history: [first], rules })).toEqual([]);
    const known = login('2026-11-10T10:00:00Z', '203.0.113.9');
    expect(newIpLoginSignals({ logins: [first], history: [known, first], rules })).toEqual([]);
    const long = login(new Date(first.occurredAt.getTime() - 31 * DAY).toISOString(), '10.0.0.1');
    expect(newIpLoginSignals({ logins: [first], history: [long, first], rules })).toEqual([]);
  });
});

describe('offHoursActors', () => {
  it("judges business hours on the zone's clocks, and counts a person's deletes", () => {
    const rules = signalRules({ timeZone: 'Europe/Moscow' });
    const range = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
    // Monday: 05:30 UTC is 08:30 in Moscow (outside), 07:00 UTC is 10:00 (inside).
    const early = { ...login('2026-11-02T05:30:00Z', '10.0.0.1'), kind: 'delete' };
    const inside = login('2026-11-02T07:00:00Z', '10.0.0.1');
    const job = {
      ...login('2026-11-02T05:45:00Z', '10.0.0.1'),
      actor: { id: 'cron', type: 'system' as const },
    };
    const actors = offHoursActors([early, job, inside], { range, rules });
    expect(actors).toEqual([
      { tenantId: 'acme', actorId: 'u-ann', count: 1, deletes: 1, first: [early], last: early },
    ]);
    expect(offHoursSignals(actors, rules)).toMatchObject([
      {
        type: 'off_hours_activity',
        severity: 'medium',
        description:
          'Ann: 1 action outside business hours (Mon–Fri 09:00–18:00) at 2026-11-02 08:30',
      },
    ]);
  });
});
