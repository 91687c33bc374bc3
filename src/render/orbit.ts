/**
 * The 3D surface's camera: a view that orbits the box (turned and tilted by dragging or the
 * arrow keys), its matrix, and where a point of the box lands on the screen (for labels drawn
 * over the canvas).
 */
import type { SurfaceGrid } from '../protocol/surface-api';
import { multiply, perspective, rotationX, rotationY, toClip, translation, type Mat4 } from './mat4';
import { BOX_Y, gridToBox } from './surface3d-geometry';

export interface OrbitView {
  /** Rotation about the vertical axis and tilt, radians. */
  yaw: number;
  pitch: number;
}

export const DEFAULT_VIEW: OrbitView = { yaw: -0.6, pitch: 0.55 };
/**
 * The first view of a scene: a path that walked in from far off (the training path's start,
 * the untrained network's high cost) is turned to the back, a little to one side, so the walk
 * comes down towards the viewer. Seen with its start at the front, the start's high corner lay
 * lowest on the screen and the walk seemed to climb out of a dip. Else DEFAULT_VIEW.
 */
export function viewFacing(
  grid: SurfaceGrid,
  paths: readonly { points: readonly { alpha: number; beta: number }[] }[],
): OrbitView {
  const start = paths[0]?.points[0];
  if (!start || !Number.isFinite(start.alpha) || !Number.isFinite(start.beta)) return DEFAULT_VIEW;
  const [dx, dz] = gridToBox(grid)(start);
  // a walk that starts near the middle (the GD vs SGD race) has no far end to put at the back
  if (Math.hypot(dx, dz) < 0.4) return DEFAULT_VIEW;
  // rotationY(yaw) sends the direction (dx, dz) straight back (to -z) at yaw = atan2(dx, -dz)
  return { yaw: Math.atan2(dx, -dz) + DEFAULT_VIEW.yaw, pitch: DEFAULT_VIEW.pitch };
}

/** How far the view tilts: from nearly side-on to about 50 degrees down; the camera keeps the whole box in view over it. */
export const PITCH_RANGE = [0.05, 0.9] as const;

/**
 * Where a point of the box lands on a width x height view (CSS px), for labels drawn over
 * the canvas; null behind the camera. The matrix is column-major, as WebGL reads it.
 */
export function projectPoint(
  view: OrbitView,
  width: number,
  height: number,
  [x, y, z]: readonly [number, number, number],
): { x: number; y: number } | null {
  const c = toClip(orbitMatrix(view, width / Math.max(1, height)), x, y, z);
  if (!c) return null;
  return { x: ((c.x + 1) / 2) * width, y: ((1 - c.y) / 2) * height };
}

/** The vertical field of view (radians), and the narrowest width / height that shows the whole box with it. */
const FOVY = 0.7;
const WHOLE_BOX_ASPECT = 1.3;

/** The camera's distance from the box's centre when the whole box fits at it (most views). */
const CAMERA_DISTANCE = 3.8;
/** How much of the view (in clip space, 1 = its edge) the box may take. */
const FIT = 0.97;

/** The largest |x| or |y| of the box's corners in clip space under `m`. */
function reach(m: Mat4): number {
  let most = 0;
  for (const x of [-1, 1])
    for (const y of BOX_Y)
      for (const z of [-1, 1]) {
        const c = toClip(m, x, y, z);
        if (!c) return Infinity;
        most = Math.max(most, Math.abs(c.x), Math.abs(c.y));
      }
  return most;
}

/**
 * The model-view-projection matrix for an orbit view of the box ([-1,1]^2, the floor at -0.5,
 * paths floating up to 0.64). Most views show the whole box from CAMERA_DISTANCE; a view that
 * would cut it (turned so a high corner is at the back and tilted down: the training path's
 * start ran off the top, over the caption, and the near corner reached the panel's foot) moves
 * the camera back just enough.
 */
export function orbitMatrix(view: OrbitView, aspect: number): Mat4 {
  const model = multiply(rotationX(view.pitch), rotationY(view.yaw));
  // a view narrower than WHOLE_BOX_ASPECT (a phone's) widens its field so the turning box's
  // sides stay in view: the vertical field alone cut the surface at both edges there
  const fovy = 2 * Math.atan(Math.tan(FOVY / 2) * Math.max(1, WHOLE_BOX_ASPECT / aspect));
  const projection = perspective(fovy, aspect, 0.1, 20);
  const at = (distance: number) => multiply(projection, multiply(translation(0, 0.25, -distance), model));
  const near = at(CAMERA_DISTANCE);
  if (reach(near) <= FIT) return near;
  let lo = CAMERA_DISTANCE;
  let hi = 2 * CAMERA_DISTANCE;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (reach(at(mid)) <= FIT) hi = mid;
    else lo = mid;
  }
  return at(hi);
}

/** The view after an arrow key (← → turn it, ↑ ↓ tilt it), or null for another key. */
export function orbitKey(v: OrbitView, key: string): OrbitView | null {
  const tilt = (d: number) => Math.max(PITCH_RANGE[0], Math.min(PITCH_RANGE[1], v.pitch + d));
  if (key === 'ArrowLeft') return { yaw: v.yaw - 0.15, pitch: v.pitch };
  if (key === 'ArrowRight') return { yaw: v.yaw + 0.15, pitch: v.pitch };
  if (key === 'ArrowUp') return { yaw: v.yaw, pitch: tilt(0.08) };
  if (key === 'ArrowDown') return { yaw: v.yaw, pitch: tilt(-0.08) };
  return null;
}

/**
 * Dragging turns and tilts the view (mouse, pen or touch: pointer events, so the canvas needs
 * `touch-action: none`); so do the arrow keys when the canvas has the focus. Returns a function
 * that detaches the listeners.
 */
export function attachOrbit(canvas: HTMLCanvasElement, get: () => OrbitView, set: (v: OrbitView) => void): () => void {
  let last: { x: number; y: number; id: number } | null = null;
  const key = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const v = orbitKey(get(), e.key);
    if (!v) return;
    e.preventDefault();
    set(v);
  };
  const down = (e: PointerEvent) => {
    last = { x: e.clientX, y: e.clientY, id: e.pointerId };
    canvas.setPointerCapture?.(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    if (!last || e.pointerId !== last.id) return;
    const v = get();
    const pitch = Math.max(PITCH_RANGE[0], Math.min(PITCH_RANGE[1], v.pitch + (e.clientY - last.y) * 0.01));
    set({ yaw: v.yaw + (e.clientX - last.x) * 0.01, pitch });
    last = { x: e.clientX, y: e.clientY, id: e.pointerId };
  };
  const up = (e: PointerEvent) => {
    if (last && e.pointerId === last.id) last = null;
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('keydown', key);
  return () => {
    canvas.removeEventListener('keydown', key);
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
  };
}
