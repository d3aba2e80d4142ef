import type { ActivityEvent } from '@activitykit/schema';
import { useCallback, useMemo, useState } from 'react';
import { type BatchItem, batchItems } from './batches.ts';

/** The rows of a list whose batches (see `batchItems`) open and close, with each row's index. */
export function useBatchRows(events: readonly ActivityEvent[]): {
  rows: BatchItem[];
  indexByKey: ReadonlyMap<string, number>;
  expanded: ReadonlySet<string>;
  setOpen(key: string, open: boolean): void;
} {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => batchItems(events, expanded), [events, expanded]);
  const indexByKey = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  const setOpen = useCallback((key: string, open: boolean) => {
    setExpanded((current) => {
      if (current.has(key) === open) return current;
      const next = new Set(current);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  return { rows, indexByKey, expanded, setOpen };
}
