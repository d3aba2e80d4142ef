import { type RefObject, useEffect } from 'react';

const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/** Pressing `/` outside a text field focuses (and selects) the given input, as on GitHub. */
export function useSlashToFocus(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as Element | null;
      if (target?.closest?.(EDITABLE)) return;
      if (target?.closest?.('dialog[open]')) return;
      const node = input.current;
      if (!node?.isConnected) return;
      event.preventDefault();
      node.focus();
      node.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [input]);
}
