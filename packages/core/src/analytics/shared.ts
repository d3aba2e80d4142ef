import { isValidTimeZone, type PeriodRange, type SignalEvent } from '@activitykit/schema';
import type { Filter } from 'mongodb';
import { ActivityError } from '../errors.ts';
import { compareEvents, type EventDocument } from '../internal/document.ts';

/** A ready MongoDB filter: the scope and the user's filters, built by the store's query builder. */
export type EventMatch = Filter<EventDocument>;

/**
 * A successful sign-in.
 *
 * @example
 * ```ts
 * collection.countDocuments({ $and: [match, SUCCESSFUL_LOGIN] });
 * ```
 */
export const SUCCESSFUL_LOGIN: EventMatch = { kind: 'login', outcome: 'success' };

/**
 * A failed sign-in: a `login_failed` event whatever its outcome (the writer defaults outcomes to
 * `success`), or a `login` whose outcome is `failure`.
 *
 * @example
 * ```ts
 * collection.countDocuments({ $and: [match, FAILED_LOGIN] });
 * ```
 */
export const FAILED_LOGIN: EventMatch = {
  $or: [{ kind: 'login_failed' }, { kind: 'login', outcome: 'failure' }],
};

/**
 * `match`, further confined to `range` and to every extra clause.
 *
 * @example
 * ```ts
 * within({ tenantId: 'acme' }, range, { kind: 'delete' });
 * // { $and: [{ tenantId: 'acme' }, { occurredAt: { $gte: from, $lt: to } }, { kind: 'delete' }] }
 * ```
 */
export function within(match: EventMatch, range: PeriodRange, ...more: EventMatch[]): EventMatch {
  return {
    $and: [match, { occurredAt: { $gte: range.from, $lt: range.to } }, ...more],
  } as EventMatch;
}

/**
 * Throws `INVALID_QUERY` unless `range` is a non-empty range of valid dates and `timeZone` known.
 *
 * @example
 * ```ts
 * checkRangeAndZone({ from, to }, 'Mars/Base'); // throws: Unknown time zone "Mars/Base" …
 * ```
 */
export function checkRangeAndZone(range: PeriodRange, timeZone: string): void {
  const from = range?.from;
  const to = range?.to;
  if (
    !(from instanceof Date) ||
    !(to instanceof Date) ||
    Number.isNaN(from.getTime() + to.getTime())
  ) {
    throw new ActivityError('INVALID_QUERY', 'Analytics need a range { from, to } of valid Dates.');
  }
  if (from.getTime() >= to.getTime()) {
    throw new ActivityError('INVALID_QUERY', 'The range is empty: `from` must be before `to`.');
  }
  if (!isValidTimeZone(timeZone)) {
    throw new ActivityError(
      'INVALID_QUERY',
      `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like Europe/Moscow.`,
    );
  }
}

/**
 * Throws `INVALID_QUERY` unless `value` is an integer in `[min, max]`.
 *
 * @example
 * ```ts
 * checkInteger('topActions', 0, [1, 100]); // throws: `topActions` must be a whole number from 1 to 100, not 0.
 * ```
 */
export function checkInteger(name: string, value: number, [min, max]: [number, number]): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ActivityError(
      'INVALID_QUERY',
      `\`${name}\` must be a whole number from ${min} to ${max}, not ${String(value)}.`,
    );
  }
}

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the order.
 *
 * @example
 * ```ts
 * const firsts = await mapLimit(actorIds, 8, (id) => collection.findOne({ 'actor.id': id }));
 * ```
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A grouped count as FerretDB and MongoDB return it: one `$sum` accumulator named `n`. */
export interface GroupRow<TId> {
  _id: TId;
  n: number;
}

/** Oldest first, then by id, as `sort({ occurredAt: 1, _id: 1 })` orders them. */
export function sortEvents<T extends { occurredAt: Date; _id: string }>(events: T[]): T[] {
  return events.sort(compareEvents);
}

/**
 * Reads in flight at once, per step of one analytics request. On the dev database a request is
 * bound by the server's CPU, not by waiting: 2, 4 or 8 gave the same time at 100k events.
 */
export const READS_IN_FLIGHT = 4;

/** Events per kind and per outcome, and the sign-in figures, of a stats request. */
export interface KindTally {
  kinds: Map<string, number>;
  outcomes: Map<string, number>;
  auth: { logins: number; failures: number; logouts: number; failureRate: number };
}

/**
 * Adds up counts per kind and outcome: events per kind, per outcome, and the sign-ins — successful
 * logins, failed ones (`login_failed`, or `login` with outcome `failure`), logouts, and the share
 * of attempts that failed.
 *
 * @example
 * ```ts
 * tallyKinds([{ kind: 'login', outcome: 'failure', n: 1 }, { kind: 'login', outcome: 'success', n: 3 }]).auth;
 * // { logins: 3, failures: 1, logouts: 0, failureRate: 0.25 }
 * ```
 */
export function tallyKinds(
  rows: Iterable<{ kind: string; outcome: string; n: number }>,
): KindTally {
  const kinds = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const auth = { logins: 0, failures: 0, logouts: 0 };
  for (const { kind, outcome, n } of rows) {
    kinds.set(kind, (kinds.get(kind) ?? 0) + n);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + n);
    if (kind === 'login' && outcome === 'success') auth.logins += n;
    if (kind === 'login_failed' || (kind === 'login' && outcome === 'failure')) auth.failures += n;
    if (kind === 'logout') auth.logouts += n;
  }
  const attempts = auth.logins + auth.failures;
  return {
    kinds,
    outcomes,
    auth: { ...auth, failureRate: attempts === 0 ? 0 : auth.failures / attempts },
  };
}

/**
 * One actor's events by top-level equality: `actorKeys` (which FerretDB looks up) narrows to the
 * actors whose id lower-cases alike, `$and` to the actor.
 *
 * @example
 * ```ts
 * collection.find({ tenantId: 'acme', day: '2026-12-05', ...actorEquality('U-Ann') });
 * // { actorKeys: 'k:u-ann', $and: [{ 'actor.id': 'U-Ann' }] }
 * ```
 */
export function actorEquality(actorId: string): { actorKeys: string; $and: EventMatch[] } {
  return { actorKeys: `k:${actorId.toLowerCase()}`, $and: [{ 'actor.id': actorId }] };
}

/**
 * A stored event as the signal rules read it (their `id` is the document's `_id`).
 *
 * @example
 * ```ts
 * failedLoginIpSignals(docs.map(signalEvent), settings);
 * ```
 */
export const signalEvent = (doc: EventDocument): SignalEvent => ({ ...doc, id: doc._id });
