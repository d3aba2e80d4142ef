import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/createI18n.ts';
import { customerHistory, FIXTURE_NOW } from '../test/fixtures.ts';
import { groupByDay } from './groupByDay.ts';

describe('groupByDay', () => {
  it('splits a newest-first history into calendar days of the viewer’s zone', () => {
    const events = [...customerHistory()].reverse();
    const utc = createI18n({ locale: 'en', timeZone: 'UTC', now: () => FIXTURE_NOW });
    const days = groupByDay(events, utc.dayKey);
    expect(days.map((d) => utc.formatDay(d.date)).slice(0, 2)).toEqual(['Today', 'Yesterday']);
    expect(days.reduce((n, d) => n + d.events.length, 0)).toBe(events.length);
    // 23:20 UTC yesterday is already today in Tokyo.
    const tokyo = createI18n({ locale: 'en', timeZone: 'Asia/Tokyo', now: () => FIXTURE_NOW });
    expect(groupByDay(events, tokyo.dayKey)[0]?.events.length).toBeGreaterThanOrEqual(
      days[0]?.events.length ?? 0,
    );
  });
});
