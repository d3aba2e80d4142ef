import { setTimeout as sleep } from 'node:timers/promises';
import type { ActivityStore } from '@activitykit/core';
import {
  type ActivityEvent,
  type ActivityQuery,
  type ActivityScope,
  minUlidAt,
  resolvePeriod,
  ulidTime,
} from '@activitykit/schema';
import { tracked } from '@trpc/server';
import { toTRPCError } from '../errors.ts';
import { type ActivityAuthorize, type AuthorizedProcedure, resolveAccess } from './access.ts';
import { input, liveInput } from './inputs.ts';

/** How `live` polls for new events (SPEC §8: FerretDB has no change streams). */
export interface ActivityLiveOptions {
  /** How often to look for new events. Defaults to `1000` ms. */
  pollIntervalMs?: number;
  /**
   * How far back each poll looks, so events whose writer's clock runs a little behind, or that
   * sat in a writer's batch, are not missed; each poll re-reads this window, so keep it short on
   * busy logs. Defaults to `5000` ms.
   */
  lookbackMs?: number;
  /** The most events one poll reads before yielding. Defaults to `1000`. */
  maxPerPoll?: number;
  /**
   * How often a running subscription calls `authorize` again, so a reader whose access was revoked
   * or narrowed stops getting events. Defaults to `60_000` ms.
   */
  reauthorizeMs?: number;
  /** First day of the week for presets. Defaults to `1` (Monday), like the store. */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

const PAGE = 200;

/** The query a poll reads: the user's filter, from `since`, oldest first. */
function pollQuery(query: ActivityQuery, since: Date, options: ActivityLiveOptions) {
  const { preset, cursor: _cursor, limit: _limit, sort: _sort, ...filter } = query;
  let { from, to } = filter;
  if (preset) {
    const zone = filter.timeZone ? { timeZone: filter.timeZone } : {};
    ({ from, to } = resolvePeriod(preset, { ...zone, weekStartsOn: options.weekStartsOn ?? 1 }));
  }
  const start = from && from > since ? from : since;
  return { ...filter, from: start, ...(to ? { to } : {}), sort: 'asc' as const, limit: PAGE };
}

/**
 * New events for a live subscription: polls the store — events written by any process — and
 * yields each once, in ULID order. Resumes after `lastEventId`.
 */
export async function* pollEvents(params: {
  store: ActivityStore;
  query: ActivityQuery;
  /** The reader's scope, checked again as the subscription runs. */
  scope: () => Promise<ActivityScope>;
  lastEventId: string | null | undefined;
  signal: AbortSignal | undefined;
  options: ActivityLiveOptions;
}): AsyncGenerator<ActivityEvent> {
  const { store, signal, options } = params;
  const interval = options.pollIntervalMs ?? 1000;
  const lookback = options.lookbackMs ?? 5000;
  const maxPerPoll = options.maxPerPoll ?? 1000;
  // Events at or below the floor were delivered (or predate the subscription).
  const floor = params.lastEventId ?? minUlidAt(Date.now());
  const inclusive = !params.lastEventId;
  const seen = new Map<string, number>();
  let since = new Date(ulidTime(floor) - lookback);

  while (!signal?.aborted) {
    const pollStarted = Date.now();
    const fetched: ActivityEvent[] = [];
    let cursor: string | undefined;
    const scope = await params.scope();
    do {
      const page = await store.list(
        { ...pollQuery(params.query, since, options), ...(cursor ? { cursor } : {}) },
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

/** The `live` subscription: `tracked(event.id, event)` for every new event in the scope. */
export function liveProcedure<TContext>(
  procedure: AuthorizedProcedure,
  options: {
    store: ActivityStore;
    authorize: ActivityAuthorize<TContext>;
    live?: ActivityLiveOptions;
  },
) {
  const reauthorizeMs = options.live?.reauthorizeMs ?? 60_000;
  return procedure.input(input(liveInput)).subscription(async function* ({ ctx, input, signal }) {
    const query = input?.query ?? { sort: 'desc' as const, limit: 50 };
    let access = ctx.access;
    let authorizedAt = Date.now();
    const scope = async () => {
      if (Date.now() - authorizedAt >= reauthorizeMs) {
        access = await resolveAccess(options.authorize, ctx as TContext);
        authorizedAt = Date.now();
      }
      return access.scope;
    };
    try {
      for await (const event of pollEvents({
        store: options.store,
        query,
        scope,
        lastEventId: input?.lastEventId,
        signal,
        options: options.live ?? {},
      })) {
        yield tracked(event.id, event);
      }
    } catch (error) {
      throw toTRPCError(error);
    }
  });
}
