import { useInvalidateActivity } from '@activitykit/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from './api.ts';

/** The businesses the user works for, with venues, products and rooms. */
export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: () => trpc.pos.catalog.query(),
    staleTime: 60_000,
  });
}

const WRITER_DELAY_MS = 400;

/**
 * A mutation that refreshes the given queries and the activity components afterwards (the log,
 * timelines and charts show the change at once, before the live stream would).
 */
export function useAppMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  { invalidate }: { invalidate: string[][] },
) {
  const queryClient = useQueryClient();
  const invalidateActivity = useInvalidateActivity();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      // The writer batches events for up to 100 ms; refresh once this one is stored.
      setTimeout(() => void invalidateActivity(), WRITER_DELAY_MS);
    },
  });
}
