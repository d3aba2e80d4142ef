import type { ActivityEvent } from '@activitykit/schema';
import { type RefObject, useCallback, useRef } from 'react';

/** The header checkbox's state. */
export type AllState = 'none' | 'some' | 'all';

interface SelectionInput {
  events: readonly ActivityEvent[];
  selected: ReadonlySet<string>;
  latest: RefObject<{
    events: readonly ActivityEvent[];
    selected: ReadonlySet<string>;
    onSelectionChange(selected: ReadonlySet<string>): void;
  }>;
}

/**
 * Row selection of the grid: toggle one row, Shift for a range from the last toggled row, and the
 * header's select-all over the loaded rows. `toggle` is stable, so memoized rows never re-render
 * because of it.
 */
export function useRowSelection({ events, selected, latest }: SelectionInput) {
  const anchor = useRef<string | undefined>(undefined);
  const toggle = useCallback(
    (id: string, range: boolean) => {
      const { events: rows, selected: current, onSelectionChange } = latest.current;
      const next = new Set(current);
      const from =
        anchor.current === undefined ? -1 : rows.findIndex((e) => e.id === anchor.current);
      if (range && from >= 0) {
        const to = rows.findIndex((e) => e.id === id);
        const select = !current.has(id);
        for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
          const row = rows[i];
          if (!row) continue;
          if (select) next.add(row.id);
          else next.delete(row.id);
        }
      } else if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      anchor.current = id;
      onSelectionChange(next);
    },
    [latest],
  );
  const setAll = useCallback(
    (all: boolean) => {
      const { events: rows, onSelectionChange } = latest.current;
      onSelectionChange(all ? new Set(rows.map((event) => event.id)) : new Set());
    },
    [latest],
  );
  let allState: AllState = 'none';
  if (selected.size > 0) {
    const everyLoaded =
      selected.size >= events.length &&
      events.length > 0 &&
      events.every((event) => selected.has(event.id));
    allState = everyLoaded ? 'all' : 'some';
  }
  return { toggle, setAll, allState };
}
