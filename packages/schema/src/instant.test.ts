import { describe, expect, it } from 'vitest';
import { activityQuerySchema } from './query.ts';
import { queryFromSearchParams } from './wire.ts';

/** The problems of a query, as `path: message`. */
function problems(input: unknown): string[] {
  const result = activityQuerySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('from / to: strict ISO 8601 instants', () => {
  it('refuses days the calendar does not have instead of rolling them over', () => {
    expect(problems({ from: '2026-02-30T00:00:00Z' })).toEqual([
      'from: "2026-02-30T00:00:00Z" is not a calendar date: February 2026 has 28 days',
    ]);
    expect(problems({ to: '2026-02-30' })).toEqual([
      'to: "2026-02-30" is not a calendar date: February 2026 has 28 days',
    ]);
    expect(problems({ from: '2100-02-29' })).toEqual([
      'from: "2100-02-29" is not a calendar date: February 2100 has 28 days',
    ]);
    expect(problems({ from: '2026-04-31' })[0]).toMatch(/April 2026 has 30 days/);
    expect(problems({ from: '2026-13-01' })[0]).toMatch(/there is no month 13/);
    expect(problems({ from: '2026-11-01T24:00:00Z' })[0]).toMatch(/there is no hour 24/);
    expect(problems({ from: '2026-11-01T10:60Z' })[0]).toMatch(/there is no minute 60/);
    expect(problems({ from: '2026-11-01T10:00+25:00' })[0]).toMatch(/there is no offset \+25:00/);
  });

  it('reads dates, date-times with Z or an offset, and Dates', () => {
    const parsed = activityQuerySchema.parse({
      from: '2024-02-29',
      to: '2026-11-01T12:30:00.123456+03:00',
    });
    expect(parsed.from?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parsed.to?.toISOString()).toBe('2026-11-01T09:30:00.123Z');
    const date = new Date('2026-11-01T00:00:00Z');
    expect(activityQuerySchema.parse({ from: date }).from).toEqual(date);
    expect(activityQuerySchema.parse({ from: '0001-01-01', to: '9999-12-31' }).to).toEqual(
      new Date('9999-12-31T00:00:00Z'),
    );
  });

  it('says what is wrong with anything else', () => {
    expect(problems({ from: '2026-11-01T10:00' })).toEqual([
      'from: "2026-11-01T10:00" has no time zone: end it with Z or an offset such as +03:00',
    ]);
    expect(problems({ from: 'yesterday-ish' })).toEqual([
      'from: "yesterday-ish" is not an ISO 8601 date: write it like "2026-11-01" or "2026-11-01T09:30:00Z"',
    ]);
    expect(problems({ from: '+275761-01-01T00:00:00Z' })[0]).toMatch(/is not an ISO 8601 date/);
    expect(problems({ from: new Date('nope') })).toEqual([
      'from: an Invalid Date object: pass a valid Date',
    ]);
    expect(problems({ from: { $gt: 0 } })).toEqual([
      'from: expected a Date or an ISO 8601 string, got an object',
    ]);
    expect(problems({ to: 1_700_000_000_000 })).toEqual([
      'to: expected a Date or an ISO 8601 string, got a number (epoch milliseconds are not accepted)',
    ]);
  });
});

describe('limit and lists', () => {
  it('takes a whole number from 1 to 200 and names what it got', () => {
    expect(problems({ limit: 'lots' })).toEqual([
      'limit: a whole number from 1 to 200, got "lots"',
    ]);
    expect(problems({ limit: '20' })).toEqual(['limit: a whole number from 1 to 200, got "20"']);
    expect(problems({ limit: 201 })).toEqual(['limit: a whole number from 1 to 200, got 201']);
    expect(problems({ limit: 1.5 })).toEqual(['limit: a whole number from 1 to 200, got 1.5']);
  });

  it('reads limit from a query string as a number, and leaves anything else to the schema', () => {
    const read = (text: string) => queryFromSearchParams(new URLSearchParams(text));
    expect(activityQuerySchema.parse(read('limit=20')).limit).toBe(20);
    expect(problems(read('limit=abc'))).toEqual(['limit: a whole number from 1 to 200, got "abc"']);
    expect(problems(read('limit=1e9'))).toEqual(['limit: a whole number from 1 to 200, got "1e9"']);
    expect(problems(read('limit=-1'))).toEqual(['limit: a whole number from 1 to 200, got -1']);
  });

  it('says how many ids were too many', () => {
    const ids = Array.from({ length: 1001 }, () => '01JD0000000000000000000000');
    expect(problems({ ids })).toEqual(['ids: at most 1000 ids per call, got 1001']);
    expect(problems({ actors: Array.from({ length: 51 }, (_, i) => `u${i}`) })).toEqual([
      'actors: at most 50 values, got 51',
    ]);
  });
});
