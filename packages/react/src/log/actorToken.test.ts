import { describe, expect, it } from 'vitest';
import { actorTokenAt, replaceActorToken } from './actorToken.ts';

describe('actorTokenAt', () => {
  it.each([
    ['actor:al', 8, { start: 0, end: 8, prefix: 'al' }],
    ['kind:delete actor:al', 20, { start: 12, end: 20, prefix: 'al' }],
    ['kind:delete Actor:al x', 19, { start: 12, end: 20, prefix: 'a' }],
    ['actor:"Alice Sm', 15, { start: 0, end: 15, prefix: 'Alice Sm' }],
    ['actor:"A \\"B', 12, { start: 0, end: 12, prefix: 'A "B' }],
    ['actor:', 6, { start: 0, end: 6, prefix: '' }],
  ])('finds the actor token of %j at %i', (text, caret, token) => {
    expect(actorTokenAt(text, caret)).toEqual(token);
  });

  it.each([
    ['kind:delete', 11],
    ['actor:al kind:x', 15],
    ['actor:al ', 9],
    ['actor:"Alice Smith"', 19],
    ['"actor:al"', 9],
  ])('finds none in %j at %i', (text, caret) => {
    expect(actorTokenAt(text, caret)).toBeUndefined();
  });
});

describe('replaceActorToken', () => {
  it('writes the value as the syntax needs it, with a space after it', () => {
    const text = 'actor:al kind:delete';
    const token = actorTokenAt(text, 8);
    expect(token && replaceActorToken(text, token, 'Alice Smith')).toEqual({
      text: 'actor:"Alice Smith" kind:delete',
      caret: 20,
    });
    const end = 'kind:delete actor:b';
    const last = actorTokenAt(end, end.length);
    expect(last && replaceActorToken(end, last, 'bob@example.com')).toEqual({
      text: 'kind:delete actor:bob@example.com ',
      caret: 34,
    });
  });
});
