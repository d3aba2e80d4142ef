import { describe, expect, it } from 'vitest';
import { readLogUrlState, writeLogUrlState } from './urlSync.ts';

describe('log URL state', () => {
  it('round-trips filters, sort, columns and the open event', () => {
    const state = {
      filters: {
        kinds: ['delete', 'update'],
        preset: 'last_7_days',
        locations: ['North branch', 'South branch'],
        q: 'actor:alice "refund"',
        from: new Date('2026-11-01T00:00:00Z'),
      },
      sort: 'asc',
      columns: ['time', 'user', 'action'],
      eventId: '01KAB0000000000000000000AB',
    } satisfies Parameters<typeof writeLogUrlState>[1];
    expect(readLogUrlState(writeLogUrlState(new URLSearchParams(), state))).toEqual(state);
  });

  it("keeps the app's own parameters and leaves the default sort out", () => {
    const next = writeLogUrlState(new URLSearchParams('tab=log&page=2&kind=create'), {
      filters: { categories: ['order'] },
      sort: 'desc',
    });
    expect(next.toString()).toBe('tab=log&page=2&category=order');
  });

  it('ignores invalid values from a stale link instead of failing', () => {
    const state = readLogUrlState(
      new URLSearchParams(
        'kind=explode&kind=delete&from=not-a-date&sort=sideways&cols=time,bogus&limit=9',
      ),
    );
    expect(state).toEqual({ filters: {}, columns: ['time'] });
    // `kinds` fails as a whole (one bad value), like the server would reject it.
  });

  it('reads only prefixed parameters when a prefix is given', () => {
    const state = readLogUrlState(
      new URLSearchParams('kind=create&a.kind=delete&a.sort=asc'),
      'a.',
    );
    expect(state).toEqual({ filters: { kinds: ['delete'] }, sort: 'asc' });
  });
});
