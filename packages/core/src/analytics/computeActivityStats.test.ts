import type { ActivityEvent, StatsBucket, WeekDay } from '@activitykit/schema';
import { startOfDayInZone } from '@activitykit/schema';
import { createTestDb, label, referenceStarts } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { computeActivityStats } from './computeActivityStats.ts';
import { recordAll } from './test/recordAll.ts';
import { referenceFigures, statsDataset } from './test/statsData.ts';

const testDb = await createTestDb('stats');
const { store, events } = await createTestStore(testDb);

let recorded: ActivityEvent[] = [];
beforeAll(async () => {
  recorded = await recordAll(store, statsDataset());
});

async function expectReferenceFigures(options: {
  range: { from: Date; to: Date };
  timeZone: string;
  bucket: StatsBucket;
  weekStartsOn?: WeekDay;
}) {
  const { range, timeZone, bucket, weekStartsOn } = options;
  const stats = await computeActivityStats(events(), {
    match: { tenantId: 'acme' },
    range,
    timeZone,
    bucket,
    weekStartsOn,
    topActions: 4,
    topActors: 3,
  });
  const expected = referenceFigures(recorded, range);
  const labelOf = (instant: number) => label(instant, { timeZone, bucket, weekStartsOn });
  const perLabel = new Map<string, number>();
  for (const event of expected.inRange) {
    const key = labelOf(event.occurredAt.getTime());
    perLabel.set(key, (perLabel.get(key) ?? 0) + 1);
  }
  const starts = referenceStarts(range, { timeZone, bucket, weekStartsOn });
  expect(stats.series.map((point) => point.start.getTime())).toEqual(starts);
  expect(stats.series.map((point) => [labelOf(point.start.getTime()), point.count])).toEqual(
    starts.map((start) => [labelOf(start), perLabel.get(labelOf(start)) ?? 0]),
  );
  expect(stats.total).toBe(expected.inRange.length);
  expect(stats.byKind).toEqual(expected.byKind);
  expect(stats.byCategory).toEqual(expected.byCategory);
  expect(stats.byOutcome).toEqual(expected.byOutcome);
  expect(stats.byAction).toEqual(expected.byAction.slice(0, 4));
  expect(stats.topActors).toEqual(expected.topActors.slice(0, 3));
  expect(stats.auth).toEqual(expected.auth);
  return stats;
}

const localDays = (timeZone: string, from: string, to: string) => ({
  from: startOfDayInZone(new Date(`${from}T12:00:00Z`), timeZone),
  to: startOfDayInZone(new Date(`${to}T12:00:00Z`), timeZone),
});

describe('computeActivityStats', () => {
  it('charts the 25-hour New York day of 2026-11-01 in 25 hourly buckets that match Intl', async () => {
    const range = localDays('America/New_York', '2026-11-01', '2026-11-02');
    const stats = await expectReferenceFigures({
      range,
      timeZone: 'America/New_York',
      bucket: 'hour',
    });
    expect(stats.series).toHaveLength(25);
    // 01:30 EDT and 01:30 EST land in two different "01:00" buckets.
    expect(stats.series[1]?.count).toBeGreaterThan(0);
    expect(stats.series[2]?.count).toBeGreaterThan(0);
  });

  it('counts New York days across the change of clocks, the 25-hour day included', async () => {
    const range = localDays('America/New_York', '2026-10-27', '2026-11-06');
    const stats = await expectReferenceFigures({
      range,
      timeZone: 'America/New_York',
      bucket: 'day',
    });
    expect(stats.series).toHaveLength(10);
    const lengths = stats.series.map(
      (point, i) =>
        ((stats.series[i + 1]?.start ?? range.to).getTime() - point.start.getTime()) / 3_600_000,
    );
    expect(lengths).toEqual([24, 24, 24, 24, 24, 25, 24, 24, 24, 24]);
  });

  it('counts Moscow days and hours on UTC+3 all year, the EU change of clocks included', async () => {
    const range = localDays('Europe/Moscow', '2026-10-24', '2026-11-04');
    await expectReferenceFigures({ range, timeZone: 'Europe/Moscow', bucket: 'day' });
    const stats = await expectReferenceFigures({
      range: localDays('Europe/Moscow', '2026-10-26', '2026-10-27'),
      timeZone: 'Europe/Moscow',
      bucket: 'hour',
    });
    expect(stats.series).toHaveLength(24);
  });

  it('counts Kolkata half-hour-offset days and hours', async () => {
    const range = localDays('Asia/Kolkata', '2026-10-29', '2026-11-05');
    await expectReferenceFigures({ range, timeZone: 'Asia/Kolkata', bucket: 'day' });
    const hourly = localDays('Asia/Kolkata', '2026-11-01', '2026-11-03');
    await expectReferenceFigures({ range: hourly, timeZone: 'Asia/Kolkata', bucket: 'hour' });
  });

  it('counts weeks starting on Sunday or Monday, from a range that starts mid-week', async () => {
    const range = { from: new Date('2026-10-27T15:00:00Z'), to: new Date('2026-11-08T09:00:00Z') };
    for (const weekStartsOn of [0, 1] as const) {
      const stats = await expectReferenceFigures({
        range,
        timeZone: 'America/New_York',
        bucket: 'week',
        weekStartsOn,
      });
      expect(stats.series[0]?.start.getTime()).toBeLessThan(range.from.getTime());
    }
  });

  it('chooses the bucket from the length of the range when none is given', async () => {
    const stats = (from: string, to: string) =>
      computeActivityStats(events(), {
        match: { tenantId: 'acme' },
        range: { from: new Date(from), to: new Date(to) },
      });
    expect((await stats('2026-11-01', '2026-11-03')).bucket).toBe('hour');
    expect((await stats('2026-10-01', '2026-12-01')).bucket).toBe('day');
    const long = await stats('2026-06-01', '2026-12-01');
    expect(long.bucket).toBe('week');
    expect(long.total).toBe(referenceFigures(recorded, long.range).inRange.length);
  });

  it('counts only what the match lets through', async () => {
    const range = localDays('UTC', '2026-10-26', '2026-11-09');
    const stats = await computeActivityStats(events(), {
      match: { tenantId: 'beta', kind: 'login' },
      range,
    });
    const expected = recorded.filter((e) => e.tenantId === 'beta' && e.kind === 'login');
    expect(expected.length).toBeGreaterThan(0);
    expect(stats.total).toBe(expected.length);
    expect(stats.byKind).toEqual([{ key: 'login', count: expected.length }]);
    expect(stats.auth.logouts).toBe(0);
  });

  it('returns zeros, not gaps, for a range without events', async () => {
    const stats = await computeActivityStats(events(), {
      match: { tenantId: 'acme' },
      range: localDays('Europe/Moscow', '2027-01-01', '2027-01-04'),
      timeZone: 'Europe/Moscow',
    });
    expect(stats.series.map((point) => point.count)).toEqual([0, 0, 0]);
    expect(stats.auth).toEqual({
      logins: 0,
      failures: 0,
      logouts: 0,
      failureRate: 0,
      uniqueUsers: 0,
    });
    expect(stats.topActors).toEqual([]);
  });

  it('refuses an unknown zone, an empty range and absurd list sizes with INVALID_QUERY', async () => {
    const range = localDays('UTC', '2026-11-01', '2026-11-02');
    const call = (extra: object) => computeActivityStats(events(), { match: {}, range, ...extra });
    await expect(call({ timeZone: 'Mars/Base' })).rejects.toThrow(/Unknown time zone/);
    await expect(call({ range: { from: range.to, to: range.from } })).rejects.toBeInstanceOf(
      ActivityError,
    );
    await expect(call({ topActions: 0 })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
  });

  it('refuses a series of more than 5000 buckets with INVALID_QUERY, saying what to change', async () => {
    const year = localDays('UTC', '2025-01-01', '2026-01-01');
    const hourly = computeActivityStats(events(), { match: {}, range: year, bucket: 'hour' });
    await expect(hourly).rejects.toBeInstanceOf(ActivityError);
    await expect(hourly).rejects.toMatchObject({
      code: 'INVALID_QUERY',
      message: expect.stringMatching(/larger bucket/),
    });
  });
});
