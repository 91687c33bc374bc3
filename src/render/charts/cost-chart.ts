/** Cost per update: every update faint, the running average bold, epoch ends marked (every k-th in a long run). */
import {
  axisBottom,
  axisLeft,
  bisectCenter,
  format,
  line,
  scaleLinear,
  scaleLog,
  type ScaleContinuousNumeric,
} from 'd3';
import {
  ACCENT,
  GRID,
  MARGIN,
  MUTED,
  drawLegend,
  marginForLegend,
  drawNote,
  drawXTitle,
  layer,
  prepare,
  styleAxis,
  type ChartSize,
  type LegendEntry,
} from './frame';
import { emaSmooth, niceStride, smoothingFor, thinForPixels } from './series';
import { count, sig } from '../../protocol/numbers';
import { drawReadout } from './readout';

export interface CostData {
  /** Update number of each point (the trainer's bounded, downsampled history). */
  steps: ArrayLike<number>;
  /** Each point's first update (its cost is the mean from there to `steps`); absent: one update each. */
  firsts?: ArrayLike<number>;
  /** Mean batch cost C at that update. */
  values: ArrayLike<number>;
  /** Where each epoch ended: its number and the update it ended at. */
  epochEnds: readonly EpochEnd[];
  /** A divergence's undone updates and their costs (the last may be Infinity or NaN), drawn in red. */
  runaway?: { steps: readonly number[]; values: readonly number[] } | null;
  /** Examples per update of this run (for an axis of examples seen). */
  batchSize?: number;
  /** The run before this network was replaced, drawn smoothed and grey, to compare with. */
  earlier?: EarlierCost | null;
  /**
   * Updates the network has had. More than the history's first point (an opened model file holds
   * the network, not its costs): the chart says so, and starts where its costs do.
   */
  updates?: number;
}

export interface EpochEnd {
  epoch: number;
  step: number;
}

export interface EarlierCost {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  batchSize: number;
}

/** Epoch lines closer than this (px) are thinned to every 2nd, 5th, 10th, ... */
const EPOCH_LINE_GAP = 8;

/** The earlier run's colour: a grey that stays apart from the blue of this run. */
const EARLIER = '#8a8f98';

/** The runaway's colour: the same red as the app's error notices' text. */
const RUNAWAY = '#b42318';
/** How many times the kept costs' top the runaway is drawn up to before it leaves the chart (linear / log axis). */
const RUNAWAY_HEADROOM = { linear: 3, log: 1000 };

export interface CostOptions {
  logScale: boolean;
  /**
   * What the x axis counts: updates, or examples seen (update × batch size), which puts runs
   * with different batch sizes (GD against SGD) on one scale of work done.
   */
  xAxis?: 'updates' | 'examples';
}

// plain decimals on the cost axis: SI prefixes (100m for 0.1) read as metres or millions
const costFormat = format('~g');

/**
 * A log axis's labelled ticks: over about three decades d3 gives every 1-9 multiple, a label
 * every few pixels; keep 1, 2 and 5 times a power of ten, or only the powers over more decades.
 */
export function logTicks(ticks: number[], domain: number[]): number[] {
  const decades = Math.abs(Math.log10(domain[1] / domain[0]));
  const keep = decades > 2.5 ? [1] : decades > 1 ? [1, 2, 5] : null;
  if (!keep) return ticks;
  const lead = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
  const kept = ticks.filter((t) => keep.includes(lead(t)));
  return kept.length >= 2 ? kept : ticks;
}

/**
 * The first update point i's cost averages: a long run's history keeps the mean of neighbouring
 * updates in one point (src/worker/history.ts), named by its last update, with its first in
 * `firsts`; without them (or of another length), a point is one update's.
 */
export function firstUpdateOf(steps: ArrayLike<number>, firsts: ArrayLike<number> | undefined, i: number): number {
  return firsts && firsts.length === steps.length ? Math.min(firsts[i], steps[i]) : steps[i];
}

/** "update 12" for a point of one update's cost, "updates 6,038–6,039" for a mean of several. */
function updatesOf(steps: ArrayLike<number>, firsts: ArrayLike<number> | undefined, i: number): string {
  const first = firstUpdateOf(steps, firsts, i);
  return first < steps[i] ? `updates ${count(first)}–${count(steps[i])}` : `update ${count(steps[i])}`;
}

/** The faint line's legend: "each update", or the mean the points hold in a long run. */
function rawLegend(steps: ArrayLike<number>, firsts: ArrayLike<number> | undefined, n: number): string {
  let most = 1;
  let fewest = Infinity;
  for (let i = 1; i < n; i++) {
    const span = steps[i] - firstUpdateOf(steps, firsts, i) + 1;
    most = Math.max(most, span);
    fewest = Math.min(fewest, span);
  }
  if (most === 1) return 'each update';
  // (after a reload, or with a divergence undone, the newest points may hold fewer)
  return fewest === most ? `mean of ${most} updates` : `means of up to ${most} updates`;
}

/**
 * The chart in words, for a screen reader (its lines and legend are a picture): the first and the
 * last point's cost, and the smoothed cost now.
 */
export function costChartSummary(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  firsts?: ArrayLike<number>,
): string {
  const n = Math.min(steps.length, values.length);
  if (n === 0) return 'Cost per update: no updates yet.';
  const smoothed = emaSmooth(
    Array.from({ length: n }, (_, i) => values[i]),
    smoothingFor(n),
  );
  const mean = (i: number) => (firstUpdateOf(steps, firsts, i) < steps[i] ? 'mean ' : '');
  const last = n - 1;
  return (
    `Cost per update: ${mean(0)}C = ${sig(values[0], 3)} at ${updatesOf(steps, firsts, 0)}` +
    (n > 1 ? `, ${mean(last)}C = ${sig(values[last], 3)} at ${updatesOf(steps, firsts, last)}` : '') +
    `; smoothed ${sig(smoothed[last], 3)}.`
  );
}

export function drawCostChart(svgNode: SVGSVGElement, data: CostData, size: ChartSize, options: CostOptions): void {
  const n = Math.min(data.steps.length, data.values.length);
  const smoothed = emaSmooth(
    Array.from({ length: n }, (_, i) => data.values[i]),
    smoothingFor(n),
  );
  const last = n ? smoothed[n - 1] : NaN;
  const earlier =
    data.earlier && Math.min(data.earlier.steps.length, data.earlier.values.length) > 0 ? data.earlier : null;
  const runaway = data.runaway && data.runaway.steps.length > 0 ? data.runaway : null;
  const legend: LegendEntry[] = [
    { color: ACCENT, opacity: 0.28, width: 1, text: rawLegend(data.steps, data.firsts, n) },
    {
      color: ACCENT,
      text: Number.isFinite(last) ? `smoothed ${format('.3~g')(last)}` : 'smoothed',
      room: 'smoothed 0.0000',
    },
    ...(runaway ? [{ color: RUNAWAY, dash: '5 3', text: 'undone' }] : []),
    ...(earlier ? [{ color: EARLIER, dash: '5 3', text: 'before' }] : []),
  ];
  // right of the "C" over the y axis; a second row, when "undone" and "before" join, moves the plot down
  const legendX = MARGIN.left + 16;
  const { svg, plot, innerWidth, innerHeight, margin } = prepare(
    svgNode,
    size,
    marginForLegend(MARGIN, legend, legendX, size.width, legendX),
  );
  const examples = options.xAxis === 'examples';
  /** An update number as the x axis counts it. */
  const along = (step: number, batch = data.batchSize ?? 1) => (examples ? step * batch : step);
  const earlierSmoothed = earlier
    ? emaSmooth(Array.from(earlier.values), smoothingFor(Math.min(earlier.steps.length, earlier.values.length)))
    : null;
  let lo = Infinity;
  let hi = -Infinity;
  const span = (v: number) => {
    if (!Number.isFinite(v) || (options.logScale && v <= 0)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (let i = 0; i < n; i++) span(data.values[i]);
  // the earlier run's smoothed curve (its raw costs are not drawn) widens the axis too
  if (earlierSmoothed) for (const v of earlierSmoothed) span(v);
  // the runaway rises off the chart: the axis stretches by at most RUNAWAY_HEADROOM over the kept
  // costs (or its own first cost), its higher points drawn at the top, so the kept curve stays readable
  let cap = Infinity;
  if (runaway) {
    const finite = runaway.values.filter((v) => Number.isFinite(v) && (!options.logScale || v > 0));
    const base = hi >= lo ? hi : (finite[0] ?? 1);
    cap = base * (options.logScale ? RUNAWAY_HEADROOM.log : RUNAWAY_HEADROOM.linear);
    for (const v of finite) {
      if (v < lo) lo = v;
      if (Math.min(v, cap) > hi) hi = Math.min(v, cap);
    }
    if (!(hi >= lo)) [lo, hi] = [1, cap];
  }
  const empty = (n === 0 && !runaway && !earlier) || lo > hi;
  const firstStep = n ? data.steps[0] : 0;
  const lastStep = Math.max(n ? data.steps[n - 1] : 1, runaway ? runaway.steps[runaway.steps.length - 1] : 0);
  const earlierEnd = earlier ? along(earlier.steps[earlier.steps.length - 1], earlier.batchSize) : 0;
  // a history that starts late (an opened model file's network) starts the axis with it: from 0,
  // its first points were a dot at the right edge of 11,000 empty updates
  const startsLate = n > 0 && firstStep > 1 && !earlier;
  const x = scaleLinear()
    .domain([
      startsLate ? along(firstStep - 1) : Math.min(along(firstStep), 0),
      Math.max(along(lastStep), earlierEnd, along(firstStep), 1),
    ])
    .range([0, innerWidth]);
  /** Where update `step` of this run is drawn. */
  const xOf = (step: number) => x(along(step));
  const y: ScaleContinuousNumeric<number, number> = options.logScale
    ? scaleLog()
        .domain(empty ? [0.01, 10] : [lo, hi > lo ? hi : lo * 10])
        .range([innerHeight, 0])
        .nice()
    : scaleLinear()
        .domain([0, empty ? 1 : hi * 1.05])
        .range([innerHeight, 0])
        .nice();
  const yTicks = options.logScale ? logTicks(y.ticks(4), y.domain()) : y.ticks(5);

  layer(plot, 'g', 'grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', GRID);

  // the epochs' ends (each k-th when they crowd: every 10th after a long run)
  const ends = data.epochEnds.filter((e) => e.step <= lastStep);
  const endGap = ends.length > 1 ? (xOf(ends.at(-1)!.step) - xOf(ends[0].step)) / (ends.length - 1) : Infinity;
  const endStride = niceStride(endGap, EPOCH_LINE_GAP);
  layer(plot, 'g', 'epochs')
    .attr('data-stride', endStride)
    .selectAll('line')
    .data(ends.filter((e) => e.epoch % endStride === 0).map((e) => e.step))
    .join('line')
    .attr('x1', (d) => xOf(d))
    .attr('x2', (d) => xOf(d))
    .attr('y1', 0)
    .attr('y2', innerHeight)
    .attr('stroke', MUTED)
    .attr('stroke-opacity', 0.35)
    .attr('stroke-dasharray', '2 3');

  const pointsOf = (ys: ArrayLike<number>, steps: ArrayLike<number> = data.steps, at = xOf) => {
    const kept = thinForPixels(steps, ys, at, Math.ceil(innerWidth));
    return kept.map((i) => [at(steps[i]), ys[i]] as const);
  };
  const path = line<readonly [number, number]>()
    .defined(([, v]) => Number.isFinite(v) && (!options.logScale || v > 0))
    .x(([px]) => px)
    .y(([, v]) => y(v));
  const lines = layer(plot, 'g', 'lines');
  layer(lines, 'path', 'earlier')
    .attr('fill', 'none')
    .attr('stroke', EARLIER)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', '5 3')
    .attr(
      'd',
      earlier && earlierSmoothed
        ? path(pointsOf(earlierSmoothed, earlier.steps, (st) => x(along(st, earlier.batchSize))))
        : null,
    );
  layer(lines, 'path', 'raw')
    .attr('fill', 'none')
    .attr('stroke', ACCENT)
    .attr('stroke-opacity', 0.28)
    .attr('stroke-width', 1)
    .attr('d', empty ? null : path(pointsOf(data.values)));
  layer(lines, 'path', 'smoothed')
    .attr('fill', 'none')
    .attr('stroke', ACCENT)
    .attr('stroke-width', 2)
    .attr('stroke-linejoin', 'round')
    .attr('d', empty ? null : path(pointsOf(smoothed)));

  // the undone updates, from the last kept point up and off the chart
  const runawayPoints: [number, number][] = [];
  if (runaway) {
    if (n) runawayPoints.push([xOf(data.steps[n - 1]), data.values[n - 1]]);
    runaway.steps.forEach((st, i) => {
      const v = runaway.values[i];
      runawayPoints.push([xOf(st), Number.isFinite(v) && v <= cap ? v : Infinity]);
    });
  }
  // a cost above the cap (or overflowed) leaves through the top edge
  const runawayY = (v: number) => (v === Infinity ? 0 : Math.max(0, y(v)));
  const runawayLine = line<[number, number]>()
    .x(([px]) => px)
    .y(([, v]) => runawayY(v));
  layer(lines, 'path', 'runaway')
    .attr('fill', 'none')
    .attr('stroke', RUNAWAY)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', '5 3')
    .attr('d', runawayPoints.length ? runawayLine(runawayPoints) : null);
  const lastRunaway = runaway ? runaway.values[runaway.values.length - 1] : NaN;
  const end = runawayPoints.at(-1);
  layer(lines, 'text', 'runaway-label')
    .attr('font-size', 11)
    .attr('fill', RUNAWAY)
    .attr('text-anchor', 'end')
    .attr('x', end ? Math.max(120, end[0] - 4) : 0)
    .attr('y', end ? Math.max(12, runawayY(end[1]) + 14) : 0)
    .text(end ? `diverged: C ${Number.isFinite(lastRunaway) ? `= ${sig(lastRunaway)}` : 'overflowed'}, undone` : '');

  const xAxis = layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`);
  xAxis.call(
    axisBottom(x)
      // updates are whole numbers: no "0.5" while the axis is still [0, 1]
      .tickValues(x.ticks(Math.max(2, Math.floor(innerWidth / 70))).filter(Number.isInteger))
      .tickFormat(format('~s'))
      .tickSizeOuter(0),
  );
  styleAxis(xAxis);
  const yAxis = layer(plot, 'g', 'y-axis');
  yAxis.call(
    axisLeft(y)
      .tickValues(yTicks)
      .tickFormat((d) => costFormat(+d))
      .tickSizeOuter(0),
  );
  styleAxis(yAxis);

  drawXTitle(plot, innerWidth, innerHeight, examples ? 'examples seen' : 'update');
  layer(svg, 'text', 'y-title')
    .attr('x', 4)
    .attr('y', margin.top - 8)
    .attr('font-size', 11)
    .attr('fill', MUTED)
    .text(options.logScale ? 'C (log)' : 'C');

  drawLegend(svg, legendX, legend, legendX);
  // a single point draws no line: a dot, until the next update
  layer(lines, 'circle', 'only-point')
    .attr('r', n === 1 && Number.isFinite(data.values[0]) ? 3 : 0)
    .attr('fill', ACCENT)
    .attr('cx', n === 1 ? xOf(data.steps[0]) : 0)
    .attr('cy', n === 1 && Number.isFinite(data.values[0]) ? y(data.values[0]) : 0);
  drawNote(
    plot,
    innerWidth,
    innerHeight,
    // no costs at all for a network with updates: an opened model file's (not a run whose costs
    // cannot be drawn, e.g. on a log scale)
    n === 0 && !runaway && !earlier && (data.updates ?? 0) > 0
      ? `No costs of its ${count(data.updates ?? 0)} updates so far:\na model file holds the network,\nnot its history. Press play or step.`
      : !empty
        ? null
        : 'No updates yet: press play or step.',
  );
  // the update under the pointer, and its cost
  drawReadout(svg, plot, margin, innerWidth, innerHeight, (px) => {
    const target = x.invert(px);
    if (n === 0 || empty) return null;
    const i = bisectCenter(data.steps, examples ? target / (data.batchSize ?? 1) : target, 0, n);
    const step = data.steps[i];
    // a long run's point is the mean of several updates: said so (it read as update 6,039's own cost)
    const mean = firstUpdateOf(data.steps, data.firsts, i) < step;
    const where = examples
      ? `${count(step * (data.batchSize ?? 1))} examples (${updatesOf(data.steps, data.firsts, i)})`
      : updatesOf(data.steps, data.firsts, i);
    return {
      x: xOf(step),
      y: y(smoothed[i]),
      text: `${where}: ${mean ? 'mean ' : ''}C = ${sig(data.values[i], 3)}, smoothed ${sig(smoothed[i], 3)}`,
    };
  });
}
