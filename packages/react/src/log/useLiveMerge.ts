import type { ActivityEvent, ActivityQueryInput } from '@activitykit/schema';
import { hashKey } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveActivity } from '../data/useLiveActivity.ts';

/** Options of {@link useLiveMerge}. */
export interface LiveMergeOptions {
  query: ActivityQueryInput;
  /** The rows loaded by the list query, newest first. */
  rows: readonly ActivityEvent[];
  enabled: boolean;
}

/**
 * Live updates for the log without jumps: while the list is scrolled to its top, new events are
 * inserted as they arrive; below the top they wait (`pending`) until `showPending()` — the "N new
 * events" pill — so the rows under the reader's eyes never move.
 */
export function useLiveMerge({ query, rows, enabled }: LiveMergeOptions) {
  const live = useLiveActivity(query, { enabled });
  const [merged, setMerged] = useState<readonly ActivityEvent[]>([]);
  const atTop = useRef(true);
  const queryHash = hashKey([query]);
  const { clear } = live;

  useEffect(() => {
    void queryHash;
    setMerged([]);
    clear();
  }, [queryHash, clear]);

  useEffect(() => {
    if (atTop.current) setMerged(live.events);
  }, [live.events]);

  const setAtTop = useCallback((top: boolean) => {
    atTop.current = top;
  }, []);
  const showPending = useCallback(() => setMerged(live.events), [live.events]);

  const allRows = useMemo(() => {
    if (merged.length === 0) return rows;
    const head = new Set(rows.slice(0, merged.length + 200).map((event) => event.id));
    const fresh = merged.filter((event) => !head.has(event.id));
    return fresh.length ? [...fresh, ...rows] : rows;
  }, [merged, rows]);

  return {
    rows: allRows,
    pending: Math.max(0, live.events.length - merged.length),
    status: live.status,
    setAtTop,
    showPending,
  };
}
