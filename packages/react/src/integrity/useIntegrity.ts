import type { CheckpointSummary, IntegrityStatus, VerifyReport } from '@activitykit/schema';
import {
  type UseMutationResult,
  type UseQueryResult,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import { useActivityContext } from '../data/ActivityContext.ts';
import { type ActivityQueryOptions, retryTransient } from '../data/queries.ts';
import type { ActivitySource, ActivitySourceError, VerifyInput } from '../data/source.ts';

/** @internal The provider's context and the key of the integrity reads under its prefix. */
export function useIntegrityContext() {
  const context = useActivityContext();
  return { ...context, key: [...context.keys.all, 'integrity'] };
}

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
  const { source, queryClient, key } = useIntegrityContext();
  return useQuery<IntegrityStatus, ActivitySourceError>(
    {
      queryKey: key,
      queryFn: ({ signal }) =>
        (source.integrity as NonNullable<ActivitySource['integrity']>)({ signal }),
      enabled: (options.enabled ?? true) && !!source.integrity,
      staleTime: options.staleTime ?? 30_000,
      retry: retryTransient,
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
  const { source, queryClient, key } = useIntegrityContext();
  return useQuery<CheckpointSummary | null, ActivitySourceError>(
    {
      queryKey: [...key, id],
      queryFn: ({ signal }) =>
        (source.checkpointOf as NonNullable<ActivitySource['checkpointOf']>)(id, { signal }),
      enabled: (options.enabled ?? true) && !!source.checkpointOf && id !== '',
      staleTime: options.staleTime ?? 30_000,
      retry: retryTransient,
    },
    queryClient,
  );
}

/**
 * Verifies a tenant's sealed log against its checkpoints, signatures and anchor (seconds on a big
 * log): `isPending` while it runs, then the report.
 *
 * @example
 * ```ts
 * const verify = useVerifyIntegrity();
 * verify.mutate({ tenantId: 'acme' });
 * if (verify.data && !verify.data.ok) alert(`${verify.data.modified.length} events modified`);
 * ```
 */
export function useVerifyIntegrity(): UseMutationResult<
  VerifyReport,
  ActivitySourceError,
  VerifyInput
> {
  const { source, queryClient } = useIntegrityContext();
  return useMutation(
    {
      mutationFn: (input) => (source.verify as NonNullable<ActivitySource['verify']>)(input),
    },
    queryClient,
  );
}
