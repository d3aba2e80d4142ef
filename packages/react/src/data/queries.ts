import type {
  ActivityEvent,
  ActivityPage,
  ActivityQueryInput,
  ActivityStats,
  CheckpointSummary,
  IntegrityStatus,
  SecuritySignal,
  StatsBucket,
} from '@activitykit/schema';
import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseQueryResult,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { useActivityContext } from './ActivityContext.ts';
import {
  type ActivityPermissions,
  type ActivitySource,
  type ActivitySourceError,
  isTransientError,
} from './source.ts';

/** Options shared by the query hooks. */
export interface ActivityQueryOptions {
  /** Set `false` to hold the request (e.g. until a record is chosen). Defaults to `true`. */
  enabled?: boolean;
  /** How long data stays fresh, in ms. Defaults to `30_000`. */
  staleTime?: number;
}

/** Retry network and server failures twice; never retry 4xx answers. */
export const retryTransient = (failureCount: number, error: unknown): boolean =>
  isTransientError(error) && failureCount < 2;

const common = (options: ActivityQueryOptions) => ({
  enabled: options.enabled ?? true,
  staleTime: options.staleTime ?? 30_000,
  retry: retryTransient,
});

/** An infinite list of activity pages. */
export type ActivityListResult = UseInfiniteQueryResult<
  InfiniteData<ActivityPage<ActivityEvent>, string | undefined>,
  ActivitySourceError
>;

/** Pages of `query`, each asked for with the cursor the page before it ended at. */
function useCursorPages(
  queryKey: readonly unknown[],
  page: (query: ActivityQueryInput, signal: AbortSignal) => Promise<ActivityPage<ActivityEvent>>,
  { query, options }: { query: ActivityQueryInput; options: ActivityQueryOptions },
): ActivityListResult {
  const { queryClient } = useActivityContext();
  return useInfiniteQuery(
    {
      queryKey,
      queryFn: ({ pageParam, signal }) =>
        page(pageParam ? { ...query, cursor: pageParam } : query, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor,
      ...common(options),
    },
    queryClient,
  ) as ActivityListResult;
}

/**
 * Activity matching a query, as an infinite query on the cursor: `fetchNextPage()` loads the next
 * page, `data.pages.flatMap((p) => p.items)` are the rows loaded so far.
 *
 * @example
 * ```tsx
 * const list = useActivityList({ kinds: ['delete'], limit: 50 });
 * const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
 * ```
 */
export function useActivityList(
  query: ActivityQueryInput,
  options: ActivityQueryOptions = {},
): ActivityListResult {
  const { source, keys } = useActivityContext();
  return useCursorPages(keys.list(query), (page, signal) => source.list(page, { signal }), {
    query,
    options,
  });
}

/**
 * One record's history (every event whose refs include it), newest first, as an infinite query.
 *
 * @example
 * ```ts
 * const timeline = useTimeline('customer:42', { limit: 30 });
 * ```
 */
export function useTimeline(
  ref: string,
  query: ActivityQueryInput = {},
  options: ActivityQueryOptions = {},
): ActivityListResult {
  const { source, keys } = useActivityContext();
  return useCursorPages(
    keys.timeline(ref, query),
    (page, signal) => source.timeline(ref, page, { signal }),
    { query, options },
  );
}

/**
 * One event by id.
 *
 * @example
 * ```ts
 * const { data: event, error } = useActivityEvent(selectedId, { enabled: !!selectedId });
 * ```
 */
export function useActivityEvent(
  id: string,
  options: ActivityQueryOptions = {},
): UseQueryResult<ActivityEvent, ActivitySourceError> {
  const { source, queryClient, keys } = useActivityContext();
  return useQuery<ActivityEvent, ActivitySourceError>(
    {
      queryKey: keys.event(id),
      queryFn: ({ signal }) => source.get(id, { signal }),
      ...common(options),
      enabled: (options.enabled ?? true) && id !== '',
    },
    queryClient,
  );
}

/** Options of {@link useActivityStats}. */
export interface ActivityStatsOptions extends ActivityQueryOptions {
  /** Width of a series point. Defaults to the server's choice for the range. */
  bucket?: StatsBucket;
}

/**
 * The analytics figures (SPEC §6) for a filter.
 *
 * @example
 * ```ts
 * const stats = useActivityStats({ preset: 'last_30_days', timeZone: 'Europe/Moscow' }, { bucket: 'day' });
 * ```
 */
export function useActivityStats(
  query: ActivityQueryInput,
  options: ActivityStatsOptions = {},
): UseQueryResult<ActivityStats, ActivitySourceError> {
  const { source, queryClient, keys } = useActivityContext();
  const { bucket } = options;
  return useQuery<ActivityStats, ActivitySourceError>(
    {
      queryKey: keys.stats(query, bucket),
      queryFn: ({ signal }) => source.stats(query, bucket ? { signal, bucket } : { signal }),
      ...common(options),
    },
    queryClient,
  );
}

/**
 * Security signals (failed-login bursts, new IPs, off-hours activity, bulk deletes, role changes).
 *
 * @example
 * ```ts
 * const { data: signals = [] } = useSecuritySignals({ preset: 'last_7_days' });
 * ```
 */
export function useSecuritySignals(
  query: ActivityQueryInput,
  options: ActivityQueryOptions = {},
): UseQueryResult<SecuritySignal[], ActivitySourceError> {
  const { source, queryClient, keys } = useActivityContext();
  return useQuery<SecuritySignal[], ActivitySourceError>(
    {
      queryKey: keys.signals(query),
      queryFn: ({ signal }) => source.signals(query, { signal }),
      ...common(options),
    },
    queryClient,
  );
}

/**
 * What the reader may do (delete, restore, note) and who they are; cached for 5 minutes.
 *
 * @example
 * ```ts
 * const { data: permissions } = useActivityPermissions();
 * if (permissions?.canNote) showComposer();
 * ```
 */
export function useActivityPermissions(
  options: ActivityQueryOptions = {},
): UseQueryResult<ActivityPermissions, ActivitySourceError> {
  const { source, queryClient, keys } = useActivityContext();
  return useQuery<ActivityPermissions, ActivitySourceError>(
    {
      queryKey: keys.permissions(),
      queryFn: ({ signal }) => source.permissions({ signal }),
      ...common({ staleTime: 300_000, ...options }),
    },
    queryClient,
  );
}

// The integrity reads every log needs (its seal locks and the detail drawer's checkpoint line).
// "Verify now" and the panel are the separate entry `@activitykit/react/integrity`.

/**
 * How far each tenant of the reader's scope is sealed (one request for a whole list). Disabled,
 * with no data, when the source has no `integrity`.
 *
 * @example
 * ```ts
 * const { data: status } = useIntegrityStatus();
 * const last = status?.tenants.find((t) => t.tenantId === event.tenantId)?.lastCheckpoint;
 * ```
 */
export function useIntegrityStatus(
  options: ActivityQueryOptions = {},
): UseQueryResult<IntegrityStatus, ActivitySourceError> {
  const { source, queryClient, keys } = useActivityContext();
  return useQuery<IntegrityStatus, ActivitySourceError>(
    {
      queryKey: [...keys.all, 'integrity'],
      queryFn: ({ signal }) =>
        (source.integrity as NonNullable<ActivitySource['integrity']>)({ signal }),
      ...common(options),
      enabled: (options.enabled ?? true) && !!source.integrity,
    },
    queryClient,
  );
}

/**
 * The checkpoint that sealed an event (`null`: not sealed yet). Disabled when the source has no
 * `checkpointOf`.
 *
 * @example
 * ```ts
 * const { data: checkpoint } = useCheckpointOf(event.id);
 * ```
 */
export function useCheckpointOf(
  id: string,
  options: ActivityQueryOptions = {},
): UseQueryResult<CheckpointSummary | null, ActivitySourceError> {
  const { source, queryClient, keys } = useActivityContext();
  return useQuery<CheckpointSummary | null, ActivitySourceError>(
    {
      queryKey: [...keys.all, 'integrity', id],
      queryFn: ({ signal }) =>
        (source.checkpointOf as NonNullable<ActivitySource['checkpointOf']>)(id, { signal }),
      ...common(options),
      enabled: (options.enabled ?? true) && !!source.checkpointOf && id !== '',
    },
    queryClient,
  );
}
