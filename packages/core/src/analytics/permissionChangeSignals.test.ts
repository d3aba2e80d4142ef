import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { findFilters, monitored } from '../test/monitored.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import { plusMinutes, recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('permissions');
const RANGE = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
const T0 = '2026-11-02T10:00:00Z';

describe('role and permission changes', () => {
  it('flags role and permission changes per actor, high when someone becomes an admin', async () => {
    const { store, events } = await createTestStore(testDb);
    const change = (
      who: string,
      minute: number,
      rest: Pick<ActivityEventInput, 'action' | 'changes'>,
    ): ActivityEventInput => ({
      actor: user(who, { name: who.replace('u-', '').toUpperCase() }),
      subject: { type: 'user', id: `${who}-target`, label: 'Bob Jones' },
      occurredAt: plusMinutes(T0, minute),
      ...rest,
    });
    const recorded = await recordAll(store, [
      change('u-alice', 0, {
        action: 'user.role_changed',
        changes: [{ path: 'role', before: 'staff', after: 'admin' }],
      }),
      change('u-alice', 5, {
        action: 'user.updated',
        changes: [{ path: 'roles', before: [], after: ['editor'] }],
      }),
      change('u-bob', 1, {
        action: 'user.updated',
        changes: [{ path: 'permissions.canDelete', before: false, after: true }],
      }),
      change('u-carol', 2, {
        action: 'user.updated',
        changes: [{ path: 'isAdmin', before: false, after: true }],
      }),
      change('u-frank', 3, {
        action: 'user.updated',
        changes: [{ path: 'is_admin', before: true, after: false }],
      }),
      // Not permission changes:
      change('u-erin', 4, { action: 'customer.enrolled' }),
      change('u-erin', 5, {
        action: 'user.updated',
        changes: [{ path: 'payroll', before: 1, after: 2 }],
      }),
      change('u-erin', 6, {
        action: 'user.updated',
        changes: [{ path: 'adminNote', before: 'a', after: 'admin' }],
      }),
      change('u-erin', 7, { action: 'controller.changed' }),
      // In the range but another tenant; and one of ours the day before.
      { ...change('u-gina', 8, { action: 'user.role_changed' }), tenantId: 'beta' },
      change('u-hank', -24 * 60, { action: 'user.role_changed' }),
    ]);
    const signals = await detectSecuritySignals(events(), {
      match: { tenantId: 'acme' },
      range: RANGE,
      types: ['permission_change'],
    });
    expect(signals.map((s) => [s.key, s.severity, s.count])).toEqual([
      ['u-alice', 'high', 2],
      ['u-carol', 'high', 1],
      ['u-frank', 'medium', 1],
      ['u-bob', 'medium', 1],
    ]);
    expect(signals[0]).toMatchObject({
      window: { from: new Date(T0), to: plusMinutes(T0, 5) },
      eventIds: [recorded[0]?.id, recorded[1]?.id],
      description:
        'ALICE: 2 role or permission changes between 2026-11-02 10:00 and 10:05: ' +
        'user Bob Jones (role: staff → admin); user Bob Jones (roles: — → editor)',
    });
  });

  it('reads a month of changes at once, and by day a day whose changes lack their month', async () => {
    const client = await MongoClient.connect(testDb.uri, { monitorCommands: true });
    afterAll(() => client.close());
    const { store, events } = await createTestStore(testDb, { client });
    const promote = (who: string, at: string): ActivityEventInput => ({
      action: 'user.role_changed',
      actor: user(who),
      subject: { type: 'user', id: 'u-target' },
      changes: [{ path: 'role', before: 'staff', after: 'admin' }],
      occurredAt: new Date(at),
    });
    await recordAll(store, [
      promote('u-ann', '2026-11-03T09:00:00Z'),
      promote('u-ann', '2026-11-10T09:00:00Z'),
      promote('u-bea', '2026-11-12T23:30:00Z'),
      // Other events of those days, not changes.
      {
        action: 'order.created',
        actor: user('u-ann'),
        occurredAt: new Date('2026-11-03T10:00:00Z'),
      },
    ]);
    const range = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-16T00:00:00Z') };
    const read = async () => {
      const [signals, commands] = await monitored(client, () =>
        store.securitySignals(range, { tenants: ['acme'] }, { types: ['permission_change'] }),
      );
      const expected = await detectSecuritySignals(events(), {
        match: { tenantId: 'acme' },
        range,
        types: ['permission_change'],
      });
      expect(signals).toEqual(expected);
      expect(signals.map((signal) => [signal.key, signal.count])).toEqual([
        ['u-bea', 1],
        ['u-ann', 2],
      ]);
      return findFilters(commands, events().collectionName).map((filter) => filter.marks);
    };
    expect(await read()).toEqual(['permission_change@2026-11']);

    // As an earlier version stored it: no monthly mark on the event, none in its day's counters.
    const old = await events().findOneAndUpdate(
      { day: '2026-11-03', marks: 'permission_change' },
      { $pull: { marks: 'permission_change@2026-11' } },
    );
    expect(old).not.toBeNull();
    const rollups = testDb.db.collection(`${events().collectionName}_rollups`);
    await rollups.updateOne(
      { type: 'day', day: '2026-11-03' },
      { $inc: { 'm.permission_change@2026-11': -1 } },
    );
    // Each day with changes is read on its own: the month read would miss the 3rd's.
    expect(await read()).toEqual(['signal', 'signal', 'signal']);
  });
});
