/**
 * The cost surface seen from above: a heat map (log-scaled cost colour), contour lines
 * (d3-contour on log C), the paths and the current point. Plain functions on a 2D context.
 *
 * Grid sample (i, j) sits at the centre of its heat-map cell, so the plot spans
 * [alphaMin - da/2, alphaMax + da/2] and contour coordinates x in [0, n] map to
 * alpha = alphaMin + (x - 1/2) da.
 */
import { contours, geoPath, geoTransform, rgb, scaleLinear, scaleLog } from 'd3';
import type { SurfaceGrid } from '../protocol/surface-api';
import { sig } from '../protocol/numbers';
import { costScale } from './palette';
import { canvasFont } from './font';

export interface PlanePoint {
  alpha: number;
  beta: number;
}

export interface ScenePath {
  points: PlanePoint[];
  colour: string;
  label: string;
  /**
   * Written beside the path's end: its real cost (GD vs SGD), which the map's colour under it is
   * not (the walks leave the plane; one-example SGD's ended in the map's yellow at C = 0.121).
   */
  endNote?: string;
}

export interface SurfaceScene {
  grid: SurfaceGrid;
  axisLabels: [string, string];
  /** Shown axis value = offset + alpha. */
  axisOffsets: [number, number];
  paths: ScenePath[];
  /** Where the training is now (projected), and its recent positions. */
  current: PlanePoint | null;
  trail: PlanePoint[];
  /** A checkpoint the student is pointing at in the list. */
  highlight: PlanePoint | null;
}

/** Pixel (CSS px) <-> plane coordinates for one canvas size and grid. */
export interface Surface2dLayout {
  plot: { x: number; y: number; width: number; height: number };
  toPixel(p: PlanePoint): [number, number];
  toPlane(x: number, y: number): PlanePoint;
  /** Nearest grid sample to a pixel inside the plot, or null. */
  sampleAt(x: number, y: number): { i: number; j: number; alpha: number; beta: number; cost: number } | null;
}

const MARGIN = { left: 50, right: 66, top: 8, bottom: 36 };

/**
 * Under this canvas width the colour bar lies under the map, across it, and the map takes the
 * right margin's 66 px: on a phone the GD vs SGD map was 225 x 110 px, its three end notes on top
 * of one another and of the start.
 */
export const BAR_BELOW_WIDTH = 460;
/** Below the x axis's title: a gap, the 10 px bar, its marks and numbers. */
const BAR_BELOW_ROOM = 34;

function marginsFor(width: number): typeof MARGIN {
  return width < BAR_BELOW_WIDTH ? { ...MARGIN, right: 14, bottom: MARGIN.bottom + BAR_BELOW_ROOM } : MARGIN;
}

/** Left of the y tick labels: the rotated axis title. */
const Y_TITLE_ROOM = 20;

/**
 * The plot's left margin: wide enough for the longest y tick label (a diverged walk's plane
 * reaches ±1.5×10²², which was cut to ".5×10²²" in the fixed 50 px), `measure` giving a text's width.
 */
export function surface2dLeft(
  measure: (text: string) => number,
  width: number,
  height: number,
  grid: SurfaceGrid,
  betaOffset: number,
): number {
  const { yScale, plot } = axisScales(surface2dLayout(width, height, grid), [0, betaOffset]);
  const widest = Math.max(0, ...yScale.ticks(Math.max(2, Math.floor(plot.height / 50))).map((t) => measure(fmt(t))));
  return Math.max(MARGIN.left, Math.ceil(Y_TITLE_ROOM + widest + 6));
}

function axisScales(layout: Surface2dLayout, [oa, ob]: readonly [number, number]) {
  const { plot } = layout;
  const xScale = scaleLinear()
    .domain([layout.toPlane(plot.x, 0).alpha + oa, layout.toPlane(plot.x + plot.width, 0).alpha + oa])
    .range([plot.x, plot.x + plot.width]);
  const yScale = scaleLinear()
    .domain([layout.toPlane(0, plot.y + plot.height).beta + ob, layout.toPlane(0, plot.y).beta + ob])
    .range([plot.y + plot.height, plot.y]);
  return { xScale, yScale, plot };
}

/** The grid's spacing along α and β. */
function gridSteps(grid: SurfaceGrid): { da: number; db: number } {
  const n = grid.resolution;
  return { da: (grid.alphaMax - grid.alphaMin) / (n - 1), db: (grid.betaMax - grid.betaMin) / (n - 1) };
}

export function surface2dLayout(
  width: number,
  height: number,
  grid: SurfaceGrid,
  left: number = MARGIN.left,
): Surface2dLayout {
  const n = grid.resolution;
  const { da, db } = gridSteps(grid);
  const margin = marginsFor(width);
  const a0 = grid.alphaMin - da / 2;
  const b0 = grid.betaMin - db / 2;
  // equal scales on both axes (a unit of α as long as a unit of β), so the angle at which a walk
  // crosses the contours is true: gradient descent's steps cross them at right angles. The box's
  // spare width or height is left at the right or the bottom, the axes kept beside the map.
  const box = {
    width: Math.max(10, width - left - margin.right),
    height: Math.max(10, height - margin.top - margin.bottom),
  };
  // (a degenerate span, never made by axesCovering: the box as it is)
  const units = da > 0 && db > 0 ? da / db : box.width / box.height;
  const plot = {
    x: left,
    y: margin.top,
    width: units > box.width / box.height ? box.width : box.height * units,
    height: units > box.width / box.height ? box.width / units : box.height,
  };
  const toPixel = (p: PlanePoint): [number, number] => [
    plot.x + ((p.alpha - a0) / (n * da)) * plot.width,
    plot.y + plot.height - ((p.beta - b0) / (n * db)) * plot.height,
  ];
  const toPlane = (x: number, y: number): PlanePoint => ({
    alpha: a0 + ((x - plot.x) / plot.width) * n * da,
    beta: b0 + ((plot.y + plot.height - y) / plot.height) * n * db,
  });
  return {
    plot,
    toPixel,
    toPlane,
    sampleAt(x, y) {
      if (x < plot.x || x > plot.x + plot.width || y < plot.y || y > plot.y + plot.height) return null;
      const p = toPlane(x, y);
      const i = Math.min(n - 1, Math.max(0, Math.round((p.alpha - grid.alphaMin) / da)));
      const j = Math.min(n - 1, Math.max(0, Math.round((p.beta - grid.betaMin) / db)));
      return { i, j, alpha: grid.alphaMin + i * da, beta: grid.betaMin + j * db, cost: grid.values[j * n + i] };
    },
  };
}

/**
 * The canvas height at which a map `width` wide fills that width at equal scales, with no empty
 * band below it (on a phone a 2:1 map used 160 px of its 320 px box): for a panel whose height
 * can follow its width. Taken with the narrowest left margin, so the map drawn (whose margin
 * follows its tick labels) is never taller than this.
 */
export function surface2dFitHeight(width: number, grid: SurfaceGrid): number {
  const { da, db } = gridSteps(grid);
  const margin = marginsFor(width);
  const boxWidth = Math.max(10, width - margin.left - margin.right);
  const units = da > 0 && db > 0 ? da / db : 1;
  return Math.ceil(margin.top + margin.bottom + boxWidth / units);
}

/** The finite range of the grid's values (positive, for the log scale). */
export function costRange(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [1e-3, 1];
  lo = Math.max(lo, 1e-6);
  return [lo, Math.max(hi, lo * 1.001)];
}

/** Non-finite values (an overflowing cost) shown as the largest finite one. */
function finiteValues(values: Float32Array, hi: number): Float32Array {
  return values.map((v) => (Number.isFinite(v) ? v : hi));
}

const heatCache = new WeakMap<Float32Array, HTMLCanvasElement>();

function heatImage(grid: SurfaceGrid): HTMLCanvasElement {
  const hit = heatCache.get(grid.values);
  if (hit) return hit;
  const n = grid.resolution;
  const [lo, hi] = costRange(grid.values);
  const colour = costScale(lo, hi);
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(n, n);
  const values = finiteValues(grid.values, hi);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const c = rgb(colour(values[j * n + i]));
      // image row 0 is the top of the plot: the largest beta
      const o = ((n - 1 - j) * n + i) * 4;
      image.data[o] = c.r;
      image.data[o + 1] = c.g;
      image.data[o + 2] = c.b;
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  heatCache.set(grid.values, canvas);
  return canvas;
}

/** Axis and colour-bar numbers as everywhere in the app: 2×10⁶, not d3's 2e+6. */
const fmt = (t: number) => sig(t, 3);

/**
 * The costs the 2D colour bar names (log scale over `height` px): a few round ones, and its two
 * ends (the map's lowest and highest cost). An end drawn within 4 px of a round one is that one;
 * a round one closer than 16 px to an end gives way to it (0.3 and 0.234 were 12 px apart, their
 * labels touching). A student's review read the bar with neither end named.
 */
export function colourBarTicks(lo: number, hi: number, height: number, minGap = 16): number[] {
  const scale = scaleLog().domain([lo, hi]).range([height, 0]);
  const ticks = scale.ticks(4);
  let shown = ticks.length > 6 ? ticks.filter((_, k) => k % Math.ceil(ticks.length / 5) === 0) : ticks;
  for (const end of [lo, hi]) {
    const apart = (t: number) => Math.abs(scale(t) - scale(end));
    if (shown.some((t) => apart(t) <= 4)) continue;
    shown = shown.filter((t) => apart(t) >= minGap);
    shown.push(end);
  }
  // and the round ones at least minGap apart from one another (side by side, under a phone's map,
  // their numbers are wider than they are tall), the ends kept first
  const kept: number[] = [];
  for (const t of [...shown.filter((t) => t === lo || t === hi), ...shown.filter((t) => t !== lo && t !== hi)]) {
    if (kept.every((k) => Math.abs(scale(k) - scale(t)) >= minGap)) kept.push(t);
  }
  return shown.filter((t) => kept.includes(t));
}

function drawPath(ctx: CanvasRenderingContext2D, points: [number, number][], colour: string): void {
  if (points.length === 0) return;
  ctx.lineJoin = 'round';
  for (const [width, style] of [
    [4, 'rgba(0,0,0,0.7)'],
    [2, colour],
  ] as const) {
    ctx.beginPath();
    points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.strokeStyle = style;
    ctx.lineWidth = width;
    ctx.stroke();
  }
  ctx.fillStyle = colour;
  ctx.strokeStyle = 'rgba(0,0,0,0.8)';
  ctx.lineWidth = 1;
  for (const [x, y] of points) {
    ctx.beginPath();
    ctx.arc(x, y, 2.2, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  // the start as a square, the end as a larger dot (a short path is then still seen)
  const [sx, sy] = points[0];
  ctx.fillRect(sx - 4, sy - 4, 8, 8);
  ctx.strokeRect(sx - 4, sy - 4, 8, 8);
  if (points.length > 1) {
    const [ex, ey] = points[points.length - 1];
    ctx.beginPath();
    ctx.arc(ex, ey, 4.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

/** A disc the end notes keep clear of: the ring of the current weights, where the walks start. */
export interface Keepout {
  x: number;
  y: number;
  radius: number;
}

/**
 * Where the end notes go: beside each path's last point, moved down where two would overlap,
 * and out past a keep-out disc their line would cross (GD's short walk ends inside the start
 * ring, and its note was written over the ring's edge).
 */
export function placeEndNotes(
  ends: { x: number; y: number; width: number }[],
  plot: { x: number; y: number; width: number; height: number },
  lineHeight = 14,
  keepout: Keepout[] = [],
  lines: [number, number][][] = [],
): { x: number; y: number }[] {
  const order = ends.map((_, i) => i).sort((a, b) => ends[a].y - ends[b].y);
  const placed: { x: number; y: number; width: number }[] = [];
  const out: { x: number; y: number }[] = new Array(ends.length);
  for (const i of order) {
    const e = ends[i];
    // right of the dot, or left of it near the plot's right edge
    const left = e.x + 8 + e.width > plot.x + plot.width - 2;
    let x = left ? e.x - 8 - e.width : e.x + 8;
    let y = Math.max(plot.y + lineHeight / 2, Math.min(plot.y + plot.height - lineHeight / 2, e.y));
    for (const p of placed) if (notesOverlap(p, { x, y, width: e.width }, lineHeight)) y = p.y + lineHeight;
    // past a keep-out disc on the note's line (where it ended up), then back inside the plot
    for (const k of keepout) {
      if (Math.abs(k.y - y) >= k.radius + lineHeight / 2) continue;
      if (left && x + e.width > k.x - k.radius && x < k.x + k.radius) x = k.x - k.radius - 3 - e.width;
      if (!left && x < k.x + k.radius && x + e.width > k.x - k.radius) x = k.x + k.radius + 3;
    }
    x = Math.max(plot.x + 2, Math.min(plot.x + plot.width - 2 - e.width, x));
    // written over a walk (one-example SGD's note lay across its own last steps, which came in
    // from the side it was written on): the first place around the end that is clear of the
    // walks, the other notes and the rings, else where it was
    if (crossesLine(x, y, e.width, lineHeight, lines)) {
      const clear = noteCandidates(e, left, lineHeight, plot).find(
        (c) =>
          !crossesLine(c.x, c.y, e.width, lineHeight, lines) &&
          !placed.some((p) => notesOverlap(p, { ...c, width: e.width }, lineHeight)) &&
          !keepout.some((k) => rectMeetsDisc(c.x, c.y - lineHeight / 2, e.width, lineHeight, k)),
      );
      if (clear) ({ x, y } = clear);
    }
    placed.push({ x, y, width: e.width });
    out[i] = { x, y };
  }
  return out;
}

/** Whether two notes' lines (text from x, `width` wide, centred on y) overlap. */
function notesOverlap(
  a: { x: number; y: number; width: number },
  b: { x: number; y: number; width: number },
  lineHeight: number,
): boolean {
  return b.x < a.x + a.width && a.x < b.x + b.width && Math.abs(a.y - b.y) < lineHeight;
}

/** Other places for a note beside an end at (e.x, e.y): the other side, then above, then below; inside the plot. */
function noteCandidates(
  e: { x: number; y: number; width: number },
  left: boolean,
  lineHeight: number,
  plot: { x: number; y: number; width: number; height: number },
): { x: number; y: number }[] {
  const sides = left ? [e.x - 8 - e.width, e.x + 8] : [e.x + 8, e.x - 8 - e.width];
  const rows = [e.y, e.y - lineHeight, e.y + lineHeight];
  const inside = (c: { x: number; y: number }) =>
    c.x >= plot.x + 2 &&
    c.x + e.width <= plot.x + plot.width - 2 &&
    c.y - lineHeight / 2 >= plot.y &&
    c.y + lineHeight / 2 <= plot.y + plot.height;
  return rows
    .flatMap((y) => sides.map((x) => ({ x, y })))
    .slice(1)
    .filter(inside);
}

/** Whether a note's box (text from x, centred on y; its middle lineHeight - 4 px) is crossed by a line. */
function crossesLine(x: number, y: number, width: number, lineHeight: number, lines: [number, number][][]): boolean {
  const box = { x: x - 2, y: y - lineHeight / 2 + 2, width: width + 4, height: lineHeight - 4 };
  return lines.some((pts) => pts.some((p, k) => k > 0 && segmentMeetsRect(pts[k - 1], p, box)));
}

/** Whether the segment a-b meets the rectangle (Liang-Barsky clipping). */
export function segmentMeetsRect(
  a: [number, number],
  b: [number, number],
  r: { x: number; y: number; width: number; height: number },
): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const sides: [number, number][] = [
    [-dx, a[0] - r.x],
    [dx, r.x + r.width - a[0]],
    [-dy, a[1] - r.y],
    [dy, r.y + r.height - a[1]],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

function rectMeetsDisc(x: number, y: number, width: number, height: number, k: Keepout): boolean {
  const nx = Math.max(x, Math.min(k.x, x + width));
  const ny = Math.max(y, Math.min(k.y, y + height));
  return Math.hypot(nx - k.x, ny - k.y) < k.radius;
}

function drawEndNotes(
  ctx: CanvasRenderingContext2D,
  paths: { colour: string; endNote?: string; pixels: [number, number][] }[],
  plot: { x: number; y: number; width: number; height: number },
  keepout: Keepout[],
): void {
  const noted = paths.filter((p) => p.endNote && p.pixels.length > 0);
  if (noted.length === 0) return;
  ctx.font = canvasFont(11, 600);
  const ends = noted.map((p) => {
    const [x, y] = p.pixels[p.pixels.length - 1];
    return { x, y, width: ctx.measureText(p.endNote!).width };
  });
  const at = placeEndNotes(
    ends,
    plot,
    14,
    keepout,
    paths.map((p) => p.pixels),
  );
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  noted.forEach((p, i) => {
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(0,0,0,0.85)';
    ctx.strokeText(p.endNote!, at[i].x, at[i].y);
    // in the walk's own colour, so the note is its walker's
    ctx.fillStyle = p.colour;
    ctx.fillText(p.endNote!, at[i].x, at[i].y);
  });
}

/** Length on screen, to draw the longest path first and the short ones over it. */
function screenLength(points: [number, number][]): number {
  let sum = 0;
  for (let k = 1; k < points.length; k++)
    sum += Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]);
  return sum;
}

/** Draws the map; `ctx` is already scaled for the device pixel ratio. Returns its layout (for hit-testing the same plot). */
export function drawSurface2d(
  ctx: CanvasRenderingContext2D,
  scene: SurfaceScene,
  width: number,
  height: number,
): Surface2dLayout {
  const { grid } = scene;
  const n = grid.resolution;
  ctx.font = canvasFont(11);
  const left = surface2dLeft((t) => ctx.measureText(t).width, width, height, grid, scene.axisOffsets[1]);
  const layout = surface2dLayout(width, height, grid, left);
  const { plot } = layout;
  ctx.clearRect(0, 0, width, height);

  // heat map
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(heatImage(grid), plot.x, plot.y, plot.width, plot.height);
  ctx.restore();

  // contours of log C, evenly spaced in log
  const [lo, hi] = costRange(grid.values);
  const logs = Array.from(finiteValues(grid.values, hi), (v) => Math.log(Math.max(v, lo)));
  const levels = 14;
  const thresholds = Array.from(
    { length: levels - 1 },
    (_, k) => Math.log(lo) + ((k + 1) * (Math.log(hi) - Math.log(lo))) / levels,
  );
  const toPixel = (x: number, y: number): [number, number] => [
    plot.x + (x / n) * plot.width,
    plot.y + plot.height - (y / n) * plot.height,
  ];
  const projection = geoTransform({
    point(x, y) {
      const [px, py] = toPixel(x, y);
      this.stream.point(px, py);
    },
  });
  const path = geoPath(projection, ctx);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.width, plot.height);
  ctx.clip();
  ctx.strokeStyle = 'rgba(255,255,255,0.45)';
  ctx.lineWidth = 0.8;
  for (const c of contours().size([n, n]).thresholds(thresholds)(logs)) {
    ctx.beginPath();
    path(c);
    ctx.stroke();
  }

  // paths, trail, current point
  const onScreen = scene.paths.map((p) => ({
    colour: p.colour,
    endNote: p.endNote,
    pixels: p.points.filter((q) => Number.isFinite(q.alpha) && Number.isFinite(q.beta)).map(layout.toPixel),
  }));
  onScreen.sort((a, b) => screenLength(b.pixels) - screenLength(a.pixels));
  for (const p of onScreen) drawPath(ctx, p.pixels, p.colour);
  // the current weights' ring (radius 8, drawn 4.5 px wide): the notes keep clear of it
  const ring = scene.current ? layout.toPixel(scene.current) : null;
  drawEndNotes(ctx, onScreen, plot, ring ? [{ x: ring[0], y: ring[1], radius: 10.5 }] : []);
  if (scene.trail.length > 1) {
    ctx.beginPath();
    scene.trail.forEach((q, k) => {
      const [x, y] = layout.toPixel(q);
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = 'white';
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (scene.highlight) {
    const [x, y] = layout.toPixel(scene.highlight);
    ctx.beginPath();
    ctx.arc(x, y, 8, 0, 2 * Math.PI);
    ctx.strokeStyle = '#ffd400';
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }
  if (scene.current) {
    // a ring, not a disc: the walks of GD vs SGD start here, and GD's few short steps were hidden under it
    const [x, y] = layout.toPixel(scene.current);
    for (const [width, style] of [
      [4.5, '#111'],
      [2, 'white'],
    ] as const) {
      ctx.beginPath();
      ctx.arc(x, y, 8, 0, 2 * Math.PI);
      ctx.lineWidth = width;
      ctx.strokeStyle = style;
      ctx.stroke();
    }
  }
  ctx.restore();

  // axes
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.width - 1, plot.height - 1);
  ctx.fillStyle = '#444';
  ctx.font = canvasFont(11);
  const { xScale, yScale } = axisScales(layout, scene.axisOffsets);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xScale.ticks(Math.max(2, Math.floor(plot.width / 70)))) {
    const x = xScale(t);
    ctx.fillRect(x, plot.y + plot.height, 1, 4);
    ctx.fillText(fmt(t), x, plot.y + plot.height + 5);
  }
  ctx.fillText(scene.axisLabels[0], plot.x + plot.width / 2, plot.y + plot.height + 20);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yScale.ticks(Math.max(2, Math.floor(plot.height / 50)))) {
    const y = yScale(t);
    ctx.fillRect(plot.x - 4, y, 4, 1);
    ctx.fillText(fmt(t), plot.x - 6, y);
  }
  ctx.save();
  ctx.translate(11, plot.y + plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  // on two lines where one is longer than the map is tall (a phone's race map cut "toward
  // mini-batch SGD's end" to "…SGD's enc")
  const yLines = titleLines(scene.axisLabels[1], plot.height + 4, (t) => ctx.measureText(t).width);
  yLines.forEach((line, k) => ctx.fillText(line, 0, (k - (yLines.length - 1) / 2) * 12));
  ctx.restore();

  // colour bar (log scale)
  if (width < BAR_BELOW_WIDTH) {
    drawColourBarBelow(ctx, plot, lo, hi);
    return layout;
  }
  const colour = costScale(lo, hi);
  const bx = plot.x + plot.width + 10;
  const bw = 10;
  const steps = 48;
  for (let k = 0; k < steps; k++) {
    const t = k / (steps - 1);
    ctx.fillStyle = colour(Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))));
    const y = plot.y + plot.height - ((k + 1) / steps) * plot.height;
    ctx.fillRect(bx, y, bw, plot.height / steps + 0.5);
  }
  const cScale = scaleLog()
    .domain([lo, hi])
    .range([plot.y + plot.height, plot.y]);
  ctx.fillStyle = '#444';
  ctx.textAlign = 'left';
  for (const t of colourBarTicks(lo, hi, plot.height)) {
    const y = cScale(t);
    // the mark against the bar, the number 4 px clear of it: 2 px away, "— 0.1" read as −0.1
    ctx.fillRect(bx + bw, y, 3, 1);
    ctx.fillText(fmt(t), bx + bw + 7, y);
  }
  ctx.textBaseline = 'bottom';
  ctx.fillText('C', bx, plot.y + plot.height + 22);
  return layout;
}

/** A title as one line, or split at the space nearest its middle when wider than `room`. */
export function titleLines(text: string, room: number, measure: (t: string) => number): string[] {
  if (measure(text) <= room) return [text];
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return [text];
  const middle = text.length / 2;
  const at = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best));
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * The numbers under a colour bar lying across the map (log scale over the plot's width): where each
 * is written from (its left edge). Side by side they need more room than stacked ones: ends and
 * round values 40 px apart, and no number within 8 px of another as drawn ("0.0511" ran into
 * "0.08"), the ends kept first and written inside the bar's span.
 */
export function barBelowLabels(
  lo: number,
  hi: number,
  plot: { x: number; width: number },
  measure: (text: string) => number,
): { cost: number; text: string; x: number }[] {
  const scale = scaleLog()
    .domain([lo, hi])
    .range([plot.x, plot.x + plot.width]);
  const ticks = colourBarTicks(lo, hi, plot.width, 40);
  const isEnd = (t: number) => t === lo || t === hi;
  const out: { cost: number; text: string; x: number; w: number }[] = [];
  for (const cost of [...ticks.filter(isEnd), ...ticks.filter((t) => !isEnd(t))]) {
    const text = fmt(cost);
    const w = measure(text);
    const x = cost === lo ? plot.x : cost === hi ? plot.x + plot.width - w : scale(cost) - w / 2;
    if (out.some((o) => x < o.x + o.w + 8 && x + w > o.x - 8)) continue;
    out.push({ cost, text, x, w });
  }
  return out.map(({ cost, text, x }) => ({ cost, text, x }));
}

/** The colour bar across the foot of the canvas, under the x axis's title (narrow canvases). */
function drawColourBarBelow(
  ctx: CanvasRenderingContext2D,
  plot: { x: number; y: number; width: number; height: number },
  lo: number,
  hi: number,
): void {
  const colour = costScale(lo, hi);
  const by = plot.y + plot.height + MARGIN.bottom + 4;
  const bh = 10;
  const steps = 48;
  for (let k = 0; k < steps; k++) {
    const t = k / (steps - 1);
    ctx.fillStyle = colour(Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))));
    ctx.fillRect(plot.x + (k / steps) * plot.width, by, plot.width / steps + 0.5, bh);
  }
  const cScale = scaleLog()
    .domain([lo, hi])
    .range([plot.x, plot.x + plot.width]);
  ctx.fillStyle = '#444';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  for (const { cost, text, x } of barBelowLabels(lo, hi, plot, (t) => ctx.measureText(t).width)) {
    ctx.fillRect(cScale(cost), by + bh, 1, 3);
    ctx.fillText(text, x, by + bh + 5);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText('C', plot.x - 6, by + bh / 2);
}
