/**
 * The in-memory twin of the store's MongoDB filter: which events a validated filter and a scope
 * select, the same ones the database selects for them (core's property test over the dev database
 * holds the two together). The store's live streams and the React kit's memory source both use it.
 */
import { type ActivityEvent, parseRefKey, refKey } from './event.ts';
import { resolvePeriod, type WeekDay } from './period.ts';
import type { ActivityFilter } from './query.ts';
import type { ActivityScope } from './scope.ts';

/** Whether an event is one a reader asked for. */
export type EventPredicate = (event: ActivityEvent) => boolean;

/** What resolving a filter's period needs. */
export interface MatchOptions {
  now: Date;
  weekStartsOn: WeekDay;
}

/** The events every one of `filters` selects (see {@link filterPredicate}). */
export function filtersPredicate(
  filters: readonly ActivityFilter[],
  options: MatchOptions,
): EventPredicate {
  const tests = filters.map((filter) => filterPredicate(filter, options));
  return (event) => tests.every((test) => test(event));
}

/**
 * The in-memory twin of `scopeClauses`: the scope's tenants, its roles (events whose actor has
 * no role stay visible within the scope's tenants), and its records (`refs`) and kinds, if it
 * names any.
 */
export function scopePredicate(scope: ActivityScope): EventPredicate {
  const tenants = scope.tenants === '*' ? undefined : new Set(scope.tenants);
  const roles = scope.roles === '*' ? undefined : new Set(scope.roles);
  const refs = scope.refs && new Set(scope.refs);
  const kinds = scope.kinds && new Set<string>(scope.kinds);
  return (event) =>
    (!kinds || kinds.has(event.kind)) &&
    (!tenants || tenants.has(event.tenantId)) &&
    (!roles || event.actor.role === undefined || roles.has(event.actor.role)) &&
    (!refs || event.refs.some((ref) => refs.has(refKey(ref))));
}

/**
 * The in-memory twin of `filterClauses`: the events a validated filter selects, the same ones the
 * database selects for it (a property test over the dev database holds the two together). Lists
 * are ORed within a field and fields are ANDed; text matches ignore case as `$regex` with `i`.
 */
export function filterPredicate(filter: ActivityFilter, options: MatchOptions): EventPredicate {
  const tests: EventPredicate[] = [];
  const period = filter.preset
    ? resolvePeriod(filter.preset, {
        now: options.now,
        timeZone: filter.timeZone ?? 'UTC',
        weekStartsOn: options.weekStartsOn,
      })
    : { from: filter.from, to: filter.to };
  const { from, to } = period;
  if (from) tests.push((e) => e.occurredAt.getTime() >= from.getTime());
  if (to) tests.push((e) => e.occurredAt.getTime() < to.getTime());
  const { actors } = filter;
  if (actors) tests.push(actorPredicate(actors));
  const lists: [readonly string[] | undefined, (e: ActivityEvent) => unknown][] = [
    [filter.roles, (e) => e.actor.role],
    [filter.actorTypes, (e) => e.actor.type],
    [filter.kinds, (e) => e.kind],
    [filter.categories, (e) => e.category],
    [filter.subjectTypes, (e) => e.subject?.type],
    [filter.refs, (e) => e.refs.map(refKey)],
    [filter.locations, (e) => e.context.location],
    [filter.ips, (e) => e.context.ip],
    [filter.ids, (e) => e.id],
  ];
  for (const [values, field] of lists) if (values) tests.push(inList(values, field));
  if (filter.actions) tests.push(actionPredicate(filter.actions));
  if (filter.subjects) {
    const subjects = filter.subjects.map(parseRefKey).filter((ref) => ref !== undefined);
    tests.push((e) =>
      subjects.some((ref) => e.subject?.type === ref.type && e.subject.id === ref.id),
    );
  }
  const { outcome } = filter;
  if (outcome) tests.push((e) => e.outcome === outcome);
  if (filter.text) {
    const pattern = caseless(escapeRegExp(filter.text));
    tests.push((e) =>
      [
        e.description,
        e.subject?.label,
        ...e.refs.map((ref) => ref.label),
        e.actor.name,
        e.actor.email,
        e.action,
      ].some((value) => typeof value === 'string' && pattern.test(value)),
    );
  }
  return (event) => tests.every((test) => test(event));
}

/**
 * Actors by id (exactly), e-mail (ignoring case) or the start of their name or of a word of it
 * (ignoring case): the twin of `actorClause`, with its patterns. Schema's `actorMatches` states
 * the same rule but folds case with `toLowerCase` and counts any Unicode space as a word break,
 * so it differs from the database on a few characters (the long s "ſ" matches "s" in the
 * database; a no-break space does not start a word there).
 */
function actorPredicate(actors: readonly string[]): EventPredicate {
  const ids = new Set(actors);
  const emails = actors.map((actor) => caseless(`^${escapeRegExp(actor)}$`));
  const names = actors.map((actor) => caseless(`(?:^|${SPACE})${escapeRegExp(actor)}`));
  return ({ actor }) =>
    ids.has(actor.id) ||
    (typeof actor.email === 'string' &&
      emails.some((email) => email.test(actor.email as string))) ||
    (typeof actor.name === 'string' && names.some((name) => name.test(actor.name as string)));
}

/** `\s` of the servers' regular expressions: ASCII whitespace only (RE2; PCRE adds `\v`). */
const SPACE = '[\\t\\n\\f\\r ]';

/** `$in`: the field (or, for an array field, one of its items) is one of `values`. */
function inList(
  values: readonly string[],
  field: (event: ActivityEvent) => unknown,
): EventPredicate {
  const wanted = new Set(values);
  return (event) => {
    const value = field(event);
    return Array.isArray(value)
      ? value.some((item) => wanted.has(item))
      : typeof value === 'string' && wanted.has(value);
  };
}

/** Exact actions, or prefixes written `order.*` (case-sensitive, as the database matches them). */
function actionPredicate(actions: readonly string[]): EventPredicate {
  const exact = new Set(actions.filter((action) => !action.endsWith('.*')));
  const prefixes = actions.filter((action) => action.endsWith('.*')).map((a) => a.slice(0, -1));
  return (event) =>
    exact.has(event.action) || prefixes.some((prefix) => event.action.startsWith(prefix));
}

/**
 * A case-insensitive pattern that folds case as the servers' regular expressions do (Go's RE2 in
 * FerretDB, PCRE in MongoDB): by Unicode simple case folding, hence the `u` flag.
 */
function caseless(source: string): RegExp {
  return new RegExp(source, 'iu');
}

/** `text` with every regular-expression character escaped (the same in PCRE and RE2). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
