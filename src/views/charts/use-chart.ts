/** The thin wrapper's two jobs: know the chart's size, and redraw at most once per animation frame. */
import { useEffect, useLayoutEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import type { ChartSize } from '../../render/charts/frame';

/** Until the element has been laid out (and in jsdom, which has no layout). */
const FALLBACK: ChartSize = { width: 320, height: 240 };

/**
 * The content-box size of `ref`, following resizes; with `beforePaint`, first measured before the
 * first paint (the lesson card, measured after it, drew one column and then two, its height jumping).
 */
export function useElementSize(ref: RefObject<HTMLElement | null>, beforePaint = false): ChartSize {
  const [size, setSize] = useState<ChartSize>(FALLBACK);
  // (fixed per call site, so the hooks' order never changes)
  const useMeasure = beforePaint ? useLayoutEffect : useEffect;
  useMeasure(() => {
    const el = ref.current;
    if (!el) return;
    const apply = (width: number, height: number) => {
      if (width < 1 || height < 1) return;
      const w = Math.floor(width);
      const h = Math.floor(height);
      setSize((s) => (s.width === w && s.height === h ? s : { width: w, height: h }));
    };
    apply(el.clientWidth, el.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) apply(box.width, box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

const nextFrame: (cb: () => void) => number =
  typeof requestAnimationFrame === 'function' ? (cb) => requestAnimationFrame(cb) : (cb) => window.setTimeout(cb, 16);
const cancelFrame: (id: number) => void =
  typeof cancelAnimationFrame === 'function' ? (id) => cancelAnimationFrame(id) : (id) => window.clearTimeout(id);

/**
 * Calls `draw` in the next animation frame whenever `deps` change; several changes
 * within one frame draw once, with the latest `draw`.
 */
export function useFrameDraw(draw: () => void, deps: DependencyList): void {
  const latest = useRef(draw);
  const pending = useRef<number | null>(null);
  useEffect(() => {
    latest.current = draw;
    pending.current ??= nextFrame(() => {
      pending.current = null;
      latest.current();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the drawing reads
  }, deps);
  useEffect(
    () => () => {
      if (pending.current !== null) cancelFrame(pending.current);
      pending.current = null;
    },
    [],
  );
}

/**
 * `value` as long as `key` is unchanged, else the new value: each snapshot carries fresh
 * copies of the epochs and the confusion matrix, which change only once per epoch, and
 * redrawing charts whose data did not change cost frames while training plays.
 */
export function useStable<T>(value: T, key: string): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  if (ref.current === null || ref.current.key !== key) ref.current = { key, value };
  return ref.current.value;
}
