/** The 2D and 3D pictures: thin wrappers that size the canvas and redraw once per frame. */
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { drawSurface2d, surface2dLayout, type ScenePath, type SurfaceScene } from '../../render/surface2d';
import { attachOrbit, createSurface3d, DEFAULT_VIEW, type OrbitView, type Surface3d } from '../../render/surface3d';
import { useElementSize } from '../charts/use-chart';
import { sig } from '../controls/format';
import type { PlaneCoordinates } from '../../engine/surface';
import type { LivePoint, Shown } from './use-surface';

/** Path colours over the cost colours (each drawn with a dark outline). */
export const PATH_COLOURS: Record<string, string> = {
  training: '#ff5fa2',
  gd: '#ffffff',
  minibatch: '#ff5fa2',
  sgd: '#35d0ff',
};

interface CanvasProps {
  shown: Shown;
  mode: '2d' | '3d';
  liveRef: MutableRefObject<LivePoint | null>;
  trailRef: MutableRefObject<PlaneCoordinates[]>;
  onLiveChange: (fn: () => void) => () => void;
  highlight: { alpha: number; beta: number } | null;
}

function scenePaths(shown: Shown): ScenePath[] {
  return shown.paths.map((p) => ({ points: p.points, colour: PATH_COLOURS[p.name] ?? '#fff', label: p.label }));
}

/** Calls `fn` in the next animation frame; repeated calls within a frame draw once. */
function useFrame(fn: () => void): () => void {
  const latest = useRef(fn);
  const pending = useRef<number | null>(null);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(
    () => () => {
      if (pending.current !== null) cancelAnimationFrame(pending.current);
      pending.current = null;
    },
    [],
  );
  return useRef(() => {
    pending.current ??= requestAnimationFrame(() => {
      pending.current = null;
      latest.current();
    });
  }).current;
}

export function SurfaceCanvas(props: CanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  return (
    <div className="surface-canvas-box" ref={box}>
      {props.mode === '2d' ? (
        <Canvas2d {...props} width={size.width} height={size.height} />
      ) : (
        <Canvas3d {...props} width={size.width} height={size.height} />
      )}
    </div>
  );
}

function Canvas2d({
  shown,
  liveRef,
  trailRef,
  onLiveChange,
  highlight,
  width,
  height,
}: CanvasProps & { width: number; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);
  const draw = useFrame(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const scene: SurfaceScene = {
      grid: shown.grid,
      axisLabels: shown.plane.axisLabels,
      axisOffsets: shown.plane.axisOffsets,
      paths: scenePaths(shown),
      current: liveRef.current,
      trail: trailRef.current,
      highlight,
    };
    drawSurface2d(ctx, scene, width, height);
  });
  useEffect(draw, [draw, shown, highlight, width, height]);
  useEffect(() => onLiveChange(draw), [onLiveChange, draw]);

  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const s = surface2dLayout(width, height, shown.grid).sampleAt(x, y);
    const [oa, ob] = shown.plane.axisOffsets;
    setHover(
      s
        ? {
            x,
            y,
            text: `${shown.plane.axisLabels[0]} ${sig(s.alpha + oa, 3)}, ${shown.plane.axisLabels[1]} ${sig(s.beta + ob, 3)}: C = ${sig(s.cost)}`,
          }
        : null,
    );
  };
  return (
    <>
      <canvas
        ref={canvas}
        data-testid="surface-canvas-2d"
        style={{ width, height }}
        aria-label="Cost surface seen from above: colour is the cost C (log scale), lines join equal costs"
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      />
      {hover && (
        <div
          className="surface-tooltip"
          style={{ left: Math.min(hover.x + 12, width - 230), top: Math.max(0, hover.y - 30) }}
        >
          {hover.text}
        </div>
      )}
    </>
  );
}

function Canvas3d({ shown, liveRef, onLiveChange, width, height }: CanvasProps & { width: number; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<Surface3d | null>(null);
  const view = useRef<OrbitView>(DEFAULT_VIEW);
  const [failed, setFailed] = useState<string | null>(null);
  const sceneDirty = useRef(true);
  const draw = useFrame(() => {
    const r = renderer.current;
    if (!r) return;
    if (sceneDirty.current) {
      sceneDirty.current = false;
      r.setScene({
        grid: shown.grid,
        paths: shown.paths.map((p) => ({ points: p.points, colour: PATH_COLOURS[p.name] ?? '#fff' })),
        current: liveRef.current,
      });
    }
    r.draw(view.current, width, height, window.devicePixelRatio || 1);
  });
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    try {
      renderer.current = createSurface3d(c);
      if (!renderer.current)
        setFailed('This browser has no WebGL, so the 3D view cannot be drawn; the 2D view shows the same surface.');
    } catch (e) {
      setFailed(`The 3D view could not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    sceneDirty.current = true;
    const detach = attachOrbit(
      c,
      () => view.current,
      (v) => {
        view.current = v;
        draw();
      },
    );
    return () => {
      detach();
      renderer.current?.dispose();
      renderer.current = null;
    };
  }, [draw]);
  useEffect(() => {
    sceneDirty.current = true;
    draw();
  }, [draw, shown, width, height]);
  useEffect(
    () =>
      onLiveChange(() => {
        sceneDirty.current = true;
        draw();
      }),
    [onLiveChange, draw],
  );
  return (
    <>
      <canvas
        ref={canvas}
        className="surface-3d"
        data-testid="surface-canvas-3d"
        style={{ width, height }}
        aria-label="Cost surface in 3D: height and colour are the cost C (log scale); drag to turn it"
      />
      {failed && <p className="surface-error">{failed}</p>}
    </>
  );
}
