import type { BatchItem } from './batches.ts';
import type { GridKeyboardActions } from './useGridKeyboard.ts';

/** What the grid's keys do to a row that may be a batch or one of a batch's events. */
export function batchKeyActions(
  rows: readonly BatchItem[],
  table: {
    expanded: ReadonlySet<string>;
    indexByKey: ReadonlyMap<string, number>;
    setOpen(key: string, open: boolean): void;
    move(index: number): void;
    openEvent(id: string): void;
    toggleEvent(id: string, range: boolean): void;
    /** Right to left: ← opens and → closes. */
    rtl: boolean;
  },
): Pick<GridKeyboardActions, 'open' | 'toggle' | 'expand'> {
  // Enter and Space open / close a batch row, as they open / select an event's.
  const flip = (key: string) => table.setOpen(key, !table.expanded.has(key));
  return {
    open(index) {
      const row = rows[index];
      if (row?.event) table.openEvent(row.event.id);
      else if (row) flip(row.key);
    },
    toggle(index, range) {
      const row = rows[index];
      if (row?.event) table.toggleEvent(row.event.id, range);
      else if (row) flip(row.key);
    },
    // → / ← open and close a batch row (mirrored right to left); ← on one of its events goes back
    // to it.
    expand(index, forward) {
      const open = forward !== table.rtl;
      const row = rows[index];
      if (!row?.batch) return false;
      if (!row.event) table.setOpen(row.key, open);
      else if (!open) table.move(table.indexByKey.get(row.batch.key) ?? index);
      return true;
    },
  };
}
