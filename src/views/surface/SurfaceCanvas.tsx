/** The 2D and 3D pictures: thin wrappers that size the canvas and redraw once per frame. */
import { useEffect, useRef, useState, type CSSProperties, type MutableRefObject } from 'react';
import { drawSurface2d, type ScenePath, type SurfaceScene } from '../../render/surface2d';
import { surface2dFitHeight, surface2dLayout, type Surface2dLayout } from '../../render/surface2d-layout';
import { createSurface3d, type Surface3d } from '../../render/surface3d';
import { attachOrbit, DEFAULT_VIEW, projectPoint, viewFacing, type OrbitView } from '../../render/orbit';
import { surfaceEdge } from '../../render/surface3d-geometry';
import type { SurfaceGrid } from '../../protocol/surface-api';
import { colourBarTicks, costAt, costRange, scaleText } from '../../render/surface-scale';
import { fitCanvas } from '../../render/digit';
import { costScale } from '../../render/palette';
import { useElementSize } from '../charts/use-chart';
import { useDevicePixelRatio } from '../use-media';
import { useLab } from '../../store/lab-store';
import { sig } from '../controls/format';
import type { PlaneCoordinates } from '../../engine/surface';
import type { LivePoint, Shown } from './use-surface';
import { PATH_COLOURS, PATH_DASHES, SHORT_NAMES } from './walks';
import { WalkSwatch } from './WalkSwatch';
import { placeEndNotes } from '../../render/end-notes';

interface CanvasProps {
  shown: Shown;
  mode: '2d' | '3d';
  liveRef: MutableRefObject<LivePoint | null>;
  trailRef: MutableRefObject<PlaneCoordinates[]>;
  onLiveChange: (fn: () => void) => () => void;
  highlight: { alpha: number; beta: number } | null;
}

/**
 * The paths to draw. None on random directions: the training path is nearly orthogonal to
 * them, so it projects to a huddle at the centre (in 3D, a spike of its real costs there).
 */
function drawnPaths(shown: Shown): Shown['paths'] {
  return shown.kind === 'random' ? [] : shown.paths;
}

/**
 * GD vs SGD: each walk's real cost where it ended, beside the map's colour there (named: three
 * bare "C = …" beside each other did not say whose each was).
 */
function endNoteOf(shown: Shown, p: Shown['paths'][number]): string | undefined {
  const last = p.points[p.points.length - 1];
  return shown.kind === 'optimisers' && last
    ? `${SHORT_NAMES[p.name] ?? p.label}: C = ${sig(last.cost, 3)}`
    : undefined;
}

function scenePaths(shown: Shown): ScenePath[] {
  return drawnPaths(shown).map((p) => ({
    points: p.points,
    colour: PATH_COLOURS[p.name] ?? '#fff',
    dash: PATH_DASHES[p.name],
    label: p.label,
    endNote: endNoteOf(shown, p),
  }));
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

/** Below this width the 3D view gives up COLOUR_BAR_ROOM px on its right to the colour bar. */
const NARROW_3D = 600;
const COLOUR_BAR_ROOM = 78;

export function SurfaceCanvas(props: CanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  // the map's own height at this width, which the stacked layout's box takes when it is less than
  // the box's 320 px (surface.css); from the width alone, so the box's new height changes nothing here
  const fit = props.mode === '2d' ? surface2dFitHeight(size.width, props.shown.grid) : null;
  return (
    <div
      className="surface-canvas-box"
      ref={box}
      style={fit === null ? undefined : ({ '--map-fit': `${fit}px` } as CSSProperties)}
    >
      {props.mode === '2d' ? (
        <Canvas2d {...props} width={size.width} height={size.height} />
      ) : (
        // a narrow view (a phone) keeps the colour bar's strip free: the surface and its axis names
        // ran under it; a wide one leaves the surface its full width (it does not reach the bar)
        <Canvas3d
          {...props}
          width={size.width < NARROW_3D ? Math.max(0, size.width - COLOUR_BAR_ROOM) : size.width}
          height={size.height}
        />
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
  /** The plot as last drawn (its left margin follows the y labels' width), for hit-testing. */
  const drawn = useRef<Surface2dLayout | null>(null);
  const draw = useFrame(() => {
    const c = canvas.current;
    if (!c) return;
    const ctx = fitCanvas(c, width, height);
    const scene: SurfaceScene = {
      grid: shown.grid,
      axisLabels: shown.plane.axisLabels,
      axisOffsets: shown.plane.axisOffsets,
      paths: scenePaths(shown),
      current: liveRef.current,
      trail: trailRef.current,
      highlight,
    };
    drawn.current = drawSurface2d(ctx, scene, width, height);
    // where the map is drawn in the canvas (its scales are equal, so it may not fill it), for tests
    const { plot } = drawn.current;
    c.dataset.plot = [plot.x, plot.y, plot.width, plot.height].map((v) => Math.round(v)).join(',');
  });
  // a zoom (a new device pixel ratio) redraws it at the new resolution
  const ratio = useDevicePixelRatio();
  useEffect(draw, [draw, shown, highlight, width, height, ratio]);
  useEffect(() => onLiveChange(draw), [onLiveChange, draw]);

  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const s = (drawn.current ?? surface2dLayout(width, height, shown.grid)).sampleAt(x, y);
    const [oa, ob] = shown.plane.axisOffsets;
    setHover(
      s
        ? {
            x,
            y,
            // on lines, as narrow as can be: on one it ran off the map over the colour bar; the
            // cost is the nearest grid point's, as computed (not an estimate between points)
            text: [
              `C = ${sig(s.cost)} (nearest grid point)`,
              `${shown.plane.axisLabels[0]} = ${sig(s.alpha + oa, 3)}`,
              `${shown.plane.axisLabels[1]} = ${sig(s.beta + ob, 3)}`,
            ].join('\n'),
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
        role="img"
        aria-label="Cost surface seen from above: colour is the cost C (log scale), lines join equal costs"
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      />
      {hover && (
        <div
          className="surface-tooltip"
          data-testid="surface-tooltip"
          // beside the pointer, on the side with room, and inside the canvas (on a phone's 360 px map
          // no side has room for it near the middle): placed by its estimated width, not measured
          style={{
            left: tipLeft(
              hover.x,
              hover.text,
              (drawn.current ?? surface2dLayout(width, height, shown.grid)).plot,
              width,
            ),
            top: Math.max(0, hover.y - 56),
          }}
        >
          {hover.text}
        </div>
      )}
    </>
  );
}

/**
 * The map's hover tip's left edge: beside `x`, on the side of the map with room, inside the map
 * (`plot`) where it fits (beside the colour bar it covered its ticks), else inside the canvas.
 */
export function tipLeft(x: number, text: string, plot: { x: number; width: number }, width: number): number {
  // 12 px text: about 6.7 px a character, and the padding and border
  const tip = Math.max(...text.split('\n').map((l) => l.length)) * 6.7 + 14;
  const beside = x > plot.x + plot.width / 2 ? x - 12 - tip : x + 12;
  const [lo, hi] = plot.width >= tip ? [plot.x, plot.x + plot.width - tip] : [0, width - tip];
  return Math.max(lo, Math.min(hi, beside));
}

/**
 * The cost's colour scale beside the 3D view: log scale, with the ticks the 2D map's bar names
 * (round costs, and an end where no round one is near it), so the two views read alike. It had
 * its ends and their geometric middle (0.32, 0.87, 2.4) beside the map's 0.5, 1, 2.
 */
export function ColourBar({ values }: { values: Float32Array }) {
  const [lo, hi] = costRange(values);
  const bar = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(bar);
  const colour = costScale(lo, hi);
  const stops = Array.from({ length: 11 }, (_, k) => `${colour(costAt(lo, hi, 1 - k / 10))} ${k * 10}%`).join(', ');
  const fraction = (c: number) => (hi > lo ? Math.log(c / lo) / Math.log(hi / lo) : 0.5);
  const ticks = colourBarTicks(lo, hi, height).sort((a, b) => b - a);
  return (
    <div className="surface-colour-bar" data-testid="surface-colour-bar" aria-hidden="true">
      <span className="title">C</span>
      <div ref={bar} className="bar" style={{ background: `linear-gradient(${stops})` }} />
      <div className="ticks">
        {ticks.map((t) => (
          <span key={t} className="tick" style={{ top: `${(1 - fraction(t)) * 100}%` }}>
            {scaleText(t)}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Box edges where each direction's name goes: the midpoints of the floor's two edges along it. */
const AXIS_EDGES: [readonly [number, number, number], readonly [number, number, number]][] = [
  [
    [0, -0.5, -1],
    [0, -0.5, 1],
  ],
  [
    [-1, -0.5, 0],
    [1, -0.5, 0],
  ],
];

/**
 * Where a label's centre goes beside a floor edge seen from `a` to `b` on screen, at its middle `m`:
 * pushed out from the floor's centre `c`, square to the edge, until its whole box (`w` x `h`) is
 * clear of the edge's line. It hung 6 px under the middle, and on a slanted edge one end of it lay
 * over the surface (the surface stands on the floor, so past the near edge there is none of it).
 */
export function outsideEdge(
  a: { x: number; y: number },
  b: { x: number; y: number },
  m: { x: number; y: number },
  c: { x: number; y: number },
  w: number,
  h: number,
  overhang: readonly { x: number; y: number }[] = [],
): { x: number; y: number } {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  // an edge seen end on: straight down from its middle
  let n = len > 1e-6 ? { x: -(b.y - a.y) / len, y: (b.x - a.x) / len } : { x: 0, y: 1 };
  if (n.x * (m.x - c.x) + n.y * (m.y - c.y) < 0) n = { x: -n.x, y: -n.y };
  // the surface's own edge above it, where seen from the side it stands out past the floor's
  const past = Math.max(0, ...overhang.map((p) => n.x * (p.x - m.x) + n.y * (p.y - m.y)));
  const reach = past + (Math.abs(n.x) * w) / 2 + (Math.abs(n.y) * h) / 2 + 4;
  return { x: m.x + n.x * reach, y: m.y + n.y * reach };
}

/** The floor edge through a midpoint (one of x, z is 0 there): its two ends. */
function edgeEnds(m: readonly [number, number, number]): [[number, number, number], [number, number, number]] {
  return m[0] === 0
    ? [
        [-1, m[1], m[2]],
        [1, m[1], m[2]],
      ]
    : [
        [m[0], m[1], -1],
        [m[0], m[1], 1],
      ];
}

/** Puts each direction's name beside the middle of the floor edge nearer the viewer (lower on screen), outside the floor. */
function placeAxisLabels(
  labels: (HTMLElement | null)[],
  grid: SurfaceGrid,
  view: OrbitView,
  width: number,
  height: number,
): void {
  const centre = projectPoint(view, width, height, [0, -0.5, 0]);
  AXIS_EDGES.forEach((edges, i) => {
    const el = labels[i];
    if (!el) return;
    const seen = edges
      .map((e) => ({ e, p: projectPoint(view, width, height, e) }))
      .filter((q): q is { e: (typeof edges)[number]; p: { x: number; y: number } } => q.p !== null);
    if (seen.length === 0) {
      el.style.display = 'none';
      return;
    }
    const near = seen.reduce((u, v) => (v.p.y > u.p.y ? v : u));
    el.style.display = 'block';
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const [ea, eb] = edgeEnds(near.e).map((e) => projectPoint(view, width, height, e));
    // the surface's wall above the edge: "PC1" lay under a high edge's overhang, its "P" hidden
    const overhang = surfaceEdge(grid, near.e).flatMap((e) => projectPoint(view, width, height, e) ?? []);
    const at =
      ea && eb && centre
        ? outsideEdge(ea, eb, near.p, centre, w, h, overhang)
        : { x: near.p.x, y: near.p.y + 6 + h / 2 };
    // kept inside the view (on a phone the nearer edge's middle can lie at its side)
    const x = Math.max(w / 2, Math.min(width - w / 2, at.x));
    const y = Math.max(h / 2, Math.min(height - h / 2, at.y));
    el.style.transform = `translate(${Math.round(x - w / 2)}px, ${Math.round(y - h / 2)}px)`;
  });
}

/**
 * Writes each walk's end note beside where its last point lies on screen, the notes kept apart
 * as on the 2D map (`placeEndNotes`); a walk with no end in the grid, or behind the camera, has none.
 */
function placeEndNotes3d(
  notes: (HTMLElement | null)[],
  ends: ([number, number, number] | null)[],
  view: OrbitView,
  width: number,
  height: number,
): void {
  const seen: { el: HTMLElement; x: number; y: number }[] = [];
  notes.forEach((el, i) => {
    if (!el) return;
    const end = ends[i];
    const p = end ? projectPoint(view, width, height, end) : null;
    el.style.display = p ? 'block' : 'none';
    if (p) seen.push({ el, ...p });
  });
  // clear of the colour bar, which lies over the view's right edge where the view is wide (narrower,
  // the view gives it the room beside it)
  const bar = width >= NARROW_3D ? COLOUR_BAR_ROOM : 0;
  const at = placeEndNotes(
    seen.map((n) => ({ x: n.x, y: n.y, width: n.el.offsetWidth })),
    { x: 0, y: 0, width: width - bar, height },
    20,
  );
  seen.forEach((n, i) => {
    n.el.style.transform = `translate(${Math.round(at[i].x)}px, ${Math.round(at[i].y - n.el.offsetHeight / 2)}px)`;
  });
}

/** Without WebGL: the 2D map instead, and the keyboard's focus on the view's menu (the button it was on is gone). */
function show2d(): void {
  useLab.setState({ surfaceMode: '2d' });
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid=surface-mode]')?.focus());
}

function Canvas3d({ shown, liveRef, onLiveChange, width, height }: CanvasProps & { width: number; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const axisLabels = useRef<(HTMLElement | null)[]>([null, null]);
  const endNotes = useRef<(HTMLElement | null)[]>([]);
  /** The walks' last points in the box, from the scene last uploaded. */
  const ends = useRef<([number, number, number] | null)[]>([]);
  const renderer = useRef<Surface3d | null>(null);
  const view = useRef<OrbitView>(DEFAULT_VIEW);
  /** Turned by the student: a new picture keeps their view instead of the one it would choose. */
  const turned = useRef(false);
  /** The kind of slice the view was last chosen for: its recomputes (following training) keep it. */
  const facedKind = useRef<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const sceneDirty = useRef(true);
  const ratio = useDevicePixelRatio();
  const draw = useFrame(() => {
    const r = renderer.current;
    if (!r) return;
    if (sceneDirty.current) {
      sceneDirty.current = false;
      ends.current = r.setScene({
        grid: shown.grid,
        paths: drawnPaths(shown).map((p) => ({ points: p.points, colour: PATH_COLOURS[p.name] ?? '#fff' })),
        current: liveRef.current,
      });
    }
    r.draw(view.current, width, height, window.devicePixelRatio || 1);
    placeAxisLabels(axisLabels.current, shown.grid, view.current, width, height);
    placeEndNotes3d(endNotes.current, ends.current, view.current, width, height);
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
        turned.current = true;
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
    // chosen once per kind of slice: each recompute's start moves (the path's principal
    // directions can even flip), and the view jumped with it while training
    if (!turned.current && facedKind.current !== shown.kind) {
      facedKind.current = shown.kind;
      view.current = viewFacing(shown.grid, drawnPaths(shown));
    }
    sceneDirty.current = true;
    draw();
  }, [draw, shown, width, height, ratio]);
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
        style={failed ? { display: 'none' } : { width, height }}
        role="application"
        aria-roledescription="3D cost surface"
        tabIndex={0}
        aria-label="Cost surface in 3D: height and colour are the cost C (log scale); drag it, or use the arrow keys, to turn and tilt it"
      />
      {!failed &&
        shown.plane.axisLabels.map((name, i) => (
          <span
            key={i}
            className="surface-axis-label"
            data-testid={`surface-axis-${i + 1}`}
            ref={(el) => {
              axisLabels.current[i] = el;
            }}
          >
            {name}
          </span>
        ))}
      {!failed &&
        drawnPaths(shown).map((p, i) => {
          const note = endNoteOf(shown, p);
          return (
            note && (
              // as on the 2D map: in 3D the walks were told apart by colour alone
              <span
                key={p.name}
                className="note-pill surface-end-note"
                data-testid="surface-end-note"
                ref={(el) => {
                  endNotes.current[i] = el;
                }}
              >
                <WalkSwatch name={p.name} solid /> {note}
              </span>
            )
          );
        })}
      {!failed && <ColourBar values={shown.grid.values} />}
      {!failed && (
        <span className="surface-drag-hint" data-testid="surface-drag-hint">
          drag (or arrow keys) to turn · height is the cost C (log scale) · ○ the current weights
        </span>
      )}
      {/* in the picture's place, with the way to the 2D map there (a line below an empty box was missed) */}
      {failed && (
        <div className="surface-error surface-error-3d" style={{ height }}>
          <p>{failed}</p>
          <button type="button" data-testid="surface-show-2d" onClick={show2d}>
            Show the 2D map
          </button>
        </div>
      )}
    </>
  );
}
