import { type RefObject, useEffect, useRef } from 'react';

/**
 * Calls `load` whenever the sentinel element scrolls into view (page or any scrolling ancestor),
 * while `enabled`. Returns the ref to put on the sentinel.
 */
export function useLoadOnScroll(
  load: () => void,
  enabled: boolean,
): RefObject<HTMLDivElement | null> {
  const sentinel = useRef<HTMLDivElement | null>(null);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const element = sentinel.current;
    if (!enabled || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled]);
  return sentinel;
}
