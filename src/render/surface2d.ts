/**
 * The cost surface seen from above: a heat map (log-scaled cost colour), contour lines
 * (d3-contour on log C), the paths and the current point. Plain functions on a 2D context.
 * Where the plot sits is surface2d-layout's; the colour bars, colour-bar's; the walks' end
 * notes, end-notes'.
 */
import { contours, geoPath, geoTransform, rgb } from 'd3';
import type { SurfaceGrid } from '../protocol/surface-api';
import { costScale } from './palette';
import { canvasFont } from './font';
import { drawColourBarBelow, drawColourBarRight } from './colour-bar';
import { drawEndNotes } from './end-notes';
import { drawPathLine } from './walk-line';
import {
  axisScales,
  BAR_BELOW_WIDTH,
  surface2dLayout,
  surface2dLeft,
  type PlanePoint,
  type Surface2dLayout,
} from './surface2d-layout';
import { costRange, finiteValues, scaleText } from './surface-scale';

export interface ScenePath {
  points: PlanePoint[];
  colour: string;
  /** The coloured line's dash pattern (one-example SGD's walk), over a solid dark casing; solid when absent. */
  dash?: readonly number[];
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

function drawPath(
  ctx: CanvasRenderingContext2D,
  points: [number, number][],
  colour: string,
  dash: readonly number[] = [],
): void {
  if (points.length === 0) return;
  ctx.lineJoin = 'round';
  drawPathLine(ctx, points, colour, dash);
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

/** A dark ring lined in white (dashed where `dash` says), seen on the map's dark and light colours alike. */
function drawRing(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number, dash: number[] = []): void {
  for (const [width, style, pattern] of [
    [4.5, '#111', []],
    [2, 'white', dash],
  ] as const) {
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.lineWidth = width;
    ctx.strokeStyle = style;
    ctx.setLineDash(pattern);
    ctx.stroke();
  }
  ctx.setLineDash([]);
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
    dash: p.dash,
    endNote: p.endNote,
    pixels: p.points.filter((q) => Number.isFinite(q.alpha) && Number.isFinite(q.beta)).map(layout.toPixel),
  }));
  onScreen.sort((a, b) => screenLength(b.pixels) - screenLength(a.pixels));
  for (const p of onScreen) drawPath(ctx, p.pixels, p.colour, p.dash);
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
    // a dark ring dashed in white, a size larger than the current weights' solid one: yellow, it
    // vanished on the map's yellow valley (to a red-green colour-blind reader all but entirely)
    const [x, y] = layout.toPixel(scene.highlight);
    drawRing(ctx, x, y, 11, [4, 3]);
  }
  if (scene.current) {
    // a ring, not a disc: the walks of GD vs SGD start here, and GD's few short steps were hidden under it
    const [x, y] = layout.toPixel(scene.current);
    drawRing(ctx, x, y, 8);
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
    ctx.fillText(scaleText(t), x, plot.y + plot.height + 5);
  }
  ctx.fillText(scene.axisLabels[0], plot.x + plot.width / 2, plot.y + plot.height + 20);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yScale.ticks(Math.max(2, Math.floor(plot.height / 50)))) {
    const y = yScale(t);
    ctx.fillRect(plot.x - 4, y, 4, 1);
    ctx.fillText(scaleText(t), plot.x - 6, y);
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
  drawColourBarRight(ctx, plot, lo, hi);
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
