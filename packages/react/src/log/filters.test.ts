import { describe, expect, it } from 'vitest';
import { moveColumn, normalizeColumns } from './columns.ts';
import { buildLogQuery, compactFilters, isEmptyFilters, setFilter } from './filters.ts';
import { dayInZone, zonedMidnight } from './PeriodFilter.tsx';
import { checkSearch } from './SearchBox.tsx';

describe('log filters', () => {
  it('builds the list query with the viewer time zone, sort and page size', () => {
    expect(
      buildLogQuery(
        { preset: 'today', kinds: [], text: ' ' },
        {
          sort: 'asc',
          timeZone: 'Europe/Moscow',
          limit: 100,
        },
      ),
    ).toEqual({ preset: 'today', sort: 'asc', limit: 100, timeZone: 'Europe/Moscow' });
  });

  it('drops empty values when a filter is set', () => {
    expect(setFilter({ kinds: ['delete'] }, { key: 'kinds', value: [] })).toEqual({});
    expect(compactFilters({ q: '', actors: ['alice'] })).toEqual({ actors: ['alice'] });
    expect(isEmptyFilters({ roles: [] })).toBe(true);
  });

  it('turns calendar days into local midnights, the end day included', () => {
    const from = zonedMidnight('2026-11-01', { timeZone: 'Europe/Moscow' });
    const to = zonedMidnight('2026-11-03', { timeZone: 'Europe/Moscow', end: true });
    expect(from?.toISOString()).toBe('2026-10-31T21:00:00.000Z');
    expect(to?.toISOString()).toBe('2026-11-03T21:00:00.000Z');
    expect(dayInZone(from, 'Europe/Moscow')).toBe('2026-11-01');
  });

  it('reports a search-syntax error at the offending token', () => {
    expect(checkSearch('actor:alice kind:explode', 'UTC')).toMatchObject({
      position: 12,
      length: 12,
    });
    expect(checkSearch('actor:alice "refund"', 'UTC')).toBeUndefined();
  });
});

describe('log columns', () => {
  it('moves a column and keeps only known ids once', () => {
    expect(moveColumn(['id', 'time', 'user'], { index: 2, offset: -1 })).toEqual([
      'id',
      'user',
      'time',
    ]);
    expect(moveColumn(['id', 'time'], { index: 0, offset: -1 })).toEqual(['id', 'time']);
    expect(normalizeColumns(['time', 'nope', 'time', 'ip'])).toEqual(['time', 'ip']);
  });
});
