/**
 * How an actor filter (`actor:tom`, `actors: ['tom']`) and actor suggestions match actors. The
 * store builds the same rules as MongoDB filters; in-memory sources use these functions.
 */
import { z } from 'zod';
import { type Actor, actorSchema } from './event.ts';

/** The most suggestions one call may ask for. */
export const MAX_ACTOR_SUGGESTIONS = 20;
/** Suggestions when the call names no `limit`. */
export const DEFAULT_ACTOR_SUGGESTIONS = 8;

/** What to suggest: actors whose name, a word of it, e-mail or id starts with `prefix`. */
export const actorSuggestionQuerySchema = z.strictObject({
  /** What the reader typed so far (trimmed, 1–100 characters). */
  prefix: z.string().trim().min(1).max(100),
  /** How many to suggest, 1–20. Defaults to `8`. */
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_ACTOR_SUGGESTIONS)
    .default(DEFAULT_ACTOR_SUGGESTIONS),
});
/** What to suggest; see {@link actorSuggestionQuerySchema}. */
export type ActorSuggestionQuery = z.infer<typeof actorSuggestionQuerySchema>;
/** What to suggest, as a caller writes it. */
export type ActorSuggestionQueryInput = z.input<typeof actorSuggestionQuerySchema>;

/** One suggested actor, as last seen in the reader's scope. */
export const actorSuggestionSchema = actorSchema.extend({
  /**
   * What to write in an actor filter to find this actor: the e-mail when there is one, else the
   * name when it finds no other suggested actor, else the id.
   */
  value: z.string(),
});
/** One suggested actor; see {@link actorSuggestionSchema}. */
export type ActorSuggestion = z.infer<typeof actorSuggestionSchema>;

const WHITESPACE = /\s/;

/**
 * Whether `name` starts with `prefix`, or a word of it does (a word starts after whitespace),
 * ignoring case.
 *
 * @example
 * ```ts
 * nameHasPrefix('Alice Smith', 'smi'); // true
 * nameHasPrefix('Alice Smith', 'lice'); // false
 * ```
 */
export function nameHasPrefix(name: string, prefix: string): boolean {
  const lower = name.toLowerCase();
  const wanted = prefix.toLowerCase();
  for (let start = 0; start < lower.length; start++) {
    const atWord = start === 0 || WHITESPACE.test(lower.charAt(start - 1));
    if (atWord && lower.startsWith(wanted, start)) return true;
  }
  return false;
}

/**
 * Whether an actor filter value finds `actor`: its id exactly, its e-mail ignoring case, or the
 * start of its name or of a word of its name, ignoring case (`tom` finds "Tom Hanks" and "Anna
 * Tomlin"; `u-alice` finds the actor with that id).
 *
 * @example
 * ```ts
 * const alice = { id: 'u-alice', type: 'user', name: 'Alice Smith', email: 'alice@acme.test' } as const;
 * actorMatches(alice, 'alice'); // true: the name starts with it
 * actorMatches(alice, 'ALICE@acme.test'); // true
 * actorMatches(alice, 'u-ali'); // false: ids match whole
 * ```
 */
export function actorMatches(actor: Actor, value: string): boolean {
  if (value === '') return false;
  return (
    actor.id === value ||
    (actor.email !== undefined && actor.email.toLowerCase() === value.toLowerCase()) ||
    (actor.name !== undefined && nameHasPrefix(actor.name, value))
  );
}

/**
 * Whether an actor is a suggestion for `prefix`: its name or a word of it, its e-mail or its id
 * starts with it, ignoring case.
 *
 * @example
 * ```ts
 * suggestionMatches({ id: 'u-42', type: 'user', name: 'Anna Tomlin' }, 'tom'); // true
 * ```
 */
export function suggestionMatches(actor: Actor, prefix: string): boolean {
  const wanted = prefix.toLowerCase();
  return (
    (actor.name !== undefined && nameHasPrefix(actor.name, prefix)) ||
    (actor.email?.toLowerCase().startsWith(wanted) ?? false) ||
    actor.id.toLowerCase().startsWith(wanted)
  );
}

/**
 * The suggestions among `actors` (newest first, as a store reads events): one per actor id, as
 * last seen; actors whose whole name starts with the prefix first, then by how often they appear,
 * then by name.
 *
 * @example
 * ```ts
 * collectActorSuggestions(events.map((e) => e.actor), { prefix: 'al', limit: 8 });
 * // [{ id: 'u-alice', type: 'user', name: 'Alice Smith', value: 'alice@acme.test', … }]
 * ```
 */
export function collectActorSuggestions(
  actors: Iterable<Actor>,
  query: ActorSuggestionQuery,
): ActorSuggestion[] {
  const seen = new Map<string, { actor: Actor; count: number }>();
  for (const actor of actors) {
    const entry = seen.get(actor.id);
    if (entry) entry.count += 1;
    else if (suggestionMatches(actor, query.prefix)) seen.set(actor.id, { actor, count: 1 });
  }
  const wanted = query.prefix.toLowerCase();
  const rank = (actor: Actor) => (actor.name?.toLowerCase().startsWith(wanted) ? 0 : 1);
  const chosen = [...seen.values()]
    .sort(
      (a, b) =>
        rank(a.actor) - rank(b.actor) ||
        b.count - a.count ||
        (a.actor.name ?? a.actor.id).localeCompare(b.actor.name ?? b.actor.id),
    )
    .slice(0, query.limit)
    .map((entry) => entry.actor);
  return chosen.map((actor) => {
    const { id, type, name, email, role } = actor;
    const nameIsEnough =
      name !== undefined && chosen.every((other) => other === actor || !actorMatches(other, name));
    const value = email ?? (nameIsEnough ? name : id);
    return {
      id,
      type,
      ...(name === undefined ? {} : { name }),
      ...(email === undefined ? {} : { email }),
      ...(role === undefined ? {} : { role }),
      value,
    };
  });
}
