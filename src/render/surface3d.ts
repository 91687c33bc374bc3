/**
 * The cost surface in 3D with plain WebGL 1 (one tiny shader, a few buffers): height is
 * log C, colour the same log-scaled cost colour as the 2D view, lit by one fixed light;
 * the paths float at the height of their real cost (a checkpoint off the plane is not
 * drawn on a surface it does not lie on). Light enough for software rendering (SwiftShader).
 */
import { rgb } from 'd3';
import type { SurfaceGrid } from '../protocol/surface-api';
import { costScale } from './palette';
import { costRange } from './surface2d';

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
export function viewFacing(grid: SurfaceGrid, paths: readonly Pick<Path3d, 'points'>[]): OrbitView {
  const start = paths[0]?.points[0];
  if (!start || !Number.isFinite(start.alpha) || !Number.isFinite(start.beta)) return DEFAULT_VIEW;
  const dx = ((start.alpha - grid.alphaMin) / (grid.alphaMax - grid.alphaMin)) * 2 - 1;
  const dz = -(((start.beta - grid.betaMin) / (grid.betaMax - grid.betaMin)) * 2 - 1);
  // a walk that starts near the middle (the GD vs SGD race) has no far end to put at the back
  if (Math.hypot(dx, dz) < 0.4) return DEFAULT_VIEW;
  // rotationY(yaw) sends the direction (dx, dz) straight back (to -z) at yaw = atan2(dx, -dz)
  return { yaw: Math.atan2(dx, -dz) + DEFAULT_VIEW.yaw, pitch: DEFAULT_VIEW.pitch };
}

/** How far the view tilts: from nearly side-on to about 50 degrees down; the camera keeps the whole box in view over it. */
export const PITCH_RANGE = [0.05, 0.9] as const;

export interface Surface3d {
  setScene(scene: Surface3dScene): void;
  /** Draws at this size (CSS px) and device pixel ratio. */
  draw(view: OrbitView, width: number, height: number, dpr: number): void;
  dispose(): void;
}

const VERTEX = `
attribute vec3 aPos;
attribute vec3 aNormal;
attribute vec3 aColour;
uniform mat4 uMvp;
uniform float uPointSize;
varying vec3 vColour;
varying vec3 vNormal;
void main() {
  gl_Position = uMvp * vec4(aPos, 1.0);
  gl_PointSize = uPointSize;
  vColour = aColour;
  vNormal = aNormal;
}`;

const FRAGMENT = `
precision mediump float;
varying vec3 vColour;
varying vec3 vNormal;
uniform float uLit;
uniform float uRound;
uniform float uHole;
uniform float uFade;
uniform vec3 uLight;
void main() {
  if (uRound > 0.5) {
    vec2 c = gl_PointCoord - vec2(0.5);
    float d = dot(c, c);
    if (d > 0.25 || d < uHole * uHole) discard;
  }
  float diffuse = abs(dot(normalize(vNormal), uLight));
  float shade = mix(1.0, 0.4 + 0.6 * diffuse, uLit);
  gl_FragColor = vec4(mix(vColour * shade, vec3(1.0), uFade), 1.0);
}`;

type Mat4 = Float32Array;

function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Float32Array(16);
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + r] * b[c * 4 + k];
      out[c * 4 + r] = s;
    }
  return out;
}

function perspective(fovy: number, aspect: number, near: number, far: number): Mat4 {
  const f = 1 / Math.tan(fovy / 2);
  const nf = 1 / (near - far);
  return Float32Array.from([
    f / aspect,
    0,
    0,
    0,
    0,
    f,
    0,
    0,
    0,
    0,
    (far + near) * nf,
    -1,
    0,
    0,
    2 * far * near * nf,
    0,
  ]);
}

function rotationX(t: number): Mat4 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float32Array.from([1, 0, 0, 0, 0, c, s, 0, 0, -s, c, 0, 0, 0, 0, 1]);
}

function rotationY(t: number): Mat4 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float32Array.from([c, 0, -s, 0, 0, 1, 0, 0, s, 0, c, 0, 0, 0, 0, 1]);
}

function translation(x: number, y: number, z: number): Mat4 {
  return Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1]);
}

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

/** A point's normalised device coordinates under `m` (column-major), null behind the camera. */
function toClip(m: Mat4, x: number, y: number, z: number): { x: number; y: number } | null {
  const cw = m[3] * x + m[7] * y + m[11] * z + m[15];
  if (cw <= 1e-6) return null;
  return {
    x: (m[0] * x + m[4] * y + m[8] * z + m[12]) / cw,
    y: (m[1] * x + m[5] * y + m[9] * z + m[13]) / cw,
  };
}

/** The vertical field of view (radians), and the narrowest width / height that shows the whole box with it. */
const FOVY = 0.7;
const WHOLE_BOX_ASPECT = 1.3;

/** The camera's distance from the box's centre when the whole box fits at it (most views). */
const CAMERA_DISTANCE = 3.8;
/** The box drawn: x and z in [-1, 1], y from the floor to the highest a path may float (heightScale's cap + lift). */
const BOX_Y: readonly [number, number] = [-0.5, 0.64];
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

interface Geometry {
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
  }[];
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
  const xOf = (alpha: number) => ((alpha - grid.alphaMin) / (grid.alphaMax - grid.alphaMin)) * 2 - 1;
  const zOf = (beta: number) => -(((beta - grid.betaMin) / (grid.betaMax - grid.betaMin)) * 2 - 1);
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
  const vertexOf = (p: { alpha: number; beta: number; cost: number }): [number, number, number] => [
    xOf(p.alpha),
    (Number.isFinite(p.cost) ? height(p.cost) : surfaceHeight(p.alpha, p.beta)) + 0.012,
    zOf(p.beta),
  ];
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
        size: 4,
        path: true,
      });
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
    marker(end.at, dark, 11);
    marker(end.at, end.colour, 8);
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
  };
}

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, source);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`surface shader: ${gl.getShaderInfoLog(s)}`);
  return s;
}

/**
 * A 3D renderer on `canvas`, or null when WebGL is unavailable (the caller says so).
 * preserveDrawingBuffer keeps the picture readable by tests and screenshots.
 */
export function createSurface3d(canvas: HTMLCanvasElement): Surface3d | null {
  const gl = canvas.getContext('webgl', { preserveDrawingBuffer: true, antialias: true });
  if (!gl) return null;
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS))
    throw new Error(`surface program: ${gl.getProgramInfoLog(program)}`);
  const loc = {
    pos: gl.getAttribLocation(program, 'aPos'),
    normal: gl.getAttribLocation(program, 'aNormal'),
    colour: gl.getAttribLocation(program, 'aColour'),
    mvp: gl.getUniformLocation(program, 'uMvp'),
    pointSize: gl.getUniformLocation(program, 'uPointSize'),
    lit: gl.getUniformLocation(program, 'uLit'),
    round: gl.getUniformLocation(program, 'uRound'),
    hole: gl.getUniformLocation(program, 'uHole'),
    fade: gl.getUniformLocation(program, 'uFade'),
    light: gl.getUniformLocation(program, 'uLight'),
  };
  const buffers: WebGLBuffer[] = [];
  const buffer = (target: number, data: ArrayBufferView): WebGLBuffer => {
    const b = gl.createBuffer()!;
    gl.bindBuffer(target, b);
    gl.bufferData(target, data, gl.STATIC_DRAW);
    buffers.push(b);
    return b;
  };
  let uploaded: {
    surface: { pos: WebGLBuffer; normal: WebGLBuffer; colour: WebGLBuffer; index: WebGLBuffer; count: number };
    lines: { pos: WebGLBuffer; colour: WebGLBuffer; count: number; pathFirst: number };
    points: {
      pos: WebGLBuffer;
      colour: WebGLBuffer;
      count: number;
      size: number;
      onTop: boolean;
      path: boolean;
      square: boolean;
      hole: number;
    }[];
  } | null = null;

  const attribute = (location: number, b: WebGLBuffer) => {
    gl.bindBuffer(gl.ARRAY_BUFFER, b);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, 3, gl.FLOAT, false, 0, 0);
  };

  return {
    setScene(scene) {
      for (const b of buffers.splice(0)) gl.deleteBuffer(b);
      const g = buildGeometry(scene);
      uploaded = {
        surface: {
          pos: buffer(gl.ARRAY_BUFFER, g.surface.pos),
          normal: buffer(gl.ARRAY_BUFFER, g.surface.normal),
          colour: buffer(gl.ARRAY_BUFFER, g.surface.colour),
          index: buffer(gl.ELEMENT_ARRAY_BUFFER, g.surface.index),
          count: g.surface.index.length,
        },
        lines: {
          pos: buffer(gl.ARRAY_BUFFER, g.lines.pos),
          colour: buffer(gl.ARRAY_BUFFER, g.lines.colour),
          count: g.lines.pos.length / 3,
          pathFirst: g.lines.pathFirst,
        },
        points: g.points.map((p) => ({
          pos: buffer(gl.ARRAY_BUFFER, p.pos),
          colour: buffer(gl.ARRAY_BUFFER, p.colour),
          count: p.pos.length / 3,
          size: p.size,
          onTop: p.onTop === true,
          path: p.path === true,
          square: p.square === true,
          hole: p.hole ?? 0,
        })),
      };
    },
    draw(view, width, height, dpr) {
      const w = Math.max(1, Math.round(width * dpr));
      const h = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      gl.viewport(0, 0, w, h);
      gl.clearColor(1, 1, 1, 1);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      if (!uploaded) return;
      gl.enable(gl.DEPTH_TEST);
      gl.useProgram(program);
      gl.uniformMatrix4fv(loc.mvp, false, orbitMatrix(view, w / h));
      const light = [0.35, 0.85, 0.4];
      const l = Math.hypot(...light);
      gl.uniform3f(loc.light, light[0] / l, light[1] / l, light[2] / l);

      const s = uploaded.surface;
      gl.uniform1f(loc.lit, 1);
      gl.uniform1f(loc.round, 0);
      gl.uniform1f(loc.fade, 0);
      gl.uniform1f(loc.pointSize, 1);
      attribute(loc.pos, s.pos);
      attribute(loc.normal, s.normal);
      attribute(loc.colour, s.colour);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, s.index);
      gl.enable(gl.POLYGON_OFFSET_FILL);
      gl.polygonOffset(1, 1);
      gl.drawElements(gl.TRIANGLES, s.count, gl.UNSIGNED_SHORT, 0);
      gl.disable(gl.POLYGON_OFFSET_FILL);

      gl.disableVertexAttribArray(loc.normal);
      gl.vertexAttrib3f(loc.normal, 0, 1, 0);
      gl.uniform1f(loc.lit, 0);
      attribute(loc.pos, uploaded.lines.pos);
      attribute(loc.colour, uploaded.lines.colour);
      // first where the surface hides a walk (it leaves the slice's plane, and its real cost can be
      // lower than the surface there): faded, so the path never breaks into pieces
      const { pathFirst, count } = uploaded.lines;
      gl.depthFunc(gl.GREATER);
      gl.depthMask(false);
      gl.uniform1f(loc.fade, 0.6);
      gl.drawArrays(gl.LINES, pathFirst, count - pathFirst);
      gl.uniform1f(loc.round, 1);
      for (const p of uploaded.points) {
        if (!p.path) continue;
        gl.uniform1f(loc.pointSize, p.size * dpr);
        attribute(loc.pos, p.pos);
        attribute(loc.colour, p.colour);
        gl.drawArrays(gl.POINTS, 0, p.count);
      }
      gl.depthFunc(gl.LESS);
      gl.depthMask(true);
      gl.uniform1f(loc.fade, 0);
      gl.uniform1f(loc.round, 0);
      attribute(loc.pos, uploaded.lines.pos);
      attribute(loc.colour, uploaded.lines.colour);
      gl.drawArrays(gl.LINES, 0, count);
      for (const p of uploaded.points) {
        if (p.onTop) gl.disable(gl.DEPTH_TEST);
        gl.uniform1f(loc.round, p.square ? 0 : 1);
        // as a share of the point's size: gl_PointCoord runs 0..1 across it
        gl.uniform1f(loc.hole, p.hole / p.size);
        gl.uniform1f(loc.pointSize, p.size * dpr);
        attribute(loc.pos, p.pos);
        attribute(loc.colour, p.colour);
        gl.drawArrays(gl.POINTS, 0, p.count);
        gl.enable(gl.DEPTH_TEST);
      }
      gl.uniform1f(loc.hole, 0);
    },
    dispose() {
      for (const b of buffers.splice(0)) gl.deleteBuffer(b);
      gl.deleteProgram(program);
      uploaded = null;
    },
  };
}

/**
 * Rotates the view by dragging (mouse, pen or touch: pointer events, so the canvas needs
 * `touch-action: none`). Returns a function that detaches the listeners.
 */
/** The view after an arrow key (← → turn it, ↑ ↓ tilt it), or null for another key. */
export function orbitKey(v: OrbitView, key: string): OrbitView | null {
  const tilt = (d: number) => Math.max(PITCH_RANGE[0], Math.min(PITCH_RANGE[1], v.pitch + d));
  if (key === 'ArrowLeft') return { yaw: v.yaw - 0.15, pitch: v.pitch };
  if (key === 'ArrowRight') return { yaw: v.yaw + 0.15, pitch: v.pitch };
  if (key === 'ArrowUp') return { yaw: v.yaw, pitch: tilt(0.08) };
  if (key === 'ArrowDown') return { yaw: v.yaw, pitch: tilt(-0.08) };
  return null;
}

/** Dragging turns and tilts the view; so do the arrow keys when the canvas has the focus. */
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
