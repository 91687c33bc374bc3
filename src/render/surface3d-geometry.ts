/**
 * What the 3D surface draws, as arrays for WebGL: the grid as a lit height field (height log C,
 * coloured as the 2D map), the floor frame, the paths at their real cost, and their markers.
 * No GL here: the box's coordinates are x and z in [-1, 1] (α across, β away from the viewer),
 * y the height.
 */
import { rgb } from 'd3';
import type { SurfaceGrid } from '../protocol/surface-api';
import { costScale } from './palette';
import { costRange } from './surface-scale';

export interface Path3d {
  /** cost: the real cost at the point (NaN: use the surface's height there). */
  points: { alpha: number; beta: number; cost: number }[];
  colour: string;
}

export interface Surface3dScene {
  grid: SurfaceGrid;
  paths: Path3d[];
  current: { alpha: number; beta: number; cost: number } | null;
}

/** The box drawn: x and z in [-1, 1], y from the floor to the highest a path may float (heightScale's cap + lift). */
export const BOX_Y: readonly [number, number] = [-0.5, 0.64];

/** A point of the slice's plane as the box's (x, z): α from the grid's left edge at x = -1, β from its near edge at z = 1. */
export function gridToBox(grid: SurfaceGrid): (p: { alpha: number; beta: number }) => [number, number] {
  return (p) => [
    ((p.alpha - grid.alphaMin) / (grid.alphaMax - grid.alphaMin)) * 2 - 1,
    -(((p.beta - grid.betaMin) / (grid.betaMax - grid.betaMin)) * 2 - 1),
  ];
}

export interface Geometry {
  surface: { pos: Float32Array; normal: Float32Array; colour: Float32Array; index: Uint16Array };
  /** The floor frame and the current point's drop line, then the paths from vertex `pathFirst` on. */
  lines: { pos: Float32Array; colour: Float32Array; pathFirst: number };
  /**
   * onTop: drawn over the surface (the current point stays visible behind a rim); path: a walk's
   * step, also drawn faded where the surface hides it; square: a square, not a disc (a path's
   * start); hole: the radius in px of a hole in the disc, which makes it a ring.
   */
  points: {
    pos: Float32Array;
    colour: Float32Array;
    size: number;
    onTop?: boolean;
    path?: boolean;
    square?: boolean;
    hole?: number;
    /** A dark rim this many px wide (a walk's steps: a pale walk on the pale valley was lost to colour-blind eyes). */
    rim?: number;
  }[];
  /** Each scene path's last point in the box (null: none inside the grid), for the notes written beside it. */
  ends: ([number, number, number] | null)[];
}

function colourOf(css: string): [number, number, number] {
  const c = rgb(css);
  return [c.r / 255, c.g / 255, c.b / 255];
}

/**
 * The box height y of a cost: log C over the grid's cost range [lo, hi] (costRange) onto
 * -0.45 .. 0.45 (a cost not finite at the top).
 */
export function heightScale(lo: number, hi: number): (cost: number) => number {
  const logLo = Math.log(lo);
  const span = Math.max(1e-9, Math.log(hi) - logLo);
  return (c: number) => {
    const v = Number.isFinite(c) ? c : hi;
    return Math.min(0.62, Math.max(-0.5, ((Math.log(Math.max(v, lo)) - logLo) / span) * 0.9 - 0.45));
  };
}

/**
 * The surface's own edge above a floor edge (through midpoint `m`, one of its x, z is 0): box
 * points (x, height, z) at each grid point along it. Grid point (i, j) is at x = -1 + 2i/(n-1),
 * z = 1 - 2j/(n-1).
 */
export function surfaceEdge(grid: SurfaceGrid, m: readonly [number, number, number]): [number, number, number][] {
  const n = grid.resolution;
  const height = heightScale(...costRange(grid.values));
  const at = (k: number) => (2 * k) / (n - 1) - 1;
  return Array.from({ length: n }, (_, k): [number, number, number] => {
    if (m[0] === 0) {
      const j = m[2] > 0 ? 0 : n - 1;
      return [at(k), height(grid.values[j * n + k]), m[2]];
    }
    const i = m[0] < 0 ? 0 : n - 1;
    return [m[0], height(grid.values[k * n + i]), at(n - 1 - k)];
  });
}

/** Vertices, normals and colours of the surface; lines for the paths and the floor frame. */
export function buildGeometry(scene: Surface3dScene): Geometry {
  const { grid } = scene;
  const n = grid.resolution;
  const [lo, hi] = costRange(grid.values);
  const colour = costScale(lo, hi);
  const height = heightScale(lo, hi);
  const toBox = gridToBox(grid);
  const heights = Float32Array.from(grid.values, height);
  const pos = new Float32Array(n * n * 3);
  const normal = new Float32Array(n * n * 3);
  const col = new Float32Array(n * n * 3);
  const step = 2 / (n - 1);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const q = j * n + i;
      pos[q * 3] = i * step - 1;
      pos[q * 3 + 1] = heights[q];
      pos[q * 3 + 2] = -(j * step - 1);
      // normal of the height field y = h(x, z): (-dh/dx, 1, -dh/dz), central differences
      const dx =
        (heights[j * n + Math.min(n - 1, i + 1)] - heights[j * n + Math.max(0, i - 1)]) /
        (step * (i > 0 && i < n - 1 ? 2 : 1));
      const dzj =
        (heights[Math.min(n - 1, j + 1) * n + i] - heights[Math.max(0, j - 1) * n + i]) /
        (step * (j > 0 && j < n - 1 ? 2 : 1));
      // z runs opposite to j
      const nx = -dx;
      const nz = dzj;
      const len = Math.hypot(nx, 1, nz);
      normal[q * 3] = nx / len;
      normal[q * 3 + 1] = 1 / len;
      normal[q * 3 + 2] = nz / len;
      const [r, g, b] = colourOf(colour(Number.isFinite(grid.values[q]) ? grid.values[q] : hi));
      col[q * 3] = r;
      col[q * 3 + 1] = g;
      col[q * 3 + 2] = b;
    }
  }
  const index = new Uint16Array((n - 1) * (n - 1) * 6);
  let t = 0;
  for (let j = 0; j < n - 1; j++) {
    for (let i = 0; i < n - 1; i++) {
      const a = j * n + i;
      index.set([a, a + 1, a + n, a + 1, a + n + 1, a + n], t);
      t += 6;
    }
  }
  // bilinear surface height at a plane point (for points with no real cost)
  const surfaceHeight = (alpha: number, beta: number) => {
    const fi = Math.min(n - 1, Math.max(0, ((alpha - grid.alphaMin) / (grid.alphaMax - grid.alphaMin)) * (n - 1)));
    const fj = Math.min(n - 1, Math.max(0, ((beta - grid.betaMin) / (grid.betaMax - grid.betaMin)) * (n - 1)));
    const i0 = Math.min(n - 2, Math.floor(fi));
    const j0 = Math.min(n - 2, Math.floor(fj));
    const u = fi - i0;
    const v = fj - j0;
    const h = (i: number, j: number) => heights[j * n + i];
    return (1 - v) * ((1 - u) * h(i0, j0) + u * h(i0 + 1, j0)) + v * ((1 - u) * h(i0, j0 + 1) + u * h(i0 + 1, j0 + 1));
  };
  const inside = (p: { alpha: number; beta: number }) =>
    Number.isFinite(p.alpha) &&
    Number.isFinite(p.beta) &&
    p.alpha >= grid.alphaMin &&
    p.alpha <= grid.alphaMax &&
    p.beta >= grid.betaMin &&
    p.beta <= grid.betaMax;
  const vertexOf = (p: { alpha: number; beta: number; cost: number }): [number, number, number] => {
    const [x, z] = toBox(p);
    return [x, (Number.isFinite(p.cost) ? height(p.cost) : surfaceHeight(p.alpha, p.beta)) + 0.012, z];
  };
  const linePos: number[] = [];
  const lineCol: number[] = [];
  const segment = (a: number[], b: number[], c: number[]) => {
    linePos.push(...a, ...b);
    lineCol.push(...c, ...c);
  };
  // the floor frame, for a sense of orientation
  const frame = [0.55, 0.55, 0.55];
  const f = -0.5;
  segment([-1, f, -1], [1, f, -1], frame);
  segment([1, f, -1], [1, f, 1], frame);
  segment([1, f, 1], [-1, f, 1], frame);
  segment([-1, f, 1], [-1, f, -1], frame);
  const current = scene.current && inside(scene.current) ? vertexOf(scene.current) : null;
  if (current) segment([current[0], f, current[2]], current, [0.35, 0.35, 0.35]);
  const pathFirst = linePos.length / 3;
  const points: Geometry['points'] = [];
  const ends: { at: number[]; colour: number[]; length: number }[] = [];
  const lastPoints: Geometry['ends'] = [];
  for (const path of scene.paths) {
    const c = colourOf(path.colour);
    const vs = path.points.filter(inside).map(vertexOf);
    let length = 0;
    for (let k = 1; k < vs.length; k++) {
      segment(vs[k - 1], vs[k], c);
      length += Math.hypot(vs[k][0] - vs[k - 1][0], vs[k][1] - vs[k - 1][1], vs[k][2] - vs[k - 1][2]);
    }
    if (vs.length > 0)
      points.push({
        pos: Float32Array.from(vs.flat()),
        colour: Float32Array.from(vs.flatMap(() => c)),
        size: 7,
        rim: 1.5,
        path: true,
      });
    // (the note beside it gives the walk's last cost: none for a walk that ended outside the grid)
    const last = path.points[path.points.length - 1];
    lastPoints.push(last && inside(last) ? vertexOf(last) : null);
    if (vs.length > 1) ends.push({ at: vs[vs.length - 1], colour: c, length });
  }
  const dark = [0.07, 0.07, 0.07];
  const marker = (at: number[], colour: number[], size: number, more: { square?: boolean; hole?: number } = {}) =>
    points.push({ pos: Float32Array.from(at), colour: Float32Array.from(colour), size, onTop: true, ...more });
  // "you are here", seen through the surface where a rim hides it: a ring as in the 2D view (radius
  // 8), so the end of a walk under it still shows in its middle
  const ring = () => {
    if (!current) return;
    marker(current, dark, 20, { hole: 6 });
    marker(current, [1, 1, 1], 18, { hole: 7 });
  };
  const endDot = (end: (typeof ends)[number]) => {
    // larger than the walk's 7 px steps, so a walk that barely moved is still seen
    marker(end.at, dark, 14);
    marker(end.at, end.colour, 10);
  };
  if (scene.paths.length === 1) {
    // the training path, as in 2D: it starts at a square and ends in a larger dot, the ring (the
    // current weights) around its end (the hint says so; 3D drew neither)
    const start = scene.paths[0].points.find(inside);
    if (start) {
      marker(vertexOf(start), dark, 11, { square: true });
      marker(vertexOf(start), colourOf(scene.paths[0].colour), 7, { square: true });
    }
    for (const end of ends) endDot(end);
    ring();
  } else {
    // several walks from the ring (GD vs SGD): each end a larger dot over it, the shortest walk's
    // last, so a walk that barely moved is still seen
    ring();
    for (const end of ends.sort((p, q) => q.length - p.length)) endDot(end);
  }
  return {
    surface: { pos, normal, colour: col, index },
    lines: { pos: Float32Array.from(linePos), colour: Float32Array.from(lineCol), pathFirst },
    points,
    ends: lastPoints,
  };
}
