/** The 2D map's colour bar (log-scaled cost): beside the map, or across its foot on a narrow canvas. */
import { scaleLog } from 'd3';
import { costScale } from './palette';
import { MARGIN } from './surface2d-layout';
import { colourBarTicks, costAt, scaleText } from './surface-scale';

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
    const text = scaleText(cost);
    const w = measure(text);
    const x = cost === lo ? plot.x : cost === hi ? plot.x + plot.width - w : scale(cost) - w / 2;
    if (out.some((o) => x < o.x + o.w + 8 && x + w > o.x - 8)) continue;
    out.push({ cost, text, x, w });
  }
  return out.map(({ cost, text, x }) => ({ cost, text, x }));
}

/** Cells in a colour bar's strip. */
const STRIP = 48;

/** A bar's colours, low cost to high, in STRIP cells; `cell(k)` places the k-th (x, y, width, height). */
function fillStrip(
  ctx: CanvasRenderingContext2D,
  lo: number,
  hi: number,
  cell: (k: number) => [number, number, number, number],
): void {
  const colour = costScale(lo, hi);
  for (let k = 0; k < STRIP; k++) {
    ctx.fillStyle = colour(costAt(lo, hi, k / (STRIP - 1)));
    ctx.fillRect(...cell(k));
  }
}

/** The colour bar across the foot of the canvas, under the x axis's title (narrow canvases). */
export function drawColourBarBelow(
  ctx: CanvasRenderingContext2D,
  plot: { x: number; y: number; width: number; height: number },
  lo: number,
  hi: number,
): void {
  const by = plot.y + plot.height + MARGIN.bottom + 4;
  const bh = 10;
  fillStrip(ctx, lo, hi, (k) => [plot.x + (k / STRIP) * plot.width, by, plot.width / STRIP + 0.5, bh]);
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

/** The colour bar right of the map, its numbers beside it. */
export function drawColourBarRight(
  ctx: CanvasRenderingContext2D,
  plot: { x: number; y: number; width: number; height: number },
  lo: number,
  hi: number,
): void {
  const bx = plot.x + plot.width + 10;
  const bw = 10;
  fillStrip(ctx, lo, hi, (k) => [
    bx,
    plot.y + plot.height - ((k + 1) / STRIP) * plot.height,
    bw,
    plot.height / STRIP + 0.5,
  ]);
  const cScale = scaleLog()
    .domain([lo, hi])
    .range([plot.y + plot.height, plot.y]);
  ctx.fillStyle = '#444';
  ctx.textAlign = 'left';
  for (const t of colourBarTicks(lo, hi, plot.height)) {
    const y = cScale(t);
    // the mark against the bar, the number 4 px clear of it: 2 px away, "— 0.1" read as −0.1
    ctx.fillRect(bx + bw, y, 3, 1);
    ctx.fillText(scaleText(t), bx + bw + 7, y);
  }
  ctx.textBaseline = 'bottom';
  ctx.fillText('C', bx, plot.y + plot.height + 22);
}
