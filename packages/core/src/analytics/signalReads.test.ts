import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitored } from '../test/monitored.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import { plusMinutes, recordAll, user } from './test/recordAll.ts';

// Through the store: the day counters choose the probes, and the driver's command monitoring
// shows every command one `store.securitySignals` call sends.
const testDb = await createTestDb('signal_reads');
const client = await MongoClient.connect(testDb.uri, { monitorCommands: true });
afterAll(() => client.close());
const { store, events } = await createTestStore(testDb, { client });

/** Monday 2 to Monday 9 November 2026 in Moscow (UTC+3): UTC days 1 to 8 November. */
const RANGE = { from: new Date('2026-11-01T21:00:00Z'), to: new Date('2026-11-08T21:00:00Z') };
const TIME_ZONE = 'Europe/Moscow';
const msk = (day: number, time: string) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00+03:00`);
const STAFF = ['u-alice', 'u-bob', 'u-cara'].map((id) => user(id, { role: 'staff' }));
const mallory = user('u-mallory', { name: 'Mallory' });

function week(): ActivityEventInput[] {
  const inputs: ActivityEventInput[] = [];
  STAFF.forEach((actor, i) => {
    const context = { ip: `10.0.0.${i + 1}` };
    inputs.push({
      action: 'auth.login',
      actor,
      context,
      occurredAt: new Date('2026-10-26T09:30:00+03:00'),
    });
    for (const day of [2, 3, 4, 5, 6]) {
      inputs.push({ action: 'auth.login', actor, context, occurredAt: msk(day, '09:15') });
      inputs.push({
        action: 'customer.deleted',
        actor,
        context,
        subject: { type: 'customer', id: `${day}-${i}` },
        occurredAt: msk(day, '11:00'),
      });
    }
  });
  inputs.push(
    {
      action: 'auth.login',
      actor: mallory,
      context: { ip: '10.0.0.9' },
      occurredAt: new Date('2026-10-20T10:00:00+03:00'),
    },
    // Tuesday 02:00: a new IP, off hours, and a role change
    {
      action: 'auth.login',
      actor: mallory,
      context: { ip: '198.51.100.7' },
      occurredAt: msk(3, '02:00'),
    },
    {
      action: 'user.updated',
      actor: mallory,
      subject: { type: 'user', id: 'u-mallory' },
      changes: [{ path: 'role', before: 'staff', after: 'admin' }],
      occurredAt: msk(3, '02:05'),
    },
  );
  for (let k = 0; k < 6; k++) {
    inputs.push({
      action: 'auth.login_failed',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      context: { ip: '203.0.113.5' },
      metadata: { identifier: `guess${k}@acme.test` },
      occurredAt: plusMinutes(msk(4, '10:00'), k),
    });
  }
  for (let k = 0; k < 22; k++) {
    inputs.push({
      action: 'order.deleted',
      actor: STAFF[1],
      subject: { type: 'order', id: `o${k}` },
      occurredAt: plusMinutes(msk(5, '15:00'), k / 5),
    });
  }
  for (let k = 0; k < 5; k++) {
    inputs.push({
      action: 'auth.login',
      outcome: 'failure',
      actor: STAFF[2],
      context: { ip: '10.0.0.3' },
      occurredAt: plusMinutes(msk(6, '14:00'), k),
    });
  }
  // Another tenant's trouble stays out of acme's signals.
  for (let k = 0; k < 25; k++) {
    inputs.push({
      tenantId: 'beta',
      action: 'order.deleted',
      actor: user('u-zed'),
      subject: { type: 'order', id: `b${k}` },
      occurredAt: plusMinutes(msk(5, '03:00'), k / 5),
    });
  }
  return inputs;
}

const EQUALITY_KEYS = [
  'tenantId',
  'day',
  'hour',
  '_id',
  'kind',
  'outcome',
  'action',
  'marks',
  'actorKeys',
];

beforeAll(async () => {
  await recordAll(store, week());
});

describe('the reads of store.securitySignals', () => {
  it('finds every kind of trouble, as reading every day of the range without counters does', async () => {
    const signals = await store.securitySignals(
      RANGE,
      { tenants: ['acme'] },
      { timeZone: TIME_ZONE },
    );
    expect(new Set(signals.map((signal) => signal.type))).toEqual(
      new Set([
        'failed_login_burst_user',
        'failed_login_burst_ip',
        'new_ip_login',
        'off_hours_activity',
        'bulk_delete',
        'permission_change',
      ]),
    );
    expect(signals.every((signal) => signal.tenantId !== 'beta')).toBe(true);
    const unplanned = await detectSecuritySignals(events(), {
      match: { tenantId: 'acme' },
      range: RANGE,
      timeZone: TIME_ZONE,
    });
    expect(signals).toEqual(unplanned);
  });

  it('sends a bounded number of commands, each with a top-level equality FerretDB looks up', async () => {
    const [signals, commands] = await monitored(client, () =>
      store.securitySignals(RANGE, { tenants: ['acme'] }, { timeZone: TIME_ZONE }),
    );
    expect(signals.length).toBeGreaterThan(0);
    const days = 8; // UTC 1 to 8 November
    expect(commands.length).toBeLessThanOrEqual(5 * days + 4);

    const reads = commands.filter((c) => ['find', 'aggregate'].includes(c.commandName));
    expect(reads.length).toBe(commands.length);
    const eventReads = reads.filter((c) => c.command[c.commandName] === events().collectionName);
    for (const { command } of eventReads) {
      expect(command.find, 'no aggregation').toBeDefined();
      const filter = command.filter as Record<string, unknown>;
      for (const [key, value] of Object.entries(filter)) {
        if (key === '$and') continue;
        expect(EQUALITY_KEYS, JSON.stringify(filter)).toContain(key);
        expect(typeof value, `${key} is an equality`).toBe('string');
      }
      expect(filter.tenantId).toBe('acme');
      // Earlier logins too: the first and last day of a look back, the rest from the counters;
      // permission changes, rare, by month; a new IP's first login by the id its day's counters keep.
      const monthly = String(filter.marks).startsWith('permission_change@');
      const bucket = 'day' in filter || 'hour' in filter || '_id' in filter;
      expect(bucket || monthly, JSON.stringify(filter)).toBe(true);
    }
    const permissionReads = eventReads
      .map(({ command }) => command.filter as Record<string, unknown>)
      .filter((filter) => String(filter.marks).startsWith('permission_change'));
    expect(permissionReads.map((filter) => filter.marks)).toEqual(['permission_change@2026-11']);
    // Deletes are read only in the hours whose counters make a burst possible (20 within 10
    // minutes): the 22 of 5 November, 15:00 in Moscow; not the 3 a day at 11:00.
    const deleteHours = eventReads
      .map(({ command }) => command.filter as Record<string, unknown>)
      .filter((filter) => filter.kind === 'delete')
      .map((filter) => filter.hour);
    expect(deleteHours).toEqual(['2026-11-05T12']);
  });

  it('marks permission changes at write time, and does not show the mark', async () => {
    const marked = await events().find({ marks: 'permission_change' }).toArray();
    expect(marked.map((doc) => doc.action)).toEqual(['user.updated']);
    const event = await store.get(marked[0]?._id as string, { tenants: ['acme'] });
    expect(event).not.toHaveProperty('marks');
  });
});
