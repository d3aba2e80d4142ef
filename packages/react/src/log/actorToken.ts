import { printSearch } from '@activitykit/schema';

/** The `actor:` token the caret is in: where it is, and the value typed up to the caret. */
export interface ActorToken {
  /** Offset of the token's first character. */
  start: number;
  /** Offset just past the token. */
  end: number;
  /** The value between the colon and the caret, unquoted. */
  prefix: string;
}

const WHITESPACE = /\s/;

/**
 * The `actor:` token of a search string that the caret is in or just after, if any, e.g. `actor:al`
 * with the caret after `al`, or `Actor:"Alice Sm` in an unfinished quote.
 *
 * @example
 * ```ts
 * actorTokenAt('kind:delete actor:al', 20); // { start: 12, end: 20, prefix: 'al' }
 * ```
 */
export function actorTokenAt(text: string, caret: number): ActorToken | undefined {
  let start = -1;
  let quoted = false;
  for (let index = 0; index <= text.length; index++) {
    const char = text.charAt(index);
    const atEnd = index === text.length;
    if (start === -1) {
      if (!atEnd && !WHITESPACE.test(char)) {
        start = index;
        quoted = char === '"';
      }
      continue;
    }
    if (!atEnd && char === '\\' && quoted) {
      index += 1;
      continue;
    }
    if (!atEnd && char === '"' && index > start) quoted = !quoted;
    if (atEnd || (!quoted && WHITESPACE.test(char))) {
      if (caret >= start && caret <= index) return readToken(text, { start, end: index, caret });
      if (caret < start) return undefined;
      start = -1;
    }
  }
  return undefined;
}

function readToken(
  text: string,
  span: { start: number; end: number; caret: number },
): ActorToken | undefined {
  const typed = text.slice(span.start, span.caret);
  if (!/^actor:/i.test(typed)) return undefined;
  let value = typed.slice('actor:'.length);
  if (value.startsWith('"')) value = value.slice(1).replace(/\\(["\\])/g, '$1');
  if (value.endsWith('"')) return undefined; // a finished quoted value
  return { start: span.start, end: span.end, prefix: value };
}

/**
 * `text` with the token at `token` replaced by `actor:<value>` (quoted when needed) and a space,
 * and where the caret goes: after that space.
 *
 * @example
 * ```ts
 * replaceActorToken('actor:al kind:delete', { start: 0, end: 8, prefix: 'al' }, 'Alice Smith');
 * // { text: 'actor:"Alice Smith" kind:delete', caret: 20 }
 * ```
 */
export function replaceActorToken(
  text: string,
  token: ActorToken,
  value: string,
): { text: string; caret: number } {
  const inserted = `${printSearch({ actors: [value] })} `;
  const rest = text.slice(token.end).replace(/^\s+/, '');
  return {
    text: `${text.slice(0, token.start)}${inserted}${rest}`,
    caret: token.start + inserted.length,
  };
}
