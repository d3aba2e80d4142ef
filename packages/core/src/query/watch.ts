import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ActivityEvent,
  type ActivityPage,
  type ActivityQuery,
  type ActivityQueryInput,
  type ActivityScopeInput,
  isUlid,
  minUlidAt,
  resolvePeriod,
  ulidTime,
  type WeekDay,
} from '@activitykit/schema';
import { ActivityError } from '../errors.ts';
import { parseQuery } from './reader.ts';

/**
 * How far back each poll of `store.watch` looks by default, in ms: the one default of every live
 * view (the Express `GET /live` route and the tRPC `live` subscription take it too).
 *
 * @example
 * ```ts
 * store.watch(query, scope, { lookbackMs: 6 * DEFAULT_WATCH_LOOKBACK_MS }); // slow writers
 * ```
 */
export const DEFAULT_WATCH_LOOKBACK_MS = 5000;

/** Options of `store.watch`: where to resume, and how to poll. */
export interface WatchOptions {
  /** Resume after this event id (an SSE `Last-Event-ID`); without it, events from now on. */
  after?: string | undefined;
  /** Ends the watch. */
  signal?: AbortSignal | undefined;
  /** How often to look for new events. Defaults to `1000` ms. */
  pollIntervalMs?: number;
  /**
   * How far back each poll looks, so events that sat in another process's writer batch or journal
   * (their ids are older than events already seen) are not missed. Each poll re-reads this window:
   * keep it short on busy logs. Defaults to {@link DEFAULT_WATCH_LOOKBACK_MS} (`5000` ms).
   */
  lookbackMs?: number;
  /** The most events one poll reads before yielding them. Defaults to `1000`. */
  maxPerPoll?: number;
}

/** What watching needs from the store. */
export interface WatchDeps {
  list(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<ActivityPage<ActivityEvent>>;
  clock: () => Date;
  weekStartsOn: WeekDay;
}

/** The scope of a watch: fixed, or asked again before every poll (to follow revoked access). */
export type WatchScope = ActivityScopeInput | (() => Promise<ActivityScopeInput>);

const PAGE = 200;

/**
 * New events matching a query within a scope, each once, oldest id first — written by any process.
 * Polls the store (FerretDB has no change streams; polling also works on every MongoDB), re-reading
 * a short look-back window and remembering what it yielded. `cursor`, `limit` and `sort` of the
 * query are ignored; a `preset` is resolved again at each poll.
 */
export async function* watchEvents(
  deps: WatchDeps,
  params: { query: ActivityQueryInput; scope: WatchScope; options: WatchOptions },
): AsyncGenerator<ActivityEvent> {
  const { options } = params;
  const { signal } = options;
  if (options.after !== undefined && !isUlid(options.after)) {
    throw new ActivityError('INVALID_CURSOR', 'A watch resumes after an event id (a ULID).');
  }
  const query = parseQuery(params.query);
  const interval = options.pollIntervalMs ?? 1000;
  const lookback = options.lookbackMs ?? DEFAULT_WATCH_LOOKBACK_MS;
  const maxPerPoll = options.maxPerPoll ?? 1000;
  // Events at or below the floor were delivered (or predate the watch).
  const floor = options.after ?? minUlidAt(deps.clock().getTime());
  const inclusive = options.after === undefined;
  const seen = new Map<string, number>();
  let since = new Date(ulidTime(floor) - lookback);

  while (!signal?.aborted) {
    const pollStarted = deps.clock().getTime();
    const scope = typeof params.scope === 'function' ? await params.scope() : params.scope;
    const fetched: ActivityEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.list(
        { ...pollQuery(query, since, deps), ...(cursor ? { cursor } : {}) },
        scope,
      );
      fetched.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && fetched.length < maxPerPoll && !signal?.aborted);

    const fresh = fetched
      .filter((e) => !seen.has(e.id) && (e.id > floor || (inclusive && e.id === floor)))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const event of fresh) {
      seen.set(event.id, event.occurredAt.getTime());
      yield event;
    }
    // Read on from the last event when a poll stopped early; else from `lookback` before now.
    const last = fetched.at(-1);
    const next = cursor && last ? last.occurredAt : new Date(pollStarted - lookback);
    if (next > since) since = next;
    for (const [id, time] of seen) if (time < since.getTime()) seen.delete(id);
    if (!cursor) await sleep(interval, undefined, { signal }).catch(() => undefined);
  }
}

/** The query one poll reads: the user's filter from `since` (or later), oldest first. */
function pollQuery(query: ActivityQuery, since: Date, deps: WatchDeps): ActivityQueryInput {
  const { preset, cursor: _cursor, limit: _limit, sort: _sort, ...filter } = query;
  let { from, to } = filter;
  if (preset) {
    ({ from, to } = resolvePeriod(preset, {
      timeZone: filter.timeZone ?? 'UTC',
      now: deps.clock(),
      weekStartsOn: deps.weekStartsOn,
    }));
  }
  const start = from && from > since ? from : since;
  return { ...filter, from: start, ...(to ? { to } : {}), sort: 'asc', limit: PAGE };
}
