import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ActivityQueryKeys } from './queryKeys.ts';
import type { ActivitySource } from './source.ts';

/** What `<ActivityProvider>` gives its hooks. */
export interface ActivityContextValue {
  source: ActivitySource;
  queryClient: QueryClient;
  keys: ActivityQueryKeys;
}

/** @internal */
export const ActivityContext = createContext<ActivityContextValue | null>(null);

/**
 * The source, query client and query keys of the nearest `<ActivityProvider>`; throws outside one.
 *
 * @example
 * ```ts
 * const { source, queryClient, keys } = useActivityContext();
 * queryClient.invalidateQueries({ queryKey: keys.all });
 * ```
 */
export function useActivityContext(): ActivityContextValue {
  const value = useContext(ActivityContext);
  if (!value) {
    throw new Error(
      'ActivityKit hooks and components must be inside <ActivityProvider source={...}>: wrap your tree in one.',
    );
  }
  return value;
}
