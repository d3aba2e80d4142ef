import { type ActivityQuery, type ResolvePeriodOptions, resolvePeriod } from '@activitykit/schema';
import { MAX_ACTOR_KEY_PREFIX } from '../internal/document.ts';

/**
 * Top-level equalities a query's filter implies, to send beside the whole filter: a server that
 * filters only by equality in the database (FerretDB) can then skip what cannot match, and the
 * answer stays the filter's. A list of one value is an equality; `refKeys` names one record; one
 * actor is `actorKeys` (see `EventDocument.actorKeys`).
 *
 * @example
 * ```ts
 * hoistedEqualities(parseQuery({ kinds: ['delete'], refs: ['customer:42'] }));
 * // { kind: 'delete', refKeys: 'customer:42' }
 * ```
 */
export function hoistedEqualities(
  query: Pick<ActivityQuery, 'kinds' | 'categories' | 'outcome' | 'refs' | 'actors'>,
): Record<string, string> {
  const hoisted: Record<string, string> = {};
  const only = (values: readonly string[] | undefined) =>
    values?.length === 1 ? values[0] : undefined;
  const kind = only(query.kinds);
  if (kind !== undefined) hoisted.kind = kind;
  const category = only(query.categories);
  if (category !== undefined) hoisted.category = category;
  if (query.outcome) hoisted.outcome = query.outcome;
  const ref = only(query.refs);
  if (ref !== undefined) hoisted.refKeys = ref;
  // Printable ASCII only: that is where lower-casing here and case-insensitive matching in the
  // server's regular expressions surely agree.
  const actor = only(query.actors);
  if (actor !== undefined && ACTOR_KEY.test(actor) && actor.length <= MAX_ACTOR_KEY_PREFIX) {
    hoisted.actorKeys = `k:${actor.toLowerCase()}`;
  }
  return hoisted;
}

const ACTOR_KEY = /^[\x21-\x7e]+$/;

/**
 * The period a query reads (its preset resolved in its zone, else `from` / `to`), as the filter
 * builder resolves it. `options` is the builder's `BuildFilterOptions` (typed here by what it reads,
 * so this module and `buildFilter.ts` do not import each other).
 */
export function periodOf(
  query: Pick<ActivityQuery, 'preset' | 'timeZone' | 'from' | 'to'>,
  options: Required<Pick<ResolvePeriodOptions, 'now' | 'weekStartsOn'>>,
): { from?: Date | undefined; to?: Date | undefined } {
  if (query.preset) {
    return resolvePeriod(query.preset, {
      now: options.now,
      timeZone: query.timeZone ?? 'UTC',
      weekStartsOn: options.weekStartsOn,
    });
  }
  return { from: query.from, to: query.to };
}
