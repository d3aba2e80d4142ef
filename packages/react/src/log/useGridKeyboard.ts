import type { KeyboardEvent } from 'react';

/** What the grid's keyboard handler can do. */
export interface GridKeyboardActions {
  count: number;
  /** Rows per page (PageUp / PageDown). */
  pageSize: number;
  activeIndex: number;
  move(index: number): void;
  open(index: number): void;
  toggle(index: number, range: boolean): void;
  selectAll(): void;
  /** → (`forward`) / ←: opens or closes the row's batch; says whether the row has one. */
  expand?(index: number, forward: boolean): boolean;
}

/**
 * Keyboard of the log's grid: ↑ ↓ move between rows, PageUp / PageDown by a screenful, Home / End
 * to the first / last loaded row, Enter opens the row, Space selects it (Shift+Space a range),
 * Ctrl/⌘+A selects every loaded row, → / ← open and close a batch. Returns whether the key was
 * handled.
 */
export function handleGridKey(event: KeyboardEvent, actions: GridKeyboardActions): boolean {
  const { count, activeIndex, pageSize } = actions;
  if (count === 0) return false;
  const clamp = (index: number) => Math.max(0, Math.min(count - 1, index));
  const current = clamp(activeIndex);
  switch (event.key) {
    case 'ArrowDown':
      actions.move(clamp(current + 1));
      return true;
    case 'ArrowUp':
      actions.move(clamp(current - 1));
      return true;
    case 'PageDown':
      actions.move(clamp(current + pageSize));
      return true;
    case 'PageUp':
      actions.move(clamp(current - pageSize));
      return true;
    case 'Home':
      actions.move(0);
      return true;
    case 'End':
      actions.move(count - 1);
      return true;
    case 'ArrowRight':
    case 'ArrowLeft':
      return actions.expand?.(current, event.key === 'ArrowRight') ?? false;
    case 'Enter':
      actions.open(current);
      return true;
    case ' ':
      actions.toggle(current, event.shiftKey);
      return true;
    case 'a':
    case 'A':
      if (!(event.ctrlKey || event.metaKey)) return false;
      actions.selectAll();
      return true;
    default:
      return false;
  }
}
