import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { detectSecuritySignals } from './detectSecuritySignals.ts';
import { plusMinutes, recordAll, user } from './test/recordAll.ts';

const testDb = await createTestDb('bulk_delete');
const RANGE = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
const T0 = '2026-11-02T10:05:00Z';

/** `count` deletes by `who`, `gapSeconds` apart, from `T0 + startMinute`. */
function deletes(
  who: string,
  options: { count: number; gapSeconds: number; startMinute?: number },
) {
  return Array.from(
    { length: options.count },
    (_, i): ActivityEventInput => ({
      action: 'customer.deleted',
      actor: user(who, { name: who.replace('u-', '').toUpperCase() }),
      subject: { type: 'customer', id: `${who}-${i}` },
      occurredAt: plusMinutes(T0, (options.startMinute ?? 0) + (i * options.gapSeconds) / 60),
    }),
  );
}

async function bulkSignals(inputs: ActivityEventInput[]) {
  const { store, events } = await createTestStore(testDb);
  const recorded = await recordAll(store, inputs);
  const signals = await detectSecuritySignals(events(), {
    match: { tenantId: 'acme' },
    range: RANGE,
    types: ['bulk_delete'],
  });
  return { signals, recorded };
}

describe('bulk deletes', () => {
  it('flags 20 deletes by one actor within 10 minutes as high', async () => {
    const { signals, recorded } = await bulkSignals(
      deletes('u-alice', { count: 20, gapSeconds: 30 }),
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      type: 'bulk_delete',
      severity: 'high',
      key: 'u-alice',
      count: 20,
      window: { from: new Date(T0), to: plusMinutes(T0, 9.5) },
      eventIds: recorded.map((event) => event.id),
      description:
        'ALICE: 20 deletions between 2026-11-02 10:05 and 10:14 (20 or more within 10 minutes)',
    });
  });

  it('does not flag 19 deletes, 20 spread over 11 minutes, or two actors’ deletes together', async () => {
    const { signals } = await bulkSignals([
      ...deletes('u-bob', { count: 19, gapSeconds: 10 }),
      ...deletes('u-carol', { count: 20, gapSeconds: 36, startMinute: 60 }), // 11.4 minutes
      ...deletes('u-dave', { count: 10, gapSeconds: 5, startMinute: 120 }),
      ...deletes('u-erin', { count: 10, gapSeconds: 5, startMinute: 120 }),
      // 20 deletes in a minute, but a day before the range
      ...deletes('u-fay', { count: 20, gapSeconds: 3, startMinute: -24 * 60 }),
    ]);
    expect(signals).toEqual([]);
  });

  it('flags every bulk delete of the activity log, one signal per operation', async () => {
    const admin = user('u-admin', { name: 'Ada' });
    const ids = (n: number, from: number) =>
      Array.from(
        { length: n },
        (_, i) => `01KAAAAAAAAAAAAAAAAAAAA${String(from + i).padStart(3, '0')}`,
      );
    const record = (at: Date, metadata: Record<string, unknown>): ActivityEventInput => ({
      action: 'activity.bulk_deleted',
      kind: 'delete',
      category: 'system',
      actor: admin,
      subject: { type: 'activity_log', id: 'acme' },
      metadata,
      occurredAt: at,
    });
    const { signals, recorded } = await bulkSignals([
      // One operation of 7 entries, recorded in two chunks a second apart…
      record(new Date(T0), { ids: ids(4, 0), total: 7, part: { from: 1, to: 4 } }),
      record(plusMinutes(T0, 1 / 60), { ids: ids(3, 4), total: 7, part: { from: 5, to: 7 } }),
      // …and another of 2, an hour later.
      record(plusMinutes(T0, 60), { ids: ids(2, 10), total: 2 }),
      // 19 ordinary deletes: below the threshold even with the log deletes (kind delete) nearby.
      ...deletes('u-admin', { count: 19, gapSeconds: 5 }),
    ]);
    expect(signals.map((s) => [s.key, s.count, s.eventIds.length, s.severity])).toEqual([
      ['u-admin', 2, 1, 'high'],
      ['u-admin', 7, 2, 'high'],
    ]);
    expect(signals[1]?.eventIds).toEqual([recorded[0]?.id, recorded[1]?.id]);
    expect(signals[1]?.description).toBe(
      'Ada bulk-deleted 7 activity log entries at 2026-11-02 10:05',
    );
  });
});
