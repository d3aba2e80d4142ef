import { describe, expect, it } from 'vitest';
import { analyticsRange } from './analyticsRange.ts';

const now = new Date('2026-11-01T12:00:00Z');

describe('analyticsRange', () => {
  it('resolves a preset in the zone, the 25-hour New York day included', () => {
    expect(analyticsRange({ preset: 'today' }, { now, timeZone: 'America/New_York' })).toEqual({
      from: new Date('2026-11-01T04:00:00Z'),
      to: new Date('2026-11-02T05:00:00Z'),
    });
  });

  it('lets a preset win over from / to, like the store’s queries', () => {
    const range = analyticsRange(
      { preset: 'yesterday', from: new Date('2020-01-01'), to: new Date('2021-01-01') },
      { now, timeZone: 'Europe/Moscow' },
    );
    expect(range).toEqual({
      from: new Date('2026-10-30T21:00:00Z'),
      to: new Date('2026-10-31T21:00:00Z'),
    });
  });

  it('fills an open end with now and an open start with 30 days before the end', () => {
    const from = new Date('2026-10-20T00:00:00Z');
    expect(analyticsRange({ from }, { now, timeZone: 'UTC' })).toEqual({ from, to: now });
    const to = new Date('2026-10-31T00:00:00Z');
    expect(analyticsRange({ to }, { now, timeZone: 'UTC' })).toEqual({
      from: new Date('2026-10-01T00:00:00Z'),
      to,
    });
  });

  it('uses the default preset when the filter names no period', () => {
    const range = analyticsRange(
      {},
      { now, timeZone: 'Asia/Kolkata', defaultPreset: 'last_7_days' },
    );
    expect(range).toEqual({
      from: new Date('2026-10-25T18:30:00Z'),
      to: new Date('2026-11-01T18:30:00Z'),
    });
    expect(analyticsRange({}, { now, timeZone: 'UTC' }).from).toEqual(
      new Date('2026-10-03T00:00:00Z'),
    );
  });

  it('refuses an empty period with INVALID_QUERY', () => {
    expect(() =>
      analyticsRange({ from: now, to: new Date('2026-10-01') }, { now, timeZone: 'UTC' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }));
  });
});
