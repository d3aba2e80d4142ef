import { describe, expect, it } from 'vitest';
import { exportFilters, exportTitle, planExport } from './exportPlan.ts';

const IDS = ['01KBX0000000000000000000A1', '01KBX0000000000000000000A2'];

describe('planExport', () => {
  it('reads a selection exactly, in the query’s sort, and says how many it names', () => {
    expect(
      planExport({ ids: IDS, sort: 'asc', kinds: ['delete'], limit: 5, timeZone: 'Europe/Moscow' }),
    ).toEqual({ read: { ids: IDS, sort: 'asc', timeZone: 'Europe/Moscow' }, selection: 2 });
  });

  it('reads the filters otherwise, without paging, and writes them in the search syntax', () => {
    const plan = planExport({ kinds: ['delete'], q: '"refund"', cursor: 'x', limit: 10 });
    expect(plan.read).toEqual({ kinds: ['delete'], q: '"refund"' });
    expect(plan.filters).toBe('kind:delete "refund"');
    expect(plan.selection).toBeUndefined();
    expect(exportFilters({})).toBe('');
  });

  it('titles the PDF in the reader’s language', () => {
    expect(exportTitle('ru')).toBe('Журнал действий');
    expect(exportTitle('en')).toBe('Activity log');
    expect(exportTitle(undefined)).toBe('Activity log');
  });
});
