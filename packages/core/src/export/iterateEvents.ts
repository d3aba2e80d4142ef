import {
  type ActivityEvent,
  type ActivityQueryInput,
  type ActivityScopeInput,
  MAX_PAGE_SIZE,
} from '@activitykit/schema';
import type { ActivityStore } from '../createActivityStore.ts';

/** Options of {@link iterateEvents}. */
export interface IterateEventsOptions {
  /** The filters and sort; `limit` and `cursor` are set page by page. Defaults to `{}`. */
  query?: Omit<ActivityQueryInput, 'limit' | 'cursor'>;
  /** Whose events the reader may see. */
  scope: ActivityScopeInput;
  /** Events per page read from MongoDB. Defaults to the largest page, `MAX_PAGE_SIZE`. */
  pageSize?: number;
}

/**
 * Every event matching a query, page by page along the store's cursors: one page is in memory at a
 * time, and the next is read only when the consumer (an exporter held back by a slow client) asks.
 * Events recorded meanwhile never make the walk skip or repeat one.
 *
 * @example
 * ```ts
 * const events = iterateEvents(store, { query: { kinds: ['delete'] }, scope: { tenants: ['acme'] } });
 * exportCsv(events, { timeZone: 'Europe/Moscow' }).pipe(res);
 * ```
 */
export async function* iterateEvents(
  store: Pick<ActivityStore, 'list'>,
  options: IterateEventsOptions,
): AsyncGenerator<ActivityEvent> {
  const limit = Math.min(Math.max(1, options.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...options.query, limit, cursor }, options.scope);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
