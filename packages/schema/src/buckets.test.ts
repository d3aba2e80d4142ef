import { label, referenceStarts } from '@activitykit/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketStarts, chooseBucket, fillBuckets } from './buckets.ts';
import { SchemaError } from './errors.ts';
import type { WeekDay } from './period.ts';
import type { StatsBucket } from './results.ts';

const HOUR = 3_600_000;

const day = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const hours = (starts: number[]) =>
  starts.slice(1).map((start, index) => (start - (starts[index] as number)) / HOUR);

describe('bucketStarts', () => {
  it('gives the 25-hour New York day of 2026-11-01 twenty-five hourly buckets, 01:00 twice', () => {
    const range = day('2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z');
    const starts = bucketStarts({ range, timeZone: 'America/New_York', bucket: 'hour' });
    expect(starts).toHaveLength(25);
    expect(starts).toEqual(
      referenceStarts(range, { timeZone: 'America/New_York', bucket: 'hour' }),
    );
    expect(starts.slice(0, 4).map((start) => new Date(start).toISOString())).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T07:00:00.000Z',
    ]);
  });

  it('gives the 23-hour New York day of 2026-03-08 twenty-three hourly buckets', () => {
    const range = day('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z');
    const starts = bucketStarts({ range, timeZone: 'America/New_York', bucket: 'hour' });
    expect(starts).toHaveLength(23);
    expect(starts).toEqual(
      referenceStarts(range, { timeZone: 'America/New_York', bucket: 'hour' }),
    );
  });

  it('makes the day buckets around a change of clocks 24, 25 and 24 hours long', () => {
    const range = day('2026-10-31T04:00:00Z', '2026-11-03T05:00:00Z');
    const starts = bucketStarts({ range, timeZone: 'America/New_York', bucket: 'day' });
    expect(hours([...starts, range.to.getTime()])).toEqual([24, 25, 24]);
  });

  it('keeps Moscow on UTC+3 all year: days start at 21:00 UTC and last 24 hours', () => {
    const range = day('2026-10-24T21:00:00Z', '2026-10-27T21:00:00Z');
    const starts = bucketStarts({ range, timeZone: 'Europe/Moscow', bucket: 'day' });
    expect(starts.map((start) => new Date(start).toISOString())).toEqual([
      '2026-10-24T21:00:00.000Z',
      '2026-10-25T21:00:00.000Z',
      '2026-10-26T21:00:00.000Z',
    ]);
    const hourly = bucketStarts({ range, timeZone: 'Europe/Moscow', bucket: 'hour' });
    expect(hourly).toHaveLength(72);
  });

  it('starts Kolkata hours at half past the UTC hour', () => {
    const range = day('2026-11-01T10:07:00Z', '2026-11-01T13:00:00Z');
    const starts = bucketStarts({ range, timeZone: 'Asia/Kolkata', bucket: 'hour' });
    expect(starts.map((start) => new Date(start).toISOString().slice(11, 16))).toEqual([
      '09:30', // the bucket holding `from` (15:37 local) starts at 15:00 local
      '10:30',
      '11:30',
      '12:30',
    ]);
  });

  it('starts weeks on the configured day', () => {
    const range = day('2026-10-01T04:00:00Z', '2026-12-01T05:00:00Z');
    for (const weekStartsOn of [0, 1, 6] as const) {
      const starts = bucketStarts({
        range,
        timeZone: 'America/New_York',
        bucket: 'week',
        weekStartsOn,
      });
      expect(starts).toEqual(
        referenceStarts(range, { timeZone: 'America/New_York', bucket: 'week', weekStartsOn }),
      );
      expect(
        starts.map((start) => label(start, { timeZone: 'America/New_York', bucket: 'hour' })),
      ).toSatisfy((labels: string[]) => labels.every((text) => text.includes(' 00 ')));
    }
  });

  it('agrees with the Intl reference for any zone, range and bucket', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/Moscow',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Asia/Kathmandu',
      'Europe/London',
    ];
    fc.assert(
      fc.property(
        fc.record({
          timeZone: fc.constantFrom(...zones),
          bucket: fc.constantFrom<StatsBucket>('hour', 'day', 'week'),
          weekStartsOn: fc.constantFrom<WeekDay>(0, 1, 6),
          from: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) }),
          minutes: fc.integer({ min: 1, max: 60 * 24 }),
        }),
        ({ timeZone, bucket, weekStartsOn, from, minutes }) => {
          const span = minutes * 60_000 * (bucket === 'hour' ? 1 : bucket === 'day' ? 5 : 20);
          const range = { from: new Date(from), to: new Date(from + span) };
          expect(bucketStarts({ range, timeZone, bucket, weekStartsOn })).toEqual(
            referenceStarts(range, { timeZone, bucket, weekStartsOn }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a series of more than 5000 buckets, saying what to change', () => {
    const range = day('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    expect(() => bucketStarts({ range, timeZone: 'UTC', bucket: 'hour' })).toThrow(
      expect.objectContaining({ name: 'SchemaError', code: 'INVALID_INPUT' }),
    );
    expect(() => bucketStarts({ range, timeZone: 'UTC', bucket: 'hour' })).toThrow(SchemaError);
    expect(() => bucketStarts({ range, timeZone: 'UTC', bucket: 'hour' })).toThrow(/larger bucket/);
    expect(bucketStarts({ range, timeZone: 'UTC', bucket: 'day' })).toHaveLength(365);
  });
});

describe('chooseBucket', () => {
  it('picks hours up to 2 days (DST included), days up to 90 days, weeks beyond', () => {
    const from = new Date('2026-10-31T04:00:00Z');
    const spanning = (h: number) => ({ from, to: new Date(from.getTime() + h * HOUR) });
    expect(chooseBucket(spanning(24))).toBe('hour');
    expect(chooseBucket(spanning(49))).toBe('hour');
    expect(chooseBucket(spanning(50))).toBe('day');
    expect(chooseBucket(spanning(90 * 24 + 1))).toBe('day');
    expect(chooseBucket(spanning(91 * 24))).toBe('week');
  });
});

describe('fillBuckets', () => {
  it('adds each count to the last bucket that starts at or before its instant', () => {
    const starts = [0, HOUR, 3 * HOUR];
    const QUARTER = HOUR / 4;
    const quarters = [0, 3, 4, 7, 8, 12, 20].map((quarter) => ({
      instant: quarter * QUARTER,
      count: quarter + 1,
    }));
    expect(fillBuckets(starts, quarters)).toEqual([1 + 4, 5 + 8 + 9, 13 + 21]);
  });

  it('counts single events, one bucket per instant, on the edges too', () => {
    const starts = [HOUR, 2 * HOUR, 3 * HOUR];
    const instants = [HOUR, 2 * HOUR - 1, 2 * HOUR, 3 * HOUR + 59 * 60_000];
    expect(
      fillBuckets(
        starts,
        instants.map((instant) => ({ instant, count: 1 })),
      ),
    ).toEqual([2, 1, 1]);
  });
});
