import { type RefObject, useLayoutEffect } from 'react';

/**
 * Space its ancestors add under an element when it is the last thing in them: their bottom
 * padding, border and margin (and its own margin), so the filled height lands on the window's
 * bottom exactly as the page's own spacing would.
 */
function spaceBelow(node: HTMLElement): number {
  let total = Number.parseFloat(getComputedStyle(node).marginBottom) || 0;
  for (let at = node.parentElement; at; at = at.parentElement) {
    const style = getComputedStyle(at);
    total +=
      (Number.parseFloat(style.paddingBottom) || 0) +
      (Number.parseFloat(style.borderBottomWidth) || 0) +
      (Number.parseFloat(style.marginBottom) || 0);
  }
  return total;
}

/**
 * While `enabled`, sets `--ak-log-fill` on the log: the height from its top to the bottom of the
 * window (less the spacing of the page under it), but never less than its filters and toolbar plus
 * the frame's own minimum (`.ak-log-frame`'s min-height) — on a short window the page scrolls
 * rather than squeezing the rows. Measured again when the window, the page above or the log's
 * own filters change size.
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>, enabled: boolean): void {
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node || !enabled) return;
    let pending = 0;
    const measure = () => {
      pending = 0;
      const frame = node.querySelector<HTMLElement>(':scope > .ak-log-frame');
      const box = node.getBoundingClientRect();
      const chrome = frame ? frame.getBoundingClientRect().top - box.top : 0;
      const frameMin = frame ? Number.parseFloat(getComputedStyle(frame).minHeight) || 0 : 0;
      const top = box.top + window.scrollY;
      const fill = Math.max(chrome + frameMin, window.innerHeight - top - spaceBelow(node));
      node.style.setProperty('--ak-log-fill', `${Math.floor(fill)}px`);
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(measure);
    };
    measure();
    const observer = new ResizeObserver(schedule);
    observer.observe(document.body);
    for (const child of node.children) {
      if (!child.classList.contains('ak-log-frame')) observer.observe(child);
    }
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(pending);
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      node.style.removeProperty('--ak-log-fill');
    };
  }, [ref, enabled]);
}
