import type { SortDirection } from '@activitykit/schema';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ActivityLogColumnId } from './columns.ts';
import type { ActivityLogFilters } from './filters.ts';
import {
  type ActivityLogUrlAdapter,
  type ActivityLogUrlState,
  readLogUrlState,
  replaceOwnParams,
  writeLogUrlState,
} from './urlSync.ts';

/** The state slices the URL mirrors, with their setters. */
export interface UrlSyncedState {
  filters: ActivityLogFilters;
  setFilters(filters: ActivityLogFilters): void;
  sort: SortDirection;
  setSort(sort: SortDirection): void;
  columns: readonly ActivityLogColumnId[];
  setColumns(columns: ActivityLogColumnId[]): void;
  openEventId: string | undefined;
  setOpenEventId(id: string | undefined): void;
}

/**
 * Keeps the log's filters, sort, columns and open event in the URL through an adapter: the URL
 * wins on mount and on back / forward; every later change is written back.
 */
export function useUrlSync(adapter: ActivityLogUrlAdapter | undefined, state: UrlSyncedState) {
  const latest = useRef(state);
  latest.current = state;
  const hydrated = useRef(false);

  useLayoutEffect(() => {
    if (!adapter) return;
    const apply = (initial: boolean) => {
      const fromUrl = readLogUrlState(adapter.read(), adapter.prefix);
      const current = latest.current;
      // On mount, a URL without the log's parameters keeps the defaults.
      const hasFilters = Object.keys(fromUrl.filters).length > 0;
      if (!initial || hasFilters) current.setFilters(fromUrl.filters);
      if (!initial || fromUrl.sort) current.setSort(fromUrl.sort ?? 'desc');
      if (fromUrl.columns) current.setColumns(fromUrl.columns);
      if (!initial || fromUrl.eventId) current.setOpenEventId(fromUrl.eventId);
    };
    apply(true);
    hydrated.current = true;
    return adapter.subscribe?.(() => apply(false));
  }, [adapter]);

  const urlState: ActivityLogUrlState = {
    filters: state.filters,
    sort: state.sort,
    columns: [...state.columns],
    ...(state.openEventId ? { eventId: state.openEventId } : {}),
  };
  const serialized = adapter
    ? writeLogUrlState(new URLSearchParams(), urlState, adapter.prefix).toString()
    : '';
  useEffect(() => {
    if (!adapter || !hydrated.current) return;
    const current = adapter.read();
    const next = replaceOwnParams(current, {
      own: new URLSearchParams(serialized),
      prefix: adapter.prefix,
    });
    if (next.toString() !== current.toString()) adapter.write(next);
  }, [adapter, serialized]);
}
