import { describe, expect, it } from 'vitest';
import type { Actor } from './event.ts';
import {
  actorMatches,
  actorSuggestionQuerySchema,
  collectActorSuggestions,
  nameHasPrefix,
  suggestionMatches,
} from './searchActors.ts';

const alice: Actor = { id: 'u-alice', type: 'user', name: 'Alice', email: 'Alice@Acme.test' };
const tom: Actor = { id: 'u-7', type: 'user', name: 'Tom Hanks', role: 'staff' };
const anna: Actor = { id: 'u-8', type: 'user', name: 'Anna Tomlin' };

describe('actorMatches', () => {
  it.each([
    [alice, 'alice', true],
    [alice, 'ALI', true],
    [alice, 'u-alice', true],
    [alice, 'alice@acme.test', true],
    [alice, 'alice@acme', false],
    [alice, 'U-ALICE', false],
    [alice, 'lice', false],
    [tom, 'tom', true],
    [tom, 'Tom', true],
    [tom, 'hanks', true],
    [tom, 'tom h', true],
    [anna, 'tom', true],
    [anna, 'omlin', false],
    [tom, '', false],
  ] as const)('%o with %j → %s', (actor, value, expected) => {
    expect(actorMatches(actor, value)).toBe(expected);
  });

  it('treats regular-expression characters as text', () => {
    expect(nameHasPrefix('A.B Jones', 'a.b')).toBe(true);
    expect(nameHasPrefix('AxB Jones', 'a.b')).toBe(false);
    expect(nameHasPrefix('Jo (Admin)', '(admin')).toBe(true);
  });
});

describe('collectActorSuggestions', () => {
  it('suggests each actor once, whole-name prefixes first, then the most frequent', () => {
    const actors = [anna, tom, anna, anna, { ...tom, name: 'Tom Hanks' }, alice];
    const query = actorSuggestionQuerySchema.parse({ prefix: 'to' });
    expect(collectActorSuggestions(actors, query).map((s) => s.id)).toEqual(['u-7', 'u-8']);
  });

  it('keeps the newest name, and gives the value that finds the actor', () => {
    const renamed = { ...tom, name: 'Tom Hanks Jr' };
    const [first] = collectActorSuggestions([renamed, tom], { prefix: 'tom', limit: 5 });
    expect(first).toEqual({ ...renamed, value: 'Tom Hanks Jr' });
    const [withEmail] = collectActorSuggestions([alice], { prefix: 'a', limit: 5 });
    expect(withEmail?.value).toBe('Alice@Acme.test');
  });

  it('falls back to the id when the name would also find another suggestion', () => {
    const toms = [
      { id: 'u-1', type: 'user', name: 'Tom' },
      { id: 'u-2', type: 'user', name: 'Tom Tailor' },
    ] as const;
    const values = collectActorSuggestions(toms, { prefix: 'tom', limit: 5 }).map((s) => s.value);
    expect(values).toEqual(['u-1', 'Tom Tailor']);
  });

  it('matches e-mail and id prefixes, and honours the limit', () => {
    expect(suggestionMatches(alice, 'alice@ac')).toBe(true);
    expect(suggestionMatches(tom, 'U-')).toBe(true);
    expect(collectActorSuggestions([alice, tom, anna], { prefix: 'u-', limit: 2 })).toHaveLength(2);
  });

  it('refuses an empty or oversized prefix and an oversized limit', () => {
    expect(actorSuggestionQuerySchema.safeParse({ prefix: '  ' }).success).toBe(false);
    expect(actorSuggestionQuerySchema.safeParse({ prefix: 'a'.repeat(101) }).success).toBe(false);
    expect(actorSuggestionQuerySchema.safeParse({ prefix: 'a', limit: 21 }).success).toBe(false);
    expect(actorSuggestionQuerySchema.safeParse({ prefix: { $ne: 1 } }).success).toBe(false);
  });
});
