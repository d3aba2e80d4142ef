import {
  type ActivityEvent,
  type ActivityPage,
  type ActivityQuery,
  type ActivityQueryInput,
  type ActivityScopeInput,
  type EventPredicate,
  filtersPredicate,
  isUlid,
  minUlidAt,
  resolvePeriod,
  scopePredicate,
  ulidTime,
  type WeekDay,
} from '@activitykit/schema';
import { ActivityError } from '../errors.ts';
import { Inbox } from './inbox.ts';
import type { LiveHub, PollSettings } from './liveHub.ts';
import { parseQuery, parseScope, queryFilters } from './readInputs.ts';

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
  /**
   * How often to look for new events. The store's one poller polls as often as its most eager
   * watcher asks. Defaults to `1000` ms.
   */
  pollIntervalMs?: number;
  /**
   * How far back each poll looks, so events that sat in another process's writer batch or journal
   * (their ids are older than events already seen) are not missed. Each poll re-reads this window:
   * keep it short on busy logs. The store's one poller looks as far back as its watchers ask.
   * Defaults to {@link DEFAULT_WATCH_LOOKBACK_MS} (`5000` ms).
   */
  lookbackMs?: number;
  /** The most events one poll reads before handing them out. Defaults to `1000`. */
  maxPerPoll?: number;
}

/** What watching needs from the store. */
export interface WatchDeps {
  /** The store's live hub: its one poller. */
  hub: LiveHub;
  /** The scoped reader, for catching up after a resume point. */
  list(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<ActivityPage<ActivityEvent>>;
  clock: () => Date;
  weekStartsOn: WeekDay;
}

/** The scope of a watch: fixed, or asked again before every poll (to follow revoked access). */
export type WatchScope = ActivityScopeInput | (() => Promise<ActivityScopeInput>);

const PAGE = 200;

/**
 * New events matching a query within a scope, each once, oldest id first — written by any process.
 * Every watcher of a store shares its live hub, one poller that reads what every tenant stored
 * lately and filters it in memory for each watcher (FerretDB has no change streams; polling also
 * works on every MongoDB). A resume point is caught up on with scoped reads first. `cursor`,
 * `limit` and `sort` of the query are ignored; a `preset` is resolved again at each poll.
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
  const filters = queryFilters(query);
  if (signal?.aborted) return;
  const settings: PollSettings = {
    intervalMs: options.pollIntervalMs ?? 1000,
    lookbackMs: options.lookbackMs ?? DEFAULT_WATCH_LOOKBACK_MS,
    maxPerPoll: options.maxPerPoll ?? 1000,
  };
  // Events at or below the floor were delivered (or predate the watch).
  const floor = options.after ?? minUlidAt(deps.clock().getTime());
  const inclusive = options.after === undefined;
  const resolveScope = async () =>
    parseScope(typeof params.scope === 'function' ? await params.scope() : params.scope);
  const compile = (now: Date) =>
    filtersPredicate(filters, { now, weekStartsOn: deps.weekStartsOn });
  // A fixed scope and a filter without a preset are compiled once, not before every poll.
  const fixedScope =
    typeof params.scope === 'function' ? undefined : scopePredicate(await resolveScope());
  const fixedFilter = filters.some((f) => f.preset) ? undefined : compile(deps.clock());
  const inbox = new Inbox<{ events: ActivityEvent[]; since: Date }>();
  const unsubscribe = deps.hub.subscribe({
    settings,
    async prepare(): Promise<EventPredicate> {
      const inScope = fixedScope ?? scopePredicate(await resolveScope());
      const matches = fixedFilter ?? compile(deps.clock());
      return (event) =>
        (event.id > floor || (inclusive && event.id === floor)) && inScope(event) && matches(event);
    },
    deliver: (events, since) => inbox.push({ events, since }),
    fail: (error) => inbox.fail(error),
    end: () => inbox.end(),
  });
  try {
    // What a resumed watch yielded while catching up, until the hub's window moves past it.
    const seen = new Map<string, number>();
    if (options.after !== undefined) {
      for await (const events of catchUp(deps, { query, floor, settings, signal, resolveScope })) {
        for (const event of events) {
          seen.set(event.id, event.occurredAt.getTime());
          yield event;
        }
      }
    }
    for (;;) {
      const batch = await inbox.next(signal);
      if (!batch) return;
      for (const event of batch.events) if (!seen.has(event.id)) yield event;
      for (const [id, time] of seen) if (time < batch.since.getTime()) seen.delete(id);
    }
  } finally {
    unsubscribe();
  }
}

/**
 * The events after a resume point up to now, through the scoped reader: the old events the hub's
 * window no longer covers, a page of at most `maxPerPoll` at a time, each sorted by id.
 */
async function* catchUp(
  deps: WatchDeps,
  input: {
    query: ActivityQuery;
    floor: string;
    settings: PollSettings;
    signal: AbortSignal | undefined;
    resolveScope: () => Promise<ActivityScopeInput>;
  },
): AsyncGenerator<ActivityEvent[]> {
  const { floor, settings, signal } = input;
  const since = new Date(ulidTime(floor) - settings.lookbackMs);
  const scope = await input.resolveScope();
  let cursor: string | undefined;
  do {
    const fetched: ActivityEvent[] = [];
    do {
      const page = await deps.list(
        { ...pollQuery(input.query, since, deps), ...(cursor ? { cursor } : {}) },
        scope,
      );
      fetched.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && fetched.length < settings.maxPerPoll && !signal?.aborted);
    yield fetched.filter((e) => e.id > floor).sort((a, b) => (a.id < b.id ? -1 : 1));
  } while (cursor && !signal?.aborted);
}

/** The query a catch-up reads: the user's filter from `since` (or later), oldest first. */
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
