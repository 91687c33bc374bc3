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

/**
 * Time a frame gives the charts' waiting drawings: the first always runs, the next ones only
 * while less than this has gone. Playing at full speed every chart has something new several
 * times a second; all drawn in one frame, with the network view's and the layout they dirtied,
 * the frame's task ran 40-70 ms (the budget is 50), so they take turns.
 */
const FRAME_SHARE_MS = 4;

/** Drawings waiting for a frame, in the order they asked (each a hook's latest `draw`). */
const waiting = new Set<{ current: () => void }>();
let frameAsked = false;

function drawWaiting(): void {
  frameAsked = false;
  const start = performance.now();
  try {
    for (const draw of waiting) {
      waiting.delete(draw);
      draw.current();
      if (performance.now() - start >= FRAME_SHARE_MS) break;
    }
  } finally {
    // (a drawing that throws leaves the others their turn)
    if (waiting.size > 0) askFrame();
  }
}

function askFrame(): void {
  if (frameAsked) return;
  frameAsked = true;
  nextFrame(drawWaiting);
}

/**
 * Calls `draw` in an animation frame soon after `deps` change; several changes before it is
 * drawn draw once, with the latest `draw`. The drawings of all the hooks share the frames (see
 * FRAME_SHARE_MS): one waits at most a frame or two for its turn.
 */
export function useFrameDraw(draw: () => void, deps: DependencyList): void {
  const latest = useRef(draw);
  useEffect(() => {
    latest.current = draw;
    waiting.add(latest);
    askFrame();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the drawing reads
  }, deps);
  useEffect(
    () => () => {
      waiting.delete(latest);
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
