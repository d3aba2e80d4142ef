import type { ActivityEvent, ActivityQueryInput, BulkDeleteResult } from '@activitykit/schema';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useActivityContext } from './ActivityContext.ts';
import type { ActivitySourceError, ExportRequest, ExportResult } from './source.ts';

/**
 * Adds a note to a record's timeline (stamped with the reader by the server); refreshes timelines
 * and lists on success.
 *
 * @example
 * ```ts
 * const addNote = useAddNote();
 * addNote.mutate({ ref: 'customer:42', body: 'Called about the refund.' });
 * ```
 */
export function useAddNote(): UseMutationResult<
  ActivityEvent,
  ActivitySourceError,
  { ref: string; body: string; tenantId?: string }
> {
  const { source, queryClient, keys } = useActivityContext();
  return useMutation(
    {
      mutationFn: (note) => source.addNote(note),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
    },
    queryClient,
  );
}

/**
 * Restores a deleted record from its delete event's snapshot; refreshes every query on success.
 *
 * @example
 * ```ts
 * const restore = useRestoreEvent();
 * restore.mutate(event.id);
 * ```
 */
export function useRestoreEvent(): UseMutationResult<ActivityEvent, ActivitySourceError, string> {
  const { source, queryClient, keys } = useActivityContext();
  return useMutation(
    {
      mutationFn: (id) => source.restore(id),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
    },
    queryClient,
  );
}

/**
 * Deletes events by id or by query (needs `canDelete`); refreshes every query on success.
 *
 * @example
 * ```ts
 * const bulkDelete = useBulkDelete();
 * bulkDelete.mutate({ ids: selected });
 * ```
 */
export function useBulkDelete(): UseMutationResult<
  BulkDeleteResult,
  ActivitySourceError,
  { ids: string[] } | { query: ActivityQueryInput }
> {
  const { source, queryClient, keys } = useActivityContext();
  return useMutation(
    {
      mutationFn: (target) => source.bulkDelete(target),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
    },
    queryClient,
  );
}

/** Variables of {@link useExportActivity}'s mutation. */
export interface ExportVariables extends ExportRequest {
  /** Called with the bytes received so far. */
  onProgress?(bytes: number): void;
}

/**
 * Exports events as CSV, NDJSON or PDF and resolves to the file (save it with {@link saveExport}).
 *
 * @example
 * ```ts
 * const exporter = useExportActivity();
 * const file = await exporter.mutateAsync({ format: 'csv', ids: selected, locale: 'ru' });
 * saveExport(file);
 * ```
 */
export function useExportActivity(): UseMutationResult<
  ExportResult,
  ActivitySourceError,
  ExportVariables
> {
  const { source, queryClient } = useActivityContext();
  return useMutation(
    {
      mutationFn: ({ onProgress, ...request }) =>
        source.export(request, onProgress ? { onProgress } : {}),
    },
    queryClient,
  );
}

/**
 * Saves an export in the browser (a temporary object URL and a download link).
 *
 * @example
 * ```ts
 * saveExport(await source.export({ format: 'pdf', ids }));
 * ```
 */
export function saveExport(result: ExportResult): void {
  const url = URL.createObjectURL(result.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = result.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A function that refetches every query of the nearest provider (e.g. after a live event).
 *
 * @example
 * ```ts
 * const refresh = useInvalidateActivity();
 * useLiveActivity(query, { onEvent: refresh });
 * ```
 */
export function useInvalidateActivity(): () => Promise<void> {
  const { queryClient, keys } = useActivityContext();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: keys.all }),
    [queryClient, keys],
  );
}
