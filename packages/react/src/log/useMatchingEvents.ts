import { type ActivityEvent, MAX_QUERY_IDS } from '@activitykit/schema';
import { useEffect } from 'react';
import { useLatest } from './useLatest.ts';

/** How far the log is in finding every event the filters match (for "all N matching"). */
export type MatchingEvents =
  | { status: 'idle' }
  | { status: 'counting'; loaded: number }
  | { status: 'ready'; ids: string[] }
  | { status: 'tooMany'; max: number }
  | { status: 'failed' };

/** What {@link useMatchingEvents} reads of the log's list. */
export interface MatchingList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage(): unknown;
}

/**
 * While `active`, loads the remaining pages of the log's list until every matching event is
 * loaded — so "all N matching" is an exact count and an exact list of ids, the same ids the delete
 * names and the server records — or until more than {@link MAX_QUERY_IDS} match (a bulk delete
 * names at most that many; larger clean-ups are retention's job).
 */
export function useMatchingEvents(input: {
  active: boolean;
  list: MatchingList;
  events: readonly ActivityEvent[];
}): MatchingEvents {
  const { active, list, events } = input;
  const latest = useLatest(list);
  const count = events.length;
  const tooMany = count > MAX_QUERY_IDS;
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError } = list;
  // `count` is a dependency too: a fast page can come and go between two renders, so the
  // fetching flag alone may never be seen to change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `count` re-runs it after each page
  useEffect(() => {
    if (active && hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !tooMany) {
      void latest.current.fetchNextPage();
    }
  }, [active, hasNextPage, isFetchingNextPage, isFetchNextPageError, tooMany, latest, count]);
  if (!active) return { status: 'idle' };
  if (tooMany) return { status: 'tooMany', max: MAX_QUERY_IDS };
  if (isFetchNextPageError) return { status: 'failed' };
  if (hasNextPage) return { status: 'counting', loaded: events.length };
  return { status: 'ready', ids: events.map((event) => event.id) };
}
