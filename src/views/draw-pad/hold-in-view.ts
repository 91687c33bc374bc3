/**
 * Scroll anchoring by hand for the draw pad while the app loads. The browser anchors the page on
 * the first element in view; on a phone that is the inspector's placeholder above the pad, whose
 * ~960 px of content arrive with the network and pushed the pad away from under a finger drawing
 * on it (a student can draw with the pretrained network seconds before the training network is
 * built). While `holding`, and for a moment after (the network's panels arrive with the snapshot
 * that ends it), the page's own anchoring is off and a layout change that moves the pad while it
 * is in view is scrolled back before the frame is painted (a ResizeObserver runs after layout,
 * before paint). The pad's place in the document, not on screen, tells a layout change from the
 * student's own scrolling. A press or a key anywhere but on the pad ends the hold: what moves
 * next is the student's doing (Lesson pressed a second after the network arrived opens the card
 * above the panels, and the hold scrolled the page down by its height, under the sticking card).
 */
import { useEffect, useRef, type RefObject } from 'react';

/** How long the hold outlasts `holding`: the network's panels render with the snapshot that ends it. */
const AFTER_MS = 1500;

export function useHoldInView(ref: RefObject<HTMLElement | null>, holding: boolean): void {
  const stop = useRef<(() => void) | null>(null);
  const startedHolding = useRef(holding);
  useEffect(() => {
    if (holding) return;
    const timer = setTimeout(() => stop.current?.(), AFTER_MS);
    return () => clearTimeout(timer);
  }, [holding]);
  useEffect(() => {
    const el = ref.current;
    // opened once the network was there: nothing above it is still to come
    if (!el || !startedHolding.current) return;
    const root = document.documentElement;
    const anchoring = root.style.overflowAnchor;
    root.style.overflowAnchor = 'none';
    let last = el.getBoundingClientRect().top + window.scrollY;
    const observer = new ResizeObserver(() => {
      const rect = el.getBoundingClientRect();
      const now = rect.top + window.scrollY;
      const shift = now - last;
      last = now;
      // on screen before the change (its top was then rect.top - shift): kept where it was
      const before = rect.top - shift;
      if (Math.abs(shift) > 0.5 && before < window.innerHeight && before + rect.height > 0) {
        window.scrollBy(0, shift);
      }
    });
    observer.observe(document.body);
    const elsewhere = (e: Event) => {
      if (!(e.target instanceof Node && el.contains(e.target))) end();
    };
    window.addEventListener('pointerdown', elsewhere, true);
    window.addEventListener('keydown', elsewhere, true);
    const end = () => {
      observer.disconnect();
      window.removeEventListener('pointerdown', elsewhere, true);
      window.removeEventListener('keydown', elsewhere, true);
      root.style.overflowAnchor = anchoring;
      stop.current = null;
    };
    stop.current = end;
    return end;
  }, [ref]);
}
