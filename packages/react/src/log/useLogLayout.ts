import { type RefObject, useLayoutEffect, useState } from 'react';

/** How `<ActivityLog>` lays out its rows: a table, or one card per event for narrow containers. */
export type ActivityLogLayout = 'table' | 'cards';

/** Below this width (in rem) of the log itself, `layout="auto"` shows cards. */
export const CARD_BREAKPOINT_REM = 45;

/** The height of a card (three lines: who, what, when and where), in rem (log.css matches it). */
export const CARD_ROW_HEIGHT_REM = 4.5;

/** {@link CARD_ROW_HEIGHT_REM} in px, at the page's root font size. */
export function cardRowHeight(): number {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return Math.round(CARD_ROW_HEIGHT_REM * rem);
}

/**
 * The layout in use: `table` or `cards` as asked, or for `auto` cards while the log's own width
 * (measured with a ResizeObserver, so a narrow column of a wide page counts too) is under
 * {@link CARD_BREAKPOINT_REM}.
 */
export function useLogLayout(
  ref: RefObject<HTMLElement | null>,
  layout: ActivityLogLayout | 'auto',
): ActivityLogLayout {
  const [measured, setMeasured] = useState<ActivityLogLayout>('table');
  useLayoutEffect(() => {
    const node = ref.current;
    if (layout !== 'auto' || !node) return;
    const check = () => {
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setMeasured(node.clientWidth < CARD_BREAKPOINT_REM * rem ? 'cards' : 'table');
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref, layout]);
  return layout === 'auto' ? measured : layout;
}
