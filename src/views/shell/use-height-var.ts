import { useEffect, type RefObject } from 'react';

/**
 * Keeps a CSS variable on the page at an element's height plus `extra` px while `active`
 * (removed when it ends), so the layout can make room for it: the header, which wraps on
 * narrow screens, and the lesson card.
 */
export function useHeightVar(element: RefObject<HTMLElement | null>, name: string, extra = 0, active = true): void {
  useEffect(() => {
    const root = document.documentElement;
    const el = element.current;
    if (!active || !el) return;
    const observer = new ResizeObserver(() => root.style.setProperty(name, `${el.offsetHeight + extra}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty(name);
    };
  }, [element, name, extra, active]);
}
