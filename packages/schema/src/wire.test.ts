import { describe, expect, it } from 'vitest';
import { SchemaError } from './errors.ts';
import { activityQuerySchema } from './query.ts';
import { eventFromWire, pageFromWire, queryFromSearchParams, queryToSearchParams } from './wire.ts';

describe('queryFromSearchParams', () => {
  it('maps names to fields, repeating list parameters', () => {
    const query = queryFromSearchParams(
      new URLSearchParams(
        'kind=delete&kind=update&preset=today&tz=Europe/Berlin&limit=20&ref=customer:42',
      ),
    );
    expect(query).toEqual({
      kinds: ['delete', 'update'],
      preset: 'today',
      timeZone: 'Europe/Berlin',
      limit: 20,
      refs: ['customer:42'],
    });
    expect(activityQuerySchema.parse(query).limit).toBe(20);
  });

  it('names an unknown parameter', () => {
    expect(() => queryFromSearchParams(new URLSearchParams('tenantId=b'))).toThrow(
      /Unknown query parameter "tenantId"/,
    );
    expect(() => queryFromSearchParams(new URLSearchParams('__proto__=x'))).toThrow(SchemaError);
    expect(() => queryFromSearchParams(new URLSearchParams('actor[$ne]=x'))).toThrow(SchemaError);
  });

  it('refuses a repeated single-valued parameter', () => {
    expect(() => queryFromSearchParams(new URLSearchParams('limit=1&limit=2'))).toThrow(
      /"limit" is given more than once/,
    );
  });

  it('skips ignored parameters', () => {
    expect(
      queryFromSearchParams(
        [
          ['format', 'csv'],
          ['q', 'kind:delete'],
        ],
        { ignore: ['format'] },
      ),
    ).toEqual({
      q: 'kind:delete',
    });
  });
});

describe('queryToSearchParams', () => {
  it('round-trips through queryFromSearchParams', () => {
    const from = new Date('2026-11-01T00:00:00.000Z');
    const params = queryToSearchParams({ from, actors: ['alice', 'bob'], sort: 'asc', limit: 10 });
    expect(params.toString()).toBe(
      'from=2026-11-01T00%3A00%3A00.000Z&actor=alice&actor=bob&sort=asc&limit=10',
    );
    expect(activityQuerySchema.parse(queryFromSearchParams(params))).toMatchObject({
      from,
      actors: ['alice', 'bob'],
      sort: 'asc',
      limit: 10,
    });
  });
});

describe('eventFromWire', () => {
  it('revives occurredAt and rejects an invalid one', () => {
    const wire = { id: '01JZ0000000000000000000000', occurredAt: '2026-11-01T10:00:00.000Z' };
    const page = pageFromWire({ items: [wire as never], nextCursor: 'abc' });
    expect(page.items[0]?.occurredAt).toEqual(new Date('2026-11-01T10:00:00.000Z'));
    expect(page.nextCursor).toBe('abc');
    expect(() => eventFromWire({ ...wire, occurredAt: 'nope' } as never)).toThrow(
      /invalid occurredAt/,
    );
  });
});
