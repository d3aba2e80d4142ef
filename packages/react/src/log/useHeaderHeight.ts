import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The sticky header's height, measured when it changes (not on every render: reading layout in a
 * render-time effect would force a synchronous layout on every scrolled frame).
 */
export function useHeaderHeight(headerRef: RefObject<HTMLElement | null>): number {
  const [headerHeight, setHeaderHeight] = useState(44);
  useLayoutEffect(() => {
    const header = headerRef.current;
    if (!header) return;
    setHeaderHeight(header.offsetHeight || 44);
    const observer = new ResizeObserver(() => setHeaderHeight(header.offsetHeight || 44));
    observer.observe(header);
    return () => observer.disconnect();
  }, [headerRef]);
  return headerHeight;
}
