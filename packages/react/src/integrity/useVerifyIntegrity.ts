import type { VerifyReport } from '@activitykit/schema';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useActivityContext } from '../data/ActivityContext.ts';
import type { ActivitySource, ActivitySourceError, VerifyInput } from '../data/source.ts';

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
  const { source, queryClient } = useActivityContext();
  return useMutation(
    {
      mutationFn: (input) => (source.verify as NonNullable<ActivitySource['verify']>)(input),
    },
    queryClient,
  );
}
