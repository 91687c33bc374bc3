/**
 * The cost sparkline beside the controls: the smoothed cost per update over the whole run, so
 * the cost can be watched falling beside the network (on a 1280x720 projector the cost chart
 * is a screen below). The same smoothing as the cost chart's bold line, on a log scale (the
 * first steep fall would flatten the rest); no axes, the panel's numbers say the values.
 */
import { line, scaleLinear, select } from 'd3';
import { ACCENT, GRID, layer, type ChartSize } from './frame';
import { emaSmooth, smoothingFor, thinForPixels } from './series';

/** The least ratio of the highest cost to the lowest that the line's height stands for. */
export const MIN_SPAN = 2;

export interface SparkData {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** The smoothed curve's points in the SVG's pixels (tested without a DOM); empty under two updates. */
export function sparkPoints(data: SparkData, size: ChartSize): [number, number][] {
  const n = Math.min(data.steps.length, data.values.length);
  if (n < 2) return [];
  const smooth = emaSmooth(
    Array.from({ length: n }, (_, i) => data.values[i]),
    smoothingFor(n),
  );
  let lo = Infinity;
  let hi = 0;
  for (const v of smooth) {
    if (!Number.isFinite(v)) continue;
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  if (!(hi > 0)) return [];
  const pad = 2;
  const x = scaleLinear()
    .domain([data.steps[0], Math.max(data.steps[n - 1], data.steps[0] + 1)])
    .range([pad, size.width - pad]);
  // a log scale where the costs allow it: the slow fall after the first steep one stays visible
  const log = lo > 0 && hi > lo;
  // spanning at least a factor of MIN_SPAN about the costs' middle: fitted to two updates' 2.34
  // and 2.35, the line rose steeply across the box (a teacher's review)
  const [l0, l1] = log ? [Math.log(lo), Math.log(hi)] : [0, 0];
  const widen = Math.max(0, Math.log(MIN_SPAN) - (l1 - l0)) / 2;
  const y = scaleLinear()
    .domain(log ? [l0 - widen, l1 + widen] : [0, hi])
    .range([size.height - pad, pad]);
  const at = (v: number) => y(log ? Math.log(v) : v);
  const kept = thinForPixels(data.steps, smooth, (s) => x(s), Math.max(1, Math.floor(size.width)));
  return kept.filter((i) => Number.isFinite(smooth[i])).map((i) => [x(data.steps[i]), at(smooth[i])]);
}

export function drawSparkline(svgNode: SVGSVGElement, data: SparkData, size: ChartSize): void {
  const svg = layer(select(svgNode), 'g', 'spark');
  const points = sparkPoints(data, size);
  layer(svg, 'line', 'base')
    .attr('x1', 0)
    .attr('x2', size.width)
    .attr('y1', size.height - 1.5)
    .attr('y2', size.height - 1.5)
    .attr('stroke', GRID);
  layer(svg, 'path', 'curve')
    .attr('d', points.length ? line()(points) : null)
    .attr('fill', 'none')
    .attr('stroke', ACCENT)
    .attr('stroke-width', 1.5)
    .attr('stroke-linejoin', 'round');
}
