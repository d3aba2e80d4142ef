import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError } from './errors.ts';
import { ACTOR_TYPES, EVENT_KINDS, OUTCOMES } from './event.ts';
import { type ActivityFilter, activityFilterSchema, PERIOD_PRESETS } from './query.ts';
import { type ParseSearchOptions, parseSearch, printSearch, SEARCH_KEYS } from './search.ts';

function failure(input: string, options?: ParseSearchOptions): SchemaError {
  try {
    parseSearch(input, options);
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

const KINDS = 'create, update, delete, login, logout, login_failed, access, note, other';

describe('parseSearch', () => {
  it('reads every key of the syntax', () => {
    const input =
      'actor:alice kind:delete category:order ip:10.0.0.7 after:2026-11-01 before:2026-11-20 ' +
      'location:north "refund" role:staff action:order.* ref:customer:42 subject:order:7 type:order ' +
      'outcome:failure period:last_7_days tz:Europe/Moscow actortype:system';
    expect(parseSearch(input)).toStrictEqual({
      actors: ['alice'],
      kinds: ['delete'],
      categories: ['order'],
      ips: ['10.0.0.7'],
      from: new Date('2026-10-31T21:00:00.000Z'),
      to: new Date('2026-11-19T21:00:00.000Z'),
      locations: ['north'],
      text: 'refund',
      roles: ['staff'],
      actions: ['order.*'],
      refs: ['customer:42'],
      subjects: ['order:7'],
      subjectTypes: ['order'],
      outcome: 'failure',
      preset: 'last_7_days',
      timeZone: 'Europe/Moscow',
      actorTypes: ['system'],
    });
  });

  it('returns an empty filter for an empty or blank search', () => {
    expect(parseSearch('')).toStrictEqual({});
    expect(parseSearch(' \t\n ')).toStrictEqual({});
  });

  it('reads quoted values, with \\" and \\\\ escapes', () => {
    expect(parseSearch('actor:"Alice Smith" subject:"order:Big one"')).toStrictEqual({
      actors: ['Alice Smith'],
      subjects: ['order:Big one'],
    });
    expect(parseSearch('"say \\"hi\\"" location:"C:\\\\shop"')).toStrictEqual({
      text: 'say "hi"',
      locations: ['C:\\shop'],
    });
  });

  it('joins free words and phrases into text with single spaces', () => {
    expect(parseSearch('  refund   "late  fee"\torder  ').text).toBe('refund late  fee order');
    expect(parseSearch('"" refund " "').text).toBe('refund');
  });

  it('keeps words with a colon that is not after a key as text', () => {
    expect(parseSearch('meeting 10:30 :) "http://x.test"').text).toBe(
      'meeting 10:30 :) http://x.test',
    );
  });

  it('ORs repeated keys, dropping duplicates and keeping first-seen order', () => {
    expect(
      parseSearch('kind:create actor:b kind:delete actor:a kind:create actor:b'),
    ).toStrictEqual({ kinds: ['create', 'delete'], actors: ['b', 'a'] });
  });

  it('reads keys, and fixed words, in any letter case', () => {
    expect(
      parseSearch('KIND:Delete Actor:Bob OutCome:FAILURE PERIOD:Today actorType:API_KEY'),
    ).toStrictEqual({
      kinds: ['delete'],
      actors: ['Bob'],
      outcome: 'failure',
      preset: 'today',
      actorTypes: ['api_key'],
    });
  });

  it('trims values as the filter schema does', () => {
    expect(parseSearch('actor:" alice " ref:" customer:42 "')).toStrictEqual({
      actors: ['alice'],
      refs: ['customer:42'],
    });
  });

  it('keeps colons in a ref id', () => {
    expect(parseSearch('ref:url:https://x.test/a?b=c').refs).toStrictEqual([
      'url:https://x.test/a?b=c',
    ]);
  });

  it('reads dates as UTC midnights by default, with before: exclusive', () => {
    expect(parseSearch('after:2026-11-01 before:2026-11-20')).toStrictEqual({
      from: new Date('2026-11-01T00:00:00.000Z'),
      to: new Date('2026-11-20T00:00:00.000Z'),
    });
  });

  it('reads dates in options.timeZone without setting the filter time zone', () => {
    expect(parseSearch('after:2026-11-01', { timeZone: 'America/New_York' })).toStrictEqual({
      from: new Date('2026-11-01T04:00:00.000Z'),
    });
  });

  it('reads dates in the tz: of the search, wherever it stands, before options.timeZone', () => {
    const expected = { from: new Date('2026-10-31T18:30:00.000Z'), timeZone: 'Asia/Kolkata' };
    expect(parseSearch('after:2026-11-01 tz:Asia/Kolkata')).toStrictEqual(expected);
    expect(
      parseSearch('after:2026-11-01 tz:Asia/Kolkata', { timeZone: 'Europe/Moscow' }),
    ).toStrictEqual(expected);
  });

  it('takes ISO date-times with an offset as they are, and reads others in the time zone', () => {
    expect(parseSearch('after:2026-11-01T09:30:00+03:00').from).toStrictEqual(
      new Date('2026-11-01T06:30:00Z'),
    );
    expect(parseSearch('after:2026-11-01T09:30:00.5Z').from).toStrictEqual(
      new Date('2026-11-01T09:30:00.500Z'),
    );
    expect(parseSearch('before:2026-11-01T09:30 tz:Europe/Moscow').to).toStrictEqual(
      new Date('2026-11-01T06:30:00Z'),
    );
  });

  it('produces filters that the filter schema accepts unchanged', () => {
    const filter = parseSearch(
      'actor:"Alice Smith" action:order.* ref:a:b:c "x y" after:2026-01-01',
    );
    expect(activityFilterSchema.parse(filter)).toStrictEqual(filter);
  });

  it('rejects a bad options.timeZone with INVALID_TIME_ZONE', () => {
    expect(failure('kind:create', { timeZone: 'Nowhere/City' }).code).toBe('INVALID_TIME_ZONE');
  });
});

describe('parseSearch errors', () => {
  it.each([
    [
      'kind:delete colour:red',
      [12, 10],
      'unknown key "colour" at character 13: use one of actor, role, actortype',
    ],
    ['see http://x.test', [4, 13], 'unknown key "http" at character 5'],
    ['kind:', [0, 5], 'empty value in "kind:" at character 1: write a value after the colon'],
    ['a actor:"  "', [2, 10], 'empty value in "actor:\\"  \\"" at character 3'],
    [
      'actor:bob "refund',
      [10, 7],
      'unterminated quote in "\\"refund" at character 11: end the quoted text with "',
    ],
    ['actor:"Alice', [0, 12], 'unterminated quote in "actor:\\"Alice" at character 1'],
    ['"a"b c', [0, 4], 'unexpected text after the closing quote in "\\"a\\"b" at character 1'],
    [
      'after:2026-13-01',
      [0, 16],
      'invalid date "2026-13-01" at character 1: use YYYY-MM-DD or an ISO date-time',
    ],
    ['x before:2027-02-29', [2, 17], 'invalid date "2027-02-29" at character 3'],
    ['after:2026-11-01T24:00Z', [0, 23], 'invalid date "2026-11-01T24:00Z" at character 1'],
    ['after:yesterday', [0, 15], 'invalid date "yesterday" at character 1'],
    ['actor:a kind:explode', [8, 12], `unknown kind "explode" at character 9: use one of ${KINDS}`],
    [
      'outcome:maybe',
      [0, 13],
      'unknown outcome "maybe" at character 1: use one of success, failure',
    ],
    [
      'period:fortnight',
      [0, 16],
      'unknown period "fortnight" at character 1: use one of today, yesterday',
    ],
    [
      'tz:Mars/Base',
      [0, 12],
      'unknown time zone "Mars/Base" at character 1: use an IANA name like Europe/Moscow',
    ],
    [
      'actortype:robot',
      [0, 15],
      'unknown actor type "robot" at character 1: use one of user, system, api_key, anonymous',
    ],
    [
      'outcome:failure outcome:success',
      [16, 15],
      'repeated outcome "outcome:success" at character 17: give outcome only once',
    ],
    ['period:today x period:today', [15, 12], 'repeated period "period:today" at character 16'],
    [
      'action:Order..x',
      [0, 15],
      'invalid action "Order..x" at character 1: write an action like order.created',
    ],
    [
      'subject:order',
      [0, 13],
      'invalid subject "order" at character 1: write type:id, e.g. subject:order:7',
    ],
    ['ref:"a b:1"', [0, 11], 'invalid ref "a b:1" at character 1: write type:id'],
    [
      'before:9999-12-31T23:00:00-05:00',
      [0, 32],
      'out-of-range date "9999-12-31T23:00:00-05:00" at character 1: use a time in the years 0000 to 9999 UTC',
    ],
  ] as const)('rejects %j at [position, length] %j', (input, [position, length], message) => {
    const error = failure(input);
    expect(error).toBeInstanceOf(SchemaError);
    expect(error.code).toBe('INVALID_SEARCH');
    expect({ position: error.position, length: error.length }).toStrictEqual({ position, length });
    expect(error.message).toContain(message);
    expect(input.slice(position, position + length)).not.toMatch(/^\s|\s$/);
  });

  it('lists every key when the key is unknown', () => {
    expect(failure('colour:red').message).toBe(
      `unknown key "colour" at character 1: use one of ${SEARCH_KEYS.join(', ')}, or put text with a colon in quotes`,
    );
  });

  it('rejects a start that is not before the end, pointing at after:', () => {
    const error = failure('kind:create after:2026-11-20 before:2026-11-01');
    expect(error).toMatchObject({ code: 'INVALID_SEARCH', position: 12, length: 16 });
    expect(error.message).toBe(
      'start "after:2026-11-20" at character 13: make it earlier than the end "before:2026-11-01" at character 30',
    );
    expect(failure('after:2026-11-01 before:2026-11-01').position).toBe(0);
  });

  it('rejects a value longer than the filter schema allows', () => {
    const error = failure(`kind:note actor:${'a'.repeat(201)}`);
    expect(error).toMatchObject({ position: 10, length: 207 });
    expect(error.message).toMatch(
      /^invalid actor "a{39}…" at character 11: use at most 200 characters$/,
    );
  });

  it('rejects the 51st value of a key at that value', () => {
    const input = Array.from({ length: 51 }, (_, index) => `ip:10.0.0.${index}`).join(' ');
    const error = failure(input);
    expect(error.position).toBe(input.lastIndexOf('ip:'));
    expect(error.message).toBe(
      `too many ip values: "ip:10.0.0.50" at character ${(error.position ?? 0) + 1}: use at most 50`,
    );
  });

  it('rejects free text past 200 characters at the word that crosses the limit', () => {
    const input = `${'word '.repeat(40)}last`;
    const error = failure(input);
    expect(error).toMatchObject({ position: 200, length: 4 });
    expect(error.message).toContain(
      'invalid text "last" at character 201: use at most 200 characters',
    );
  });
});

describe('parseSearch error reasons', () => {
  it.each([
    ['kind:delete colour:red', { reason: 'UNKNOWN_KEY', params: { key: 'colour' } }],
    ['kind:', { reason: 'EMPTY_VALUE', params: { token: 'kind:' } }],
    [
      'outcome:failure OUTCOME:success',
      { reason: 'REPEATED_KEY', params: { key: 'outcome', token: 'OUTCOME:success' } },
    ],
    [
      'kind:explode',
      { reason: 'UNKNOWN_CHOICE', params: { key: 'kind', value: 'explode', choices: KINDS } },
    ],
    ['tz:Mars/Base', { reason: 'UNKNOWN_TIME_ZONE', params: { value: 'Mars/Base' } }],
    ['after:2026-02-30', { reason: 'INVALID_DATE', params: { value: '2026-02-30' } }],
    [
      'before:9999-12-31T23:00:00-05:00',
      { reason: 'DATE_OUT_OF_RANGE', params: { value: '9999-12-31T23:00:00-05:00' } },
    ],
    [
      'after:2026-11-20 before:2026-11-01',
      {
        reason: 'START_NOT_BEFORE_END',
        params: { start: 'after:2026-11-20', end: 'before:2026-11-01', endCharacter: 18 },
      },
    ],
    ['subject:order', { reason: 'INVALID_VALUE', params: { key: 'subject', value: 'order' } }],
    [
      `actor:${'a'.repeat(201)}`,
      { reason: 'TOO_LONG', params: { key: 'actor', value: `${'a'.repeat(39)}…`, max: 200 } },
    ],
    [
      Array.from({ length: 51 }, (_, index) => `ip:10.0.0.${index}`).join(' '),
      { reason: 'TOO_MANY_VALUES', params: { key: 'ip', token: 'ip:10.0.0.50', max: 50 } },
    ],
    ['a "refund', { reason: 'UNTERMINATED_QUOTE', params: { text: '"refund' } }],
    ['"a"b', { reason: 'TEXT_AFTER_QUOTE', params: { text: '"a"b' } }],
  ] as const)('gives %j a reason code and parameters to localize', (input, search) => {
    expect(failure(input).search).toMatchObject(search);
  });

  it('numbers every place in a message by character, one-based', () => {
    const inputs = ['kind:delete colour:red', 'x after:2026-11-20 before:2026-11-01', 'a "b'];
    for (const input of inputs) {
      const error = failure(input);
      const places = [...error.message.matchAll(/ at (\S+ )?(\d+)/g)];
      expect(places.length).toBeGreaterThan(0);
      for (const place of places) expect(place[1]).toBe('character ');
      expect(error.message).toContain(`at character ${(error.position ?? 0) + 1}`);
    }
  });
});

describe('printSearch', () => {
  it('writes the canonical form: keys in SEARCH_KEYS order, ISO instants, text last', () => {
    const filter = parseSearch(
      '"refund" tz:Europe/Moscow before:2026-11-20 kind:delete actor:"Alice Smith" after:2026-11-01 actor:bob',
    );
    expect(printSearch(filter)).toBe(
      'actor:"Alice Smith" actor:bob kind:delete after:2026-10-31T21:00:00.000Z ' +
        'before:2026-11-19T21:00:00.000Z tz:Europe/Moscow refund',
    );
  });

  it('quotes values with spaces, quotes or backslashes, and empty ones', () => {
    expect(
      printSearch({ actors: ['a b', 'say "x"', 'back\\slash', ''], refs: ['url:http://x'] }),
    ).toBe('actor:"a b" actor:"say \\"x\\"" actor:"back\\\\slash" actor:"" ref:url:http://x');
  });

  it('writes text as bare words when it can and as one phrase otherwise', () => {
    expect(printSearch({ text: 'late fee' })).toBe('late fee');
    expect(printSearch({ text: 'late  fee' })).toBe('"late  fee"');
    expect(printSearch({ text: 'kind:delete' })).toBe('"kind:delete"');
    expect(printSearch({ text: 'say "hi"' })).toBe('"say \\"hi\\""');
    expect(printSearch({})).toBe('');
  });
});

const codePoint = (value: number) => String.fromCodePoint(value);
const PIECES = ['a', 'Z', '0', ' ', '\t', '"', '\\', ':', '.', '*', 'é', 'ß', '😀', '中'];
/** Non-empty trimmed text made of awkward characters and arbitrary code points. */
const text = (maxLength: number) =>
  fc
    .string({
      // Any code point; one integer each is many times cheaper to make than fast-check's 'binary'
      // unit, so the properties below stay quick on a busy machine.
      unit: fc.oneof(
        fc.constantFrom(...PIECES),
        fc.integer({ min: 0, max: 0x10ffff }).map(codePoint),
      ),
      minLength: 1,
      maxLength,
    })
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
const list = <T>(item: fc.Arbitrary<T>) => fc.uniqueArray(item, { minLength: 1, maxLength: 4 });
const recordKey = fc
  .tuple(fc.stringMatching(/^[^:\s]{1,6}$/), text(12))
  .map(([type, id]) => `${type}:${id}`)
  .filter((key) => !/[\n\r\u2028\u2029]/.test(key));
const action = fc.stringMatching(/^[a-zA-Z][\w-]{0,6}(\.[\w-]{1,6}){0,2}(\.\*)?$/);
const date = fc.date({
  min: new Date('0000-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const zones = ['UTC', 'Europe/Moscow', 'America/New_York', 'Asia/Kolkata', 'europe/moscow'];

const filters: fc.Arbitrary<ActivityFilter> = fc
  .record(
    {
      from: date,
      to: date,
      preset: fc.constantFrom(...PERIOD_PRESETS),
      timeZone: fc.constantFrom(...zones),
      actors: list(text(20)),
      roles: list(text(20)),
      actorTypes: list(fc.constantFrom(...ACTOR_TYPES)),
      kinds: list(fc.constantFrom(...EVENT_KINDS)),
      categories: list(text(20)),
      actions: list(action),
      subjectTypes: list(text(20)),
      subjects: list(recordKey),
      refs: list(recordKey),
      locations: list(text(20)),
      outcome: fc.constantFrom(...OUTCOMES),
      ips: list(text(20)),
      text: text(60),
    },
    { requiredKeys: [] },
  )
  .map((filter) => ({ ...filter }))
  .filter(({ from, to }) => from === undefined || to === undefined || from < to);

const quote = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;
const written = (value: string) => (/^[^\s"\\]+$/.test(value) ? value : quote(value));
const anyCase = (word: string) => fc.constantFrom(word, word.toUpperCase());
const field = (key: string, values: fc.Arbitrary<string>) =>
  fc.tuple(anyCase(key), values).map(([name, value]) => `${name}:${written(value)}`);
// Days well inside 0000–9999, so that their midnight in any zone is an instant those years can hold.
const day = fc
  .date({ min: new Date('1000-01-01'), max: new Date('9000-12-31'), noInvalidDate: true })
  .map((value) => value.toISOString().slice(0, 10));
/** Search strings that parse: loose spacing, any key case, free text, at most one of each single key. */
const searches = fc
  .tuple(
    fc.array(
      fc.oneof(
        field('actor', text(8)),
        field('kind', fc.constantFrom(...EVENT_KINDS).chain(anyCase)),
        field('ref', recordKey),
        field('action', action),
        field('location', text(8)),
        fc.stringMatching(/^[a-zé0-9]{1,8}$/),
        text(8).map(quote),
      ),
      { maxLength: 10 },
    ),
    fc.option(field('outcome', fc.constantFrom(...OUTCOMES))),
    fc.option(field('tz', fc.constantFrom(...zones))),
    fc.option(fc.tuple(day, day).filter(([a, b]) => a < b)),
    fc.constantFrom(' ', '  ', '\t', '\n '),
  )
  .map(([tokens, outcome, tz, range, space]) => {
    const dates = range ? [`after:${range[0]}`, `before:${range[1]}`] : [];
    return [...tokens, outcome, tz, ...dates].filter((token) => token !== null).join(space);
  });

describe('search syntax properties', () => {
  it('reads back every printed filter', () => {
    fc.assert(
      fc.property(filters, (filter) => {
        expect(parseSearch(printSearch(filter))).toStrictEqual(filter);
      }),
      { numRuns: 300 },
    );
  });

  it('prints a parsed search to a fixpoint that means the same filter', () => {
    fc.assert(
      fc.property(searches, (search) => {
        const filter = parseSearch(search);
        const printed = printSearch(filter);
        expect(parseSearch(printed)).toStrictEqual(filter);
        expect(printSearch(parseSearch(printed))).toBe(printed);
        expect(activityFilterSchema.parse(filter)).toStrictEqual(filter);
      }),
      { numRuns: 300 },
    );
  });
});
