import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError } from '../errors.ts';
import { formatCsvTime } from './csvTime.ts';

/**
 * The oracle: `Intl` itself, with the test's own formatter per zone (making one per call cost most
 * of the property's time, enough to time out on a busy machine).
 */
const oracles = new Map<string, Intl.DateTimeFormat>();
function intlTime(date: Date, timeZone: string): string {
  let oracle = oracles.get(timeZone);
  if (!oracle) {
    oracle = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    oracles.set(timeZone, oracle);
  }
  const parts = oracle.formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '?';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

describe('formatCsvTime', () => {
  it('shows an instant on the clocks of the zone', () => {
    const instant = new Date('2026-11-23T11:05:09.999Z');
    expect(formatCsvTime(instant, 'Europe/Moscow')).toBe('2026-11-23 14:05:09');
    expect(formatCsvTime(instant, 'UTC')).toBe('2026-11-23 11:05:09');
    expect(formatCsvTime(instant, 'Asia/Kathmandu')).toBe('2026-11-23 16:50:09');
    expect(formatCsvTime(instant, 'America/St_Johns')).toBe('2026-11-23 07:35:09');
  });

  it('follows daylight-saving changes to the second', () => {
    const zone = 'America/New_York';
    expect(formatCsvTime(new Date('2026-03-08T06:59:59Z'), zone)).toBe('2026-03-08 01:59:59');
    expect(formatCsvTime(new Date('2026-03-08T07:00:00Z'), zone)).toBe('2026-03-08 03:00:00');
    expect(formatCsvTime(new Date('2026-11-01T05:59:59Z'), zone)).toBe('2026-11-01 01:59:59');
    expect(formatCsvTime(new Date('2026-11-01T06:00:00Z'), zone)).toBe('2026-11-01 01:00:00');
    // Lord Howe Island moves its clocks by half an hour.
    expect(formatCsvTime(new Date('2026-04-04T14:59:59Z'), 'Australia/Lord_Howe')).toBe(
      '2026-04-05 01:59:59',
    );
    expect(formatCsvTime(new Date('2026-04-04T15:00:00Z'), 'Australia/Lord_Howe')).toBe(
      '2026-04-05 01:30:00',
    );
  });

  it('agrees with Intl for any instant in any of several zones', () => {
    const zones = [
      'UTC',
      'Europe/Moscow',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Europe/London',
      'America/Sao_Paulo',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => formatCsvTime(new Date(ms), zone) === intlTime(new Date(ms), zone),
      ),
      { numRuns: 3000 },
    );
  });

  it('gives an empty cell for an invalid date', () => {
    expect(formatCsvTime(new Date(Number.NaN), 'UTC')).toBe('');
  });

  it('rejects an unknown zone with INVALID_TIME_ZONE', () => {
    expect(() => formatCsvTime(new Date(), 'Mars/Base')).toThrowError(
      expect.objectContaining({ code: 'INVALID_TIME_ZONE' }),
    );
    expect(() => formatCsvTime(new Date(), 'Mars/Base')).toThrow(SchemaError);
  });
});
