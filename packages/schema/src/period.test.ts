import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError } from './errors.ts';
import {
  isValidTimeZone,
  type ResolvePeriodOptions,
  resolvePeriod,
  startOfDayInZone,
  zonedTimeToInstant,
} from './period.ts';
import { PERIOD_PRESETS, type PeriodPreset } from './query.ts';

const HOUR = 3_600_000;

function range(preset: PeriodPreset, now: string, options: Omit<ResolvePeriodOptions, 'now'> = {}) {
  const { from, to } = resolvePeriod(preset, { ...options, now: new Date(now) });
  return [from.toISOString(), to.toISOString()];
}

function iso(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The calendar date of `date` in `timeZone`, as YYYY-MM-DD. */
function localDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);
}

describe('resolvePeriod in UTC', () => {
  // Wednesday 2026-11-04.
  const now = '2026-11-04T15:30:00Z';
  it.each([
    ['today', '2026-11-04', '2026-11-05'],
    ['yesterday', '2026-11-03', '2026-11-04'],
    ['this_week', '2026-11-02', '2026-11-09'],
    ['last_week', '2026-10-26', '2026-11-02'],
    ['this_month', '2026-11-01', '2026-12-01'],
    ['last_month', '2026-10-01', '2026-11-01'],
    ['last_7_days', '2026-10-29', '2026-11-05'],
    ['last_30_days', '2026-10-06', '2026-11-05'],
  ] as const)('resolves %s to [%s, %s)', (preset, from, to) => {
    expect(range(preset, now)).toEqual([iso(from), iso(to)]);
  });

  it('defaults to UTC, a Monday week start and the current time', () => {
    const { from, to } = resolvePeriod('this_week');
    expect(from.getUTCDay()).toBe(1);
    expect(from.getTime()).toBeLessThanOrEqual(Date.now());
    expect(to.getTime() - from.getTime()).toBe(7 * 24 * HOUR);
  });

  it('starts the week on Sunday with weekStartsOn 0, and on any other day asked for', () => {
    expect(range('this_week', now, { weekStartsOn: 0 })).toEqual([
      iso('2026-11-01'),
      iso('2026-11-08'),
    ]);
    expect(range('last_week', now, { weekStartsOn: 0 })).toEqual([
      iso('2026-10-25'),
      iso('2026-11-01'),
    ]);
    expect(range('this_week', now, { weekStartsOn: 6 })).toEqual([
      iso('2026-10-31'),
      iso('2026-11-07'),
    ]);
    expect(range('this_week', now, { weekStartsOn: 3 })).toEqual([
      iso('2026-11-04'),
      iso('2026-11-11'),
    ]);
  });

  it('puts a Sunday in the week that started the Monday before', () => {
    expect(range('this_week', '2026-11-01T10:00:00Z')).toEqual([
      iso('2026-10-26'),
      iso('2026-11-02'),
    ]);
  });

  it('crosses a year boundary for last_month, last_week and last_30_days', () => {
    const january = '2026-01-02T08:00:00Z';
    expect(range('last_month', january)).toEqual([iso('2025-12-01'), iso('2026-01-01')]);
    expect(range('this_month', january)).toEqual([iso('2026-01-01'), iso('2026-02-01')]);
    expect(range('last_week', january)).toEqual([iso('2025-12-22'), iso('2025-12-29')]);
    expect(range('last_30_days', january)).toEqual([iso('2025-12-04'), iso('2026-01-03')]);
  });

  it('counts 29 days in a leap February and 28 otherwise', () => {
    expect(range('last_month', '2028-03-10T00:00:00Z')).toEqual([
      iso('2028-02-01'),
      iso('2028-03-01'),
    ]);
    expect(range('last_30_days', '2027-03-01T00:00:00Z')).toEqual([
      iso('2027-01-31'),
      iso('2027-03-02'),
    ]);
  });
});

describe('resolvePeriod in other time zones', () => {
  it('follows the Moscow calendar day (UTC+3, no DST)', () => {
    // 22:30 UTC on the 1st is 01:30 on the 2nd in Moscow.
    const now = '2026-11-01T22:30:00Z';
    const timeZone = 'Europe/Moscow';
    expect(range('today', now, { timeZone })).toEqual([
      '2026-11-01T21:00:00.000Z',
      '2026-11-02T21:00:00.000Z',
    ]);
    expect(range('yesterday', now, { timeZone })).toEqual([
      '2026-10-31T21:00:00.000Z',
      '2026-11-01T21:00:00.000Z',
    ]);
    expect(range('this_month', now, { timeZone })).toEqual([
      '2026-10-31T21:00:00.000Z',
      '2026-11-30T21:00:00.000Z',
    ]);
  });

  it('makes the New York fall-back day (2026-11-01) 25 hours long', () => {
    const timeZone = 'America/New_York';
    const today = ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'];
    expect(range('today', '2026-11-01T12:00:00Z', { timeZone })).toEqual(today);
    // 22:30 EST on the 1st is already the 2nd in UTC.
    expect(range('today', '2026-11-02T03:30:00Z', { timeZone })).toEqual(today);
    expect(range('yesterday', '2026-11-02T12:00:00Z', { timeZone })).toEqual(today);
  });

  it('makes the New York spring-forward day (2026-03-08) 23 hours long', () => {
    const { from, to } = resolvePeriod('today', {
      now: new Date('2026-03-08T12:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect([from.toISOString(), to.toISOString()]).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
    expect(to.getTime() - from.getTime()).toBe(23 * HOUR);
  });

  it('resolves a Sunday-start week that begins on the fall-back day', () => {
    const options = { timeZone: 'America/New_York', weekStartsOn: 0 } as const;
    expect(range('this_week', '2026-11-04T12:00:00Z', options)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-08T05:00:00.000Z',
    ]);
  });

  it('spans a DST change in last_7_days, in spring and in autumn', () => {
    const timeZone = 'America/New_York';
    expect(range('last_7_days', '2026-03-10T15:00:00Z', { timeZone })).toEqual([
      '2026-03-04T05:00:00.000Z',
      '2026-03-11T04:00:00.000Z',
    ]);
    expect(range('last_7_days', '2026-11-03T15:00:00Z', { timeZone })).toEqual([
      '2026-10-28T04:00:00.000Z',
      '2026-11-04T05:00:00.000Z',
    ]);
  });

  it('crosses a year boundary for last_month in New York', () => {
    // 22:00 on 2025-12-31 in New York.
    const now = '2026-01-01T03:00:00Z';
    const timeZone = 'America/New_York';
    expect(range('this_month', now, { timeZone })).toEqual([
      '2025-12-01T05:00:00.000Z',
      '2026-01-01T05:00:00.000Z',
    ]);
    expect(range('last_month', now, { timeZone })).toEqual([
      '2025-11-01T04:00:00.000Z',
      '2025-12-01T05:00:00.000Z',
    ]);
  });

  it('handles the half-hour offset of Asia/Kolkata', () => {
    // 20:00 UTC is 01:30 the next day in Kolkata (UTC+5:30).
    const now = '2026-06-15T20:00:00Z';
    const timeZone = 'Asia/Kolkata';
    expect(range('today', now, { timeZone })).toEqual([
      '2026-06-15T18:30:00.000Z',
      '2026-06-16T18:30:00.000Z',
    ]);
    expect(range('this_month', now, { timeZone })).toEqual([
      '2026-05-31T18:30:00.000Z',
      '2026-06-30T18:30:00.000Z',
    ]);
  });

  it('rejects an unknown time zone with INVALID_TIME_ZONE', () => {
    const attempt = () => resolvePeriod('today', { timeZone: 'Mars/Olympus_Mons' });
    expect(attempt).toThrow(SchemaError);
    expect(attempt).toThrow(
      'unknown time zone "Mars/Olympus_Mons": use an IANA name like Europe/Moscow',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as SchemaError).code).toBe('INVALID_TIME_ZONE');
    }
  });

  it('rejects an invalid now', () => {
    expect(() => resolvePeriod('today', { now: new Date(Number.NaN) })).toThrow(/invalid Date/);
  });
});

describe('startOfDayInZone and zonedTimeToInstant', () => {
  it('returns the local midnight of the day the instant falls on', () => {
    const date = new Date('2026-11-01T22:30:00Z');
    expect(startOfDayInZone(date, 'UTC').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(startOfDayInZone(date, 'Europe/Moscow').toISOString()).toBe('2026-11-01T21:00:00.000Z');
    expect(startOfDayInZone(date, 'America/New_York').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('starts a day whose midnight is skipped at the first instant after the gap', () => {
    // Santiago and Havana move their clocks from 00:00 straight to 01:00.
    const santiago = startOfDayInZone(new Date('2026-09-06T12:00:00Z'), 'America/Santiago');
    expect(santiago.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    const havana = startOfDayInZone(new Date('2026-03-08T12:00:00Z'), 'America/Havana');
    expect(havana.toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('starts a day whose midnight happens twice at the first one', () => {
    // Havana goes from 01:00 back to 00:00 on 2026-11-01.
    const havana = startOfDayInZone(new Date('2026-11-01T12:00:00Z'), 'America/Havana');
    expect(havana.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(range('today', '2026-11-01T12:00:00Z', { timeZone: 'America/Havana' })).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
  });

  it('resolves wall times in a gap forward and in an overlap to the earlier instant', () => {
    const timeZone = 'America/New_York';
    const gap = zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, timeZone);
    expect(gap.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    const overlap = zonedTimeToInstant(
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
      timeZone,
    );
    expect(overlap.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    const exact = {
      year: 2026,
      month: 7,
      day: 4,
      hour: 9,
      minute: 15,
      second: 7,
      millisecond: 250,
    };
    expect(zonedTimeToInstant(exact, timeZone).toISOString()).toBe('2026-07-04T13:15:07.250Z');
  });

  it('handles years before 100, which Date.UTC would move to the 1900s', () => {
    expect(zonedTimeToInstant({ year: 50, month: 6, day: 1 }, 'UTC').toISOString()).toBe(
      '0050-06-01T00:00:00.000Z',
    );
  });

  it('validates time zones with Intl', () => {
    expect(isValidTimeZone('Europe/Moscow')).toBe(true);
    expect(isValidTimeZone('america/new_york')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(() => startOfDayInZone(new Date(), 'Nowhere')).toThrow(SchemaError);
  });
});

describe('resolvePeriod properties', () => {
  const zones = [
    'UTC',
    'Europe/Moscow',
    'America/New_York',
    'Asia/Kolkata',
    'America/Santiago',
    'America/Havana',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ];
  const inputs = fc.record({
    preset: fc.constantFrom(...PERIOD_PRESETS),
    timeZone: fc.constantFrom(...zones),
    weekStartsOn: fc.constantFrom(0, 1, 2, 3, 4, 5, 6),
    now: fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
  });

  it('returns boundaries that are the first instants of their local days', () => {
    fc.assert(
      fc.property(inputs, ({ preset, ...options }) => {
        const { from, to } = resolvePeriod(preset, options);
        expect(from.getTime()).toBeLessThan(to.getTime());
        for (const boundary of [from, to]) {
          expect(startOfDayInZone(boundary, options.timeZone)).toEqual(boundary);
          const before = new Date(boundary.getTime() - 1);
          expect(localDate(before, options.timeZone)).not.toBe(
            localDate(boundary, options.timeZone),
          );
        }
      }),
    );
  });

  it('contains now in the current periods and ends the past ones before today', () => {
    fc.assert(
      fc.property(inputs, ({ preset, ...options }) => {
        const { from, to } = resolvePeriod(preset, options);
        const today = resolvePeriod('today', options);
        if (['yesterday', 'last_week', 'last_month'].includes(preset)) {
          expect(to.getTime()).toBeLessThanOrEqual(today.from.getTime());
        } else {
          expect(from.getTime()).toBeLessThanOrEqual(options.now.getTime());
          expect(to.getTime()).toBeGreaterThan(options.now.getTime());
        }
        const hours = (today.to.getTime() - today.from.getTime()) / HOUR;
        expect(hours).toBeGreaterThanOrEqual(23);
        expect(hours).toBeLessThanOrEqual(25);
      }),
    );
  });
});
