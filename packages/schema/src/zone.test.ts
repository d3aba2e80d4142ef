import { describe, expect, it } from 'vitest';
import { timeZoneOffset } from './period.ts';
import { formatLocal, HOUR_MS, localTime, mod, offsetSpans } from './zone.ts';

describe('offsetSpans', () => {
  it("cuts New York's 2026-11-01 at 06:00 UTC, when the clocks go back from UTC−4 to UTC−5", () => {
    const from = Date.UTC(2026, 10, 1);
    const to = Date.UTC(2026, 10, 2);
    expect(offsetSpans(from, to, 'America/New_York')).toEqual([
      { start: from, end: Date.UTC(2026, 10, 1, 6), offset: -4 * HOUR_MS },
      { start: Date.UTC(2026, 10, 1, 6), end: to, offset: -5 * HOUR_MS },
    ]);
  });

  it('agrees with timeZoneOffset at every hour of a year that changes clocks twice', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    const spans = offsetSpans(from, to, 'Australia/Lord_Howe');
    expect(spans.length).toBe(3);
    for (let instant = from; instant < to; instant += HOUR_MS) {
      expect(localTime(instant, spans) - instant).toBe(
        timeZoneOffset(instant, 'Australia/Lord_Howe'),
      );
    }
  });
});

describe('formatLocal', () => {
  it('writes the local clock to the minute', () => {
    expect(formatLocal(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe(
      '2026-11-01 01:30',
    );
    expect(formatLocal(new Date('2026-11-01T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-02 01:30');
  });
});

describe('mod', () => {
  it('stays within [0, divisor) for negative values', () => {
    expect([mod(-1, 7), mod(7, 7), mod(-15, 7)]).toEqual([6, 0, 6]);
  });
});
