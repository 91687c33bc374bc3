/**
 * Where the 2D map sits on its canvas: the plot inside its margins at equal scales on both axes,
 * and the mapping between pixels (CSS px) and the slice's plane (α, β).
 *
 * Grid sample (i, j) sits at the centre of its heat-map cell, so the plot spans
 * [alphaMin - da/2, alphaMax + da/2] and contour coordinates x in [0, n] map to
 * alpha = alphaMin + (x - 1/2) da.
 */
import { scaleLinear } from 'd3';
import type { SurfaceGrid } from '../protocol/surface-api';
import { scaleText } from './surface-scale';

export interface PlanePoint {
  alpha: number;
  beta: number;
}

/** Pixel (CSS px) <-> plane coordinates for one canvas size and grid. */
export interface Surface2dLayout {
  plot: { x: number; y: number; width: number; height: number };
  toPixel(p: PlanePoint): [number, number];
  toPlane(x: number, y: number): PlanePoint;
  /** Nearest grid sample to a pixel inside the plot, or null. */
  sampleAt(x: number, y: number): { i: number; j: number; alpha: number; beta: number; cost: number } | null;
}

export const MARGIN = { left: 50, right: 66, top: 8, bottom: 36 };

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
  const widest = Math.max(
    0,
    ...yScale.ticks(Math.max(2, Math.floor(plot.height / 50))).map((t) => measure(scaleText(t))),
  );
  return Math.max(MARGIN.left, Math.ceil(Y_TITLE_ROOM + widest + 6));
}

export function axisScales(layout: Surface2dLayout, [oa, ob]: readonly [number, number]) {
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
