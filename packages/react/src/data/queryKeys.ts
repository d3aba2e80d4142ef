import type { ActivityQueryInput, StatsBucket } from '@activitykit/schema';

/** The TanStack Query keys of one `<ActivityProvider>`: every key starts with its own prefix. */
export interface ActivityQueryKeys {
  /** The prefix of every key of this provider (invalidate it to refetch everything). */
  all: readonly unknown[];
  permissions(): readonly unknown[];
  list(query: ActivityQueryInput): readonly unknown[];
  event(id: string): readonly unknown[];
  timelines(): readonly unknown[];
  timeline(ref: string, query: ActivityQueryInput): readonly unknown[];
  stats(query: ActivityQueryInput, bucket: StatsBucket | undefined): readonly unknown[];
  signals(query: ActivityQueryInput): readonly unknown[];
}

/**
 * Query keys under a provider-specific prefix, so two providers (two sources, two tenants) sharing
 * one `QueryClient` never read each other's cache.
 *
 * @example
 * ```ts
 * const keys = createQueryKeys('p1');
 * queryClient.invalidateQueries({ queryKey: keys.all });
 * ```
 */
export function createQueryKeys(prefix: string): ActivityQueryKeys {
  const all = ['activitykit', prefix] as const;
  return {
    all,
    permissions: () => [...all, 'permissions'],
    list: (query) => [...all, 'list', query],
    event: (id) => [...all, 'event', id],
    timelines: () => [...all, 'timeline'],
    timeline: (ref, query) => [...all, 'timeline', ref, query],
    stats: (query, bucket) => [...all, 'stats', query, bucket ?? null],
    signals: (query) => [...all, 'signals', query],
  };
}
