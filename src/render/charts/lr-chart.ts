/** The learning rate alpha per epoch: the rates used so far (solid) and the schedule ahead (dashed). */
import { axisBottom, axisLeft, curveStepAfter, format, line, scaleLinear } from 'd3';
import {
  ACCENT,
  GRID,
  INK,
  MUTED,
  MARGIN,
  marginForLegend,
  type LegendEntry,
  drawLegend,
  drawXTitle,
  halo,
  layer,
  prepare,
  styleAxis,
  type ChartSize,
} from './frame';
import type { LearningRateSeries, RatePoint } from './series';
import { sig } from '../../protocol/numbers';

export interface LearningRateData extends LearningRateSeries {
  /** Where training is now, in epochs (fractional: epoch + share of this epoch done). */
  progress: number;
  currentRate: number;
}

/** A rate held over [epoch, epoch + 1): repeat the last value at its epoch's end so the step shows. */
function steps(points: readonly RatePoint[]): RatePoint[] {
  const last = points.at(-1);
  return last ? [...points, { epoch: last.epoch + 1, rate: last.rate }] : [];
}

/** About the width of one character of the 11 px label (jsdom and SVG text have no measure before layout). */
const LABEL_CHAR_PX = 6.5;

/**
 * The label's baseline, off the curve. Right of the dot (early on) it goes above: the rate falls
 * to the right, so the curve there is lower. Left of the dot it goes below the dot if there is
 * room, else above the highest rate the curve has under the label (above-left, it sat on the curve).
 */
function nowLabelY(
  data: LearningRateData,
  x: (epoch: number) => number,
  y: (rate: number) => number,
  nowY: number,
  leftOfDot: boolean,
  labelLeft: number,
  innerHeight: number,
): number {
  if (!leftOfDot) return Math.max(10, nowY - 8);
  if (nowY + 16 < innerHeight - 2) return nowY + 16;
  let highest = data.currentRate;
  for (let k = 0; k < data.used.length; k++) {
    const until = k + 1 < data.used.length ? data.used[k + 1].epoch : data.progress;
    if (x(until) >= labelLeft && Number.isFinite(data.used[k].rate)) highest = Math.max(highest, data.used[k].rate);
  }
  return Math.max(10, y(highest) - 6);
}

/**
 * The label's right end when it is written left of the dot: 6 px left of it, but never so far
 * left that it starts before the plot (early in a short run it ran over the α axis, "how α").
 */
export function nowLabelRight(nowX: number, width: number): number {
  return Math.max(nowX - 6, width + 6);
}

/** The chart in words, for a screen reader: α at the start, now, and the schedule's next epochs. */
export function learningRateSummary({ used, next }: LearningRateSeries, currentRate: number): string {
  const ahead = next.slice(1, 4).map((p) => sig(p.rate, 3));
  return (
    `Learning rate α: ${sig(used[0].rate, 3)} at the start, ${sig(currentRate, 3)} now` +
    (ahead.length ? `; the schedule's next epochs ${ahead.join(', ')}` : '') +
    '.'
  );
}

export function drawLearningRateChart(svgNode: SVGSVGElement, data: LearningRateData, size: ChartSize): void {
  const legend: LegendEntry[] = [
    { color: ACCENT, text: 'used' },
    { color: ACCENT, dash: '4 3', opacity: 0.7, width: 1.5, text: 'next (schedule)' },
  ];
  const { svg, plot, innerWidth, innerHeight, margin } = prepare(
    svgNode,
    size,
    marginForLegend(MARGIN, legend, MARGIN.left, size.width),
  );
  const used = steps(data.used);
  const next = steps(data.next);
  const end = Math.max(used.at(-1)?.epoch ?? 1, next.at(-1)?.epoch ?? 1);
  let top = 0;
  for (const p of [...used, ...next]) if (Number.isFinite(p.rate)) top = Math.max(top, p.rate);
  const x = scaleLinear().domain([0, end]).range([0, innerWidth]);
  const y = scaleLinear()
    .domain([0, top > 0 ? top * 1.1 : 1])
    .range([innerHeight, 0])
    .nice();
  const yTicks = y.ticks(4);

  layer(plot, 'g', 'grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', GRID);

  const path = line<RatePoint>()
    .curve(curveStepAfter)
    .x((p) => x(p.epoch))
    .y((p) => y(p.rate));
  const lines = layer(plot, 'g', 'lines');
  layer(lines, 'path', 'next')
    .attr('fill', 'none')
    .attr('stroke', ACCENT)
    .attr('stroke-opacity', 0.7)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '4 3')
    .attr('d', path(next));
  layer(lines, 'path', 'used')
    .attr('fill', 'none')
    .attr('stroke', ACCENT)
    .attr('stroke-width', 2)
    .attr('d', path(data.used.length ? [...data.used, { epoch: data.progress, rate: data.currentRate }] : []));

  const nowX = x(Math.min(data.progress, end));
  const nowY = y(data.currentRate);
  const now = layer(plot, 'g', 'now');
  layer(now, 'line', 'now-line')
    .attr('x1', nowX)
    .attr('x2', nowX)
    .attr('y1', 0)
    .attr('y2', innerHeight)
    .attr('stroke', MUTED)
    .attr('stroke-opacity', 0.4);
  layer(now, 'circle', 'now-dot').attr('cx', nowX).attr('cy', nowY).attr('r', 4).attr('fill', ACCENT);
  const rightHalf = nowX > innerWidth * 0.6;
  const text = `now α = ${sig(data.currentRate, 3)}`;
  const width = text.length * LABEL_CHAR_PX;
  const labelX = rightHalf ? nowLabelRight(nowX, width) : nowX + 6;
  layer(now, 'text', 'now-label')
    .attr('x', labelX)
    .attr('y', nowLabelY(data, x, y, nowY, rightHalf, rightHalf ? labelX - width : labelX, innerHeight))
    .attr('text-anchor', rightHalf ? 'end' : 'start')
    .attr('font-size', 11)
    .attr('fill', INK)
    .call(halo)
    .text(text);

  const xAxis = layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`);
  const xTicks = x.ticks(Math.min(end, Math.floor(innerWidth / 35))).filter(Number.isInteger);
  xAxis.call(axisBottom(x).tickValues(xTicks).tickFormat(format('d')).tickSizeOuter(0));
  styleAxis(xAxis);
  const yAxis = layer(plot, 'g', 'y-axis');
  yAxis.call(axisLeft(y).tickValues(yTicks).tickFormat(format('~g')).tickSizeOuter(0));
  styleAxis(yAxis);
  drawXTitle(plot, innerWidth, innerHeight, 'epoch');
  layer(svg, 'text', 'y-title')
    .attr('x', 4)
    .attr('y', margin.top - 8)
    .attr('font-size', 11)
    .attr('fill', MUTED)
    .text('α');
  drawLegend(svg, margin.left, legend);
}
