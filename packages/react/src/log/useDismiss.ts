import { type RefObject, useEffect } from 'react';

/**
 * Closes an open `<details>` drop-down when the pointer goes down outside it, or when Esc is
 * pressed inside it (focus returns to its summary).
 */
export function useDismiss(details: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const node = details.current;
      if (node?.open && !node.contains(event.target as Node)) node.open = false;
    };
    const onKey = (event: KeyboardEvent) => {
      const node = details.current;
      if (event.key !== 'Escape' || !node?.open || !node.contains(event.target as Node)) return;
      event.preventDefault();
      event.stopPropagation();
      node.open = false;
      node.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [details]);
}
