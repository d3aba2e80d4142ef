import type { ActivityEvent, ActivityPage } from '@activitykit/schema';
import type { InfiniteData } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useActivityContext } from '../data/ActivityContext.ts';
import { encodeCursor } from '../data/memory/filterEvents.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { buildLogQuery } from '../log/filters.ts';

/** Props of {@link PreloadedList}. */
export interface PreloadedListProps {
  /** The events the source serves, newest first (the unfiltered, newest-first list). */
  events: readonly ActivityEvent[];
  /** The page size the log will use (its `pageSize` prop). */
  pageSize: number;
  children: ReactNode;
}

/**
 * Puts every page of an unfiltered, newest-first list into the query cache before its children
 * render, exactly as if the log had scrolled to the end (same query key, pages of `pageSize`
 * with the memory source's cursors). For the 100k-row story and the scroll benchmark: loading
 * 500 pages one by one through the memory source would take a minute of filtering. A story and
 * benchmark helper: under `src/test/`, it is neither built nor published.
 */
export function PreloadedList({ events, pageSize, children }: PreloadedListProps): ReactNode {
  const { queryClient, keys } = useActivityContext();
  const { timeZone } = useActivityI18n();
  useState(() => {
    const query = buildLogQuery({}, { sort: 'desc', timeZone, limit: pageSize });
    const pages: ActivityPage<ActivityEvent>[] = [];
    const pageParams: (string | undefined)[] = [];
    for (let start = 0; start < events.length; start += pageSize) {
      const items = events.slice(start, start + pageSize);
      const last = items.at(-1);
      const page: ActivityPage<ActivityEvent> = { items };
      if (last && start + pageSize < events.length) page.nextCursor = encodeCursor(last);
      pageParams.push(start === 0 ? undefined : pages.at(-1)?.nextCursor);
      pages.push(page);
    }
    const data: InfiniteData<ActivityPage<ActivityEvent>, string | undefined> = {
      pages,
      pageParams,
    };
    queryClient.setQueryData(keys.list(query), data);
    return true;
  });
  return children;
}
