import type { SortDirection } from '@activitykit/schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ActivityLogColumnId, DEFAULT_ACTIVITY_LOG_COLUMNS } from './columns.ts';
import { type ActivityLogFilters, compactFilters } from './filters.ts';
import type { ActivityLogUrlAdapter } from './urlSync.ts';
import { useControllableState } from './useControllableState.ts';
import { useUrlSync } from './useUrlSync.ts';

/** The controllable state props of `<ActivityLog>`. */
export interface LogStateProps {
  filters?: ActivityLogFilters | undefined;
  defaultFilters?: ActivityLogFilters | undefined;
  onFiltersChange?: ((filters: ActivityLogFilters) => void) | undefined;
  sort?: SortDirection | undefined;
  defaultSort?: SortDirection | undefined;
  onSortChange?: ((sort: SortDirection) => void) | undefined;
  selection?: readonly string[] | undefined;
  defaultSelection?: readonly string[] | undefined;
  onSelectionChange?: ((selection: string[]) => void) | undefined;
  columns?: readonly ActivityLogColumnId[] | undefined;
  defaultColumns?: readonly ActivityLogColumnId[] | undefined;
  onColumnsChange?: ((columns: ActivityLogColumnId[]) => void) | undefined;
  openEventId?: string | null | undefined;
  defaultOpenEventId?: string | null | undefined;
  onOpenEventChange?: ((id: string | null) => void) | undefined;
  urlSync?: ActivityLogUrlAdapter | undefined;
}

const NO_SELECTION: readonly string[] = [];
const STATE_KEYS = [
  'filters',
  'defaultFilters',
  'onFiltersChange',
  'sort',
  'defaultSort',
  'onSortChange',
  'selection',
  'defaultSelection',
  'onSelectionChange',
  'columns',
  'defaultColumns',
  'onColumnsChange',
  'openEventId',
  'defaultOpenEventId',
  'onOpenEventChange',
  'urlSync',
] as const satisfies readonly (keyof LogStateProps)[];

/** `props` without the state props (the rest go to the root element or elsewhere). */
export function withoutStateProps<T extends LogStateProps>(
  props: T,
): Omit<T, (typeof STATE_KEYS)[number]> {
  const rest = { ...props } as Record<string, unknown>;
  for (const key of STATE_KEYS) delete rest[key];
  return rest as Omit<T, (typeof STATE_KEYS)[number]>;
}

/**
 * Every state slice of the log (filters, sort, selection, columns, open event), each controlled or
 * uncontrolled, optionally mirrored in the URL. A change of filters — from the filter bar, the
 * parent or the URL — clears the selection and the "all matching" choice: a selection never
 * outlives the rows it was made among.
 */
export function useLogState(props: LogStateProps) {
  const [filters, setFilters] = useControllableState({
    value: props.filters,
    defaultValue: props.defaultFilters ?? {},
    onChange: props.onFiltersChange,
  });
  const [sort, setSort] = useControllableState({
    value: props.sort,
    defaultValue: props.defaultSort ?? 'desc',
    onChange: props.onSortChange,
  });
  const [selection, setSelection] = useControllableState<readonly string[]>({
    value: props.selection,
    defaultValue: props.defaultSelection ?? NO_SELECTION,
    onChange: props.onSelectionChange as ((ids: readonly string[]) => void) | undefined,
  });
  const [columns, setColumns] = useControllableState<readonly ActivityLogColumnId[]>({
    value: props.columns,
    defaultValue: props.defaultColumns ?? DEFAULT_ACTIVITY_LOG_COLUMNS,
    onChange: props.onColumnsChange as ((c: readonly ActivityLogColumnId[]) => void) | undefined,
  });
  const [openId, setOpenId] = useControllableState<string | null>({
    value: props.openEventId,
    defaultValue: props.defaultOpenEventId ?? null,
    onChange: props.onOpenEventChange,
  });
  useUrlSync(props.urlSync, {
    filters,
    setFilters,
    sort,
    setSort,
    columns,
    setColumns,
    openEventId: openId ?? undefined,
    setOpenEventId: (id) => setOpenId(id ?? null),
  });
  const selected = useMemo(() => new Set(selection), [selection]);
  // "Everything the filters match" (not only the ticked rows), chosen explicitly by the reader.
  const [allMatching, setAllMatching] = useState(false);
  const select = useCallback(
    (next: ReadonlySet<string>) => {
      setAllMatching(false);
      setSelection(next.size ? [...next] : NO_SELECTION);
    },
    [setSelection],
  );
  const filterKey = JSON.stringify(compactFilters(filters));
  const seenFilters = useRef(filterKey);
  const hasSelection = selection.length > 0;
  useEffect(() => {
    if (seenFilters.current === filterKey) return;
    seenFilters.current = filterKey;
    setAllMatching(false);
    if (hasSelection) setSelection(NO_SELECTION);
  }, [filterKey, hasSelection, setSelection]);
  return {
    filters,
    setFilters,
    sort,
    setSort,
    selected,
    select,
    allMatching: allMatching && hasSelection,
    selectAllMatching: useCallback(() => setAllMatching(true), []),
    columns,
    setColumns,
    openId,
    setOpenId,
  };
}
