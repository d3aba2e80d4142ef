import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from './event.ts';
import { CIRCULAR, createRedactor, REDACTED } from './redact.ts';
import { createSecretNameMatcher } from './secretNames.ts';

describe('secret names', () => {
  const isSecret = createSecretNameMatcher();

  it.each([
    'password',
    'Password',
    'userPassword',
    'password_confirmation',
    'passwd',
    'pass',
    'userPass',
    'pwd',
    'secret',
    'clientSecret',
    'token',
    'access_token',
    'refreshToken',
    'id_token',
    'api_token',
    'x-auth-token',
    'tokens',
    'Authorization',
    'proxy-authorization',
    'cookie',
    'Set-Cookie',
    'otp',
    'otpCode',
    'one_time_code',
    'pin',
    'PIN',
    'pinCode',
    'Card-Number',
    'card_number',
    'cardNumber',
    'pan',
    'ccnumber',
    'creditCard',
    'cvv',
    'cvv2',
    'CVC',
    'apiKey',
    'api_key',
    'x-api-key',
    'X-API-KEY',
    'private_key',
    'sessionId',
    'session id',
  ])('treats %s as secret', (name) => {
    expect(isSecret(name)).toBe(true);
  });

  it.each([
    'author',
    'passenger',
    'compass',
    'bypass',
    'spinner',
    'pinned',
    'company',
    'panel',
    'name',
    'email',
    'status',
    'cardType',
    'cardLast4',
  ])('keeps %s', (name) => {
    expect(isSecret(name)).toBe(false);
  });

  it('hides tokenCount by default (safety first) and keeps it when allowed', () => {
    expect(isSecret('tokenCount')).toBe(true);
    expect(createSecretNameMatcher({ allow: ['token_count'] })('tokenCount')).toBe(false);
  });

  it('adds deny entries and can replace the defaults', () => {
    const withSsn = createSecretNameMatcher({ deny: ['ssn', 'mothers maiden name'] });
    expect(withSsn('customerSSN')).toBe(true);
    expect(withSsn('ssnLast4')).toBe(true);
    expect(withSsn('lessons')).toBe(false);
    expect(withSsn('mothersMaidenName')).toBe(true);
    expect(withSsn('password')).toBe(true);
    const only = createSecretNameMatcher({ deny: ['ssn'], replaceDefaults: true });
    expect(only('password')).toBe(false);
    expect(only('ssn')).toBe(true);
  });
});

describe('createRedactor', () => {
  const redactor = createRedactor();

  it('redacts nested objects and arrays without mutating the input', () => {
    const input = {
      name: 'Ann',
      author: 'Bob',
      passenger: 'Cy',
      credentials: { user: 'ann', password: 'hunter2' },
      cards: [{ last4: '4242', cardNumber: '4242424242424242', cvv: '123' }],
    };
    const copy = structuredClone(input);
    expect(redactor.redactValue(input)).toEqual({
      name: 'Ann',
      author: 'Bob',
      passenger: 'Cy',
      credentials: REDACTED,
      cards: [{ last4: '4242', cardNumber: REDACTED, cvv: REDACTED }],
    });
    expect(input).toEqual(copy);
  });

  it('keeps Dates and ObjectIds, walks Maps and class instances, and survives cycles', () => {
    const id = { _bsontype: 'ObjectId', toHexString: () => '65f1a2b3c4d5e6f708192a3b' };
    const when = new Date('2026-01-02T03:04:05Z');
    class User {
      name = 'Ann';
      apiKey = 'k-1';
    }
    const loop: Record<string, unknown> = { name: 'loop', token: 't' };
    loop.self = loop;
    const out = redactor.redactValue({
      id,
      when,
      user: new User(),
      headers: new Map([['cookie', 'sid=1']]),
      loop,
    });
    expect(out.id).toBe(id);
    expect(out.when).toEqual(when);
    expect(out.when).not.toBe(when);
    expect(out.user).toEqual({ name: 'Ann', apiKey: REDACTED });
    expect(out.headers.get('cookie')).toBe(REDACTED);
    expect(out.loop).toEqual({ name: 'loop', token: REDACTED, self: CIRCULAR });
  });

  it('keeps a shared (non-cyclic) object in both places', () => {
    const shared = { city: 'Oslo' };
    expect(redactor.redactValue({ a: shared, b: shared })).toEqual({ a: shared, b: shared });
  });

  it('lets allow-list entries win over deny', () => {
    const custom = createRedactor({ allow: ['tokenCount'], deny: ['ssn'] });
    expect(custom.redactValue({ tokenCount: 5, token: 'x', ssn: '1' })).toEqual({
      tokenCount: 5,
      token: REDACTED,
      ssn: REDACTED,
    });
  });

  it('redacts secret headers', () => {
    expect(
      redactor.redactHeaders({
        authorization: 'Bearer abc',
        cookie: 'sid=1',
        'set-cookie': ['a=1', 'b=2'],
        'x-api-key': 'k',
        'user-agent': 'curl/8',
        accept: undefined,
      }),
    ).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-api-key': REDACTED,
      'user-agent': 'curl/8',
      accept: undefined,
    });
  });

  it('hides secret changes as "changed, value hidden" and redacts the others deeply', () => {
    expect(
      redactor.redactChanges([
        { path: 'user.password', before: 'a', after: 'b' },
        { path: 'cards[0].cvv', before: '111', after: '222' },
        { path: 'tokens.0', after: 'tok' },
        { path: 'profile', before: { name: 'A' }, after: { name: 'B', pin: '1234' } },
        { path: 'email', before: 'a@x.io', after: 'b@x.io' },
      ]),
    ).toEqual([
      { path: 'user.password', redacted: true },
      { path: 'cards[0].cvv', redacted: true },
      { path: 'tokens.0', redacted: true },
      { path: 'profile', before: { name: 'A' }, after: { name: 'B', pin: REDACTED } },
      { path: 'email', before: 'a@x.io', after: 'b@x.io' },
    ]);
  });

  it('redacts every secret-bearing part of an event and returns a new object', () => {
    const event: Partial<ActivityEvent> = {
      action: 'user.updated',
      changes: [{ path: 'password', before: 'old', after: 'new' }],
      snapshot: { name: 'Ann', passwordHash: 'h' },
      metadata: { apiKey: 'k', plan: 'pro' },
      context: { ip: '10.0.0.1', route: '/reset?token=abc&next=%2Fhome&Password=x' },
    };
    const out = redactor.redactEvent(event);
    expect(out).not.toBe(event);
    expect(out).toEqual({
      action: 'user.updated',
      changes: [{ path: 'password', redacted: true }],
      snapshot: { name: 'Ann', passwordHash: REDACTED },
      metadata: { apiKey: REDACTED, plan: 'pro' },
      context: {
        ip: '10.0.0.1',
        route: `/reset?token=${REDACTED}&next=%2Fhome&Password=${REDACTED}`,
      },
    });
    expect(event.changes?.[0]?.before).toBe('old');
    expect(event.context?.route).toContain('token=abc');
  });
});

const SECRET_KEYS = [
  'password',
  'userPassword',
  'Card-Number',
  'card_number',
  'cvv',
  'x-api-key',
  'accessToken',
  'refresh_token',
  'Authorization',
  'otp',
  'pin',
  'client_secret',
];
const PUBLIC_KEYS = ['name', 'author', 'passenger', 'compass', 'city', 'items', 'note', 'status'];

type Tree = { leaf: true } | { list: Tree[] } | { entries: [string, boolean, Tree][] };

describe('the default deny-list', () => {
  it('hides tokens, sessions, keys, client secrets and social security numbers in an event', () => {
    const names = [
      'jwt',
      'id_token',
      'refresh_token',
      'session',
      'private_key',
      'client_secret',
      'ssn',
    ];
    const values = Object.fromEntries(names.map((name) => [name, `value of ${name}`]));
    const event = createRedactor().redactEvent({
      action: 'user.signed_in',
      metadata: { ...values, nested: { ...values } },
      changes: names.map((path) => ({ path, before: 'old', after: 'new' })),
    } as unknown as ActivityEvent);
    const text = JSON.stringify(event);
    for (const name of names) expect(text).not.toContain(`value of ${name}`);
    expect(event.changes?.every((change) => change.redacted === true)).toBe(true);
    // Names that only look alike stay readable.
    const kept = createRedactor().redactEvent({
      action: 'a',
      metadata: { jwtAlgorithmCount: 1, assn: 'x', sessionless: true },
    } as unknown as ActivityEvent);
    expect(kept.metadata).toMatchObject({ assn: 'x' });
  });
});

describe('redaction property', () => {
  const key = fc.oneof(
    fc.constantFrom(...SECRET_KEYS).map((name) => [name, true] as const),
    fc.constantFrom(...PUBLIC_KEYS).map((name) => [name, false] as const),
  );
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant<Tree>({ leaf: true }),
      fc.array(tie('tree'), { maxLength: 4 }).map((list): Tree => ({ list })),
      fc
        .uniqueArray(fc.tuple(key, tie('tree')), { maxLength: 5, selector: ([[name]]) => name })
        .map(
          (pairs): Tree => ({
            entries: pairs.map(([[name, secret], child]) => [name, secret, child]),
          }),
        ),
    ),
  }));

  it('never lets a secret value through and keeps every other value', () => {
    fc.assert(
      fc.property(tree, fc.string({ maxLength: 8 }), (shape, salt) => {
        let counter = 0;
        const secrets: string[] = [];
        const publics: { path: (string | number)[]; value: string }[] = [];
        const build = (node: Tree, path: (string | number)[], hidden: boolean): unknown => {
          if ('leaf' in node) {
            const value = `<<v${counter++}:${salt}>>`;
            if (hidden) secrets.push(value);
            else publics.push({ path, value });
            return value;
          }
          if ('list' in node)
            return node.list.map((child, i) => build(child, [...path, i], hidden));
          return Object.fromEntries(
            node.entries.map(([name, secret, child]) => [
              name,
              build(child, [...path, name], hidden || secret),
            ]),
          );
        };
        const input = build(shape, [], false);
        const text = JSON.stringify(createRedactor().redactValue(input));
        for (const value of secrets) expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
        const output = JSON.parse(text) as unknown;
        for (const { path, value } of publics) {
          let at: unknown = output;
          for (const step of path) at = (at as Record<string | number, unknown>)[step];
          expect(at).toBe(value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
