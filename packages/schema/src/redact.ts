import type { ActivityEvent, Change } from './event.ts';
import { isOpaqueValue } from './internal/values.ts';
import { createSecretNameMatcher, type SecretNameOptions } from './secretNames.ts';

/**
 * What a secret value is replaced with.
 *
 * @example
 * ```ts
 * createRedactor().redactValue({ password: 'hunter2' }).password === REDACTED; // true
 * ```
 */
export const REDACTED = '[redacted]';
/** What a reference back to an enclosing object is replaced with. */
export const CIRCULAR = '[circular]';

/**
 * Options of {@link createRedactor}: extra secret names (`deny`), names to keep (`allow`, which wins)
 * and whether `deny` replaces {@link DEFAULT_DENY} (`replaceDefaults`).
 */
export type RedactorOptions = SecretNameOptions;

/** HTTP headers as Node and Express give them. */
export type HeaderRecord = Record<string, string | string[] | undefined>;

/** The parts of an event that can hold secrets. */
export type RedactableEvent = Partial<
  Pick<ActivityEvent, 'changes' | 'snapshot' | 'metadata' | 'context'>
>;

/** Hides secrets by field name; every method returns new values and never mutates its input. */
export interface Redactor {
  /** Whether a field name holds a secret. */
  isSecret(name: string): boolean;
  /**
   * A deep copy with every secret field replaced by {@link REDACTED}. Walks plain objects, arrays,
   * `Map`s (string keys), `Set`s and class instances (copied as plain objects); keeps `Date`s, BSON
   * values (`ObjectId`…), binary data and regular expressions whole; replaces cycles by
   * {@link CIRCULAR}. A secret field whose value is `undefined` stays `undefined`.
   */
  redactValue<T>(value: T): T;
  /** Headers with `authorization`, `cookie`, `set-cookie`, `x-api-key`… replaced by {@link REDACTED}. */
  redactHeaders(headers: HeaderRecord): HeaderRecord;
  /**
   * Changes whose path has a secret segment (`user.password`, `cards[0].cvv`, `tokens.0`) become
   * `{ path, redacted: true }` — "changed, value hidden"; the others have `before` / `after` redacted
   * deeply.
   */
  redactChanges(changes: readonly Change[]): Change[];
  /**
   * A copy of the event with `changes`, `snapshot`, `metadata` and `context` redacted (secret query
   * parameters of `context.route` too).
   */
  redactEvent<TEvent extends RedactableEvent>(event: TEvent): TEvent;
}

/**
 * A redactor over {@link DEFAULT_DENY} plus your own names. Matching is by field name,
 * case-insensitive, ignoring `_`, `-`, spaces and dots; see {@link DEFAULT_DENY} for the rules.
 *
 * @example
 * ```ts
 * const redactor = createRedactor({ deny: ['ssn'], allow: ['tokenCount'] });
 * redactor.redactValue({ name: 'Ann', password: 'hunter2', tokenCount: 3 });
 * // { name: 'Ann', password: '[redacted]', tokenCount: 3 }
 * redactor.redactChanges([{ path: 'cards.0.cvv', before: '123', after: '456' }]);
 * // [{ path: 'cards.0.cvv', redacted: true }]
 * ```
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const isSecret = createSecretNameMatcher(options);

  const redactValue = <T>(value: T): T => walk(value, { isSecret, ancestors: [] }) as T;

  const redactHeaders = (headers: HeaderRecord): HeaderRecord => {
    const out: HeaderRecord = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = value !== undefined && isSecret(name) ? REDACTED : value;
    }
    return out;
  };

  const redactChanges = (changes: readonly Change[]): Change[] =>
    changes.map((change) => {
      if (change.redacted || pathSegments(change.path).some(isSecret)) {
        return { path: change.path, redacted: true };
      }
      const out: Change = { path: change.path };
      if ('before' in change) out.before = redactValue(change.before);
      if ('after' in change) out.after = redactValue(change.after);
      return out;
    });

  const redactEvent = <TEvent extends RedactableEvent>(event: TEvent): TEvent => {
    const out: RedactableEvent = { ...event };
    if (event.changes) out.changes = redactChanges(event.changes);
    if (event.snapshot) out.snapshot = redactValue(event.snapshot);
    if (event.metadata) out.metadata = redactValue(event.metadata);
    if (event.context) {
      const context = redactValue(event.context);
      if (typeof context.route === 'string') context.route = redactQuery(context.route, isSecret);
      out.context = context;
    }
    return out as TEvent;
  };

  return { isSecret, redactValue, redactHeaders, redactChanges, redactEvent };
}

interface WalkState {
  isSecret: (name: string) => boolean;
  /** Objects on the path from the root to the current value (a few: a stack beats a set). */
  ancestors: object[];
}

function walk(value: unknown, state: WalkState): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (isOpaqueValue(value)) return value;
  if (state.ancestors.includes(value)) return CIRCULAR;
  state.ancestors.push(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, state));
    if (value instanceof Set) return new Set([...value].map((item) => walk(item, state)));
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      for (const [key, item] of value) out.set(key, walkField(key, item, state));
      return out;
    }
    // Plain objects, and class instances flattened to their own enumerable fields, as plain
    // objects (or prototype-less ones, like the input). A `__proto__` key stays a plain field.
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> =
      Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const key of Object.keys(source)) {
      const item = walkField(key, source[key], state);
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[key] = item;
      }
    }
    return out;
  } finally {
    state.ancestors.pop();
  }
}

function walkField(key: unknown, value: unknown, state: WalkState): unknown {
  if (typeof key === 'string' && value !== undefined && state.isSecret(key)) return REDACTED;
  return walk(value, state);
}

/** `cards[0].cvv` → `['cards', '0', 'cvv']`. */
function pathSegments(path: string): string[] {
  return path.split(/[.[\]]+/).filter((segment) => segment.length > 0);
}

/** `/reset?token=abc&next=/` → `/reset?token=[redacted]&next=/`. */
function redactQuery(route: string, isSecret: (name: string) => boolean): string {
  const question = route.indexOf('?');
  if (question < 0) return route;
  const hash = route.indexOf('#', question);
  const end = hash < 0 ? route.length : hash;
  const query = route
    .slice(question + 1, end)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // Malformed escapes: judge the raw name.
      }
      return equals >= 0 && isSecret(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${route.slice(0, question + 1)}${query}${route.slice(end)}`;
}
