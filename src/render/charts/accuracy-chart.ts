/** Validation and test accuracy after each epoch: digits it never trained on, read correctly. */
import { axisBottom, axisLeft, bisectCenter, format, line, scaleLinear } from 'd3';
import { drawReadout } from './readout';
import { niceStride } from './series';
import {
  GRID,
  TEST,
  VALIDATION,
  MARGIN,
  marginForLegend,
  type LegendEntry,
  drawLegend,
  drawNote,
  drawXTitle,
  halo,
  layer,
  MUTED,
  prepare,
  styleAxis,
  type ChartSize,
} from './frame';

export interface AccuracyRecord {
  epoch: number;
  validationAccuracy: number;
  testAccuracy: number;
}

const pct = format('.1%');

/** Epochs said by accuracySummary: the latest ones (a long run's list would go on for a minute). */
export const EPOCHS_SAID = 8;

/** The untrained network's note on the bottom edge: its left, a character's width at 11 px (DejaVu's widest digits; a little over), and the band it covers above the edge (px). */
const NOTE_X = 6;
const NOTE_CHAR = 7;
const NOTE_HEIGHT = 20;

/** Dots closer than this (px) are thinned to every 2nd, 5th, 10th... epoch. */
const DOT_GAP = 12;

/**
 * The chart in words, for a screen reader (its points are a picture): validation and test accuracy
 * of each of the latest epochs, from the untrained network's.
 */
export function accuracySummary(records: readonly AccuracyRecord[], untrained: AccuracyRecord | null): string {
  const said = records.slice(-EPOCHS_SAID);
  const parts = said.map((r) => `epoch ${r.epoch} ${pct(r.validationAccuracy)} / ${pct(r.testAccuracy)}`);
  if (untrained && said.length === records.length)
    parts.unshift(`untrained ${pct(untrained.validationAccuracy)} / ${pct(untrained.testAccuracy)}`);
  if (parts.length === 0) return 'Accuracy per epoch: no epoch finished yet.';
  return `Accuracy per epoch, validation / test${said.length < records.length ? ', the latest epochs' : ''}: ${parts.join('; ')}.`;
}

/** The y range: from a round 5% below the worst point up to 100%, so small gains stay visible. */
export function accuracyDomain(records: readonly AccuracyRecord[]): [number, number] {
  let lo = 1;
  for (const r of records) lo = Math.min(lo, r.validationAccuracy, r.testAccuracy);
  if (!records.length) return [0, 1];
  return [Math.max(0, Math.floor((lo - 0.01) * 20) / 20), 1];
}

/**
 * `records`: the measured epochs (and explicit evaluations, such as an opened model's); `untrained`:
 * the network before its first update, drawn at epoch 0 unless a record is there (an opened model
 * at epoch 0 is no untrained network, and was called one).
 */
export function drawAccuracyChart(
  svgNode: SVGSVGElement,
  records: readonly AccuracyRecord[],
  size: ChartSize,
  untrained: AccuracyRecord | null = null,
): void {
  // an explicit evaluation repeats an epoch: keep the latest per epoch
  const byEpoch = new Map<number, AccuracyRecord>();
  if (untrained) byEpoch.set(0, untrained);
  for (const r of records) byEpoch.set(r.epoch, r);
  const epochName = (r: AccuracyRecord): string => (r === untrained ? 'untrained (epoch 0)' : `epoch ${r.epoch}`);
  const points = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  // the latest measured: not the untrained network's, which is no longer this one after an update
  const last = records.length ? points.at(-1) : undefined;
  // room for the longest texts, so the legend's rows do not move the plot as the numbers change
  const legend: LegendEntry[] = [
    {
      color: VALIDATION,
      text: `validation${last ? ' ' + pct(last.validationAccuracy) : ''}`,
      room: 'validation 100.0%',
    },
    { color: TEST, dash: '5 3', text: `test${last ? ' ' + pct(last.testAccuracy) : ''}`, room: 'test 100.0%' },
  ];
  const { svg, plot, innerWidth, innerHeight, margin } = prepare(
    svgNode,
    size,
    marginForLegend(MARGIN, legend, MARGIN.left, size.width),
  );
  const lastEpoch = points.at(-1)?.epoch ?? 0;
  const x = scaleLinear()
    .domain([0, Math.max(1, lastEpoch)])
    .range([0, innerWidth]);
  // the scale fits the trained epochs (their gains of a few % stay visible); the untrained
  // network's ~10% below it sits on the bottom edge, marked as off the scale
  const trained = points.filter((r) => r.epoch > 0);
  const start = points[0];
  const domain = accuracyDomain(trained.length ? trained : points);
  // the untrained network's note stands on the bottom edge, left: the scale goes 5% lower while a
  // trained point would fall under it (a wrecked epoch at 47% sat under "↓ untrained: 11.3% test")
  const noteText = `↓ untrained: ${start ? pct(start.testAccuracy) : ''} test`;
  const noteRight = NOTE_X + noteText.length * NOTE_CHAR + 4;
  const hasNote = () => start === untrained && trained.length > 0 && start.testAccuracy < domain[0];
  const underNote = (v: number, epoch: number) =>
    v >= domain[0] && (v - domain[0]) / (1 - domain[0]) < NOTE_HEIGHT / innerHeight && x(epoch) < noteRight;
  while (
    domain[0] > 0 &&
    hasNote() &&
    trained.some((r) => underNote(r.validationAccuracy, r.epoch) || underNote(r.testAccuracy, r.epoch))
  )
    domain[0] = Math.max(0, Math.round((domain[0] - 0.05) * 20) / 20);
  const y = scaleLinear().domain(domain).range([innerHeight, 0]).clamp(true);
  const below = (v: number) => v < y.domain()[0];
  const yTicks = y.ticks(5);

  layer(plot, 'g', 'grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', GRID);

  const series = [
    { key: 'validation', color: VALIDATION, value: (r: AccuracyRecord) => r.validationAccuracy, dash: null },
    { key: 'test', color: TEST, value: (r: AccuracyRecord) => r.testAccuracy, dash: '5 3' },
  ];
  // a dot per epoch while they stand DOT_GAP apart, else every 2nd, 5th, 10th... and the latest
  // (one per epoch had made 3,000 nodes after 780 epochs); the line carries the rest
  const dotStride = niceStride(innerWidth / Math.max(1, lastEpoch), DOT_GAP);
  const latest = points.at(-1);
  const dotted = points.filter(
    (r) => r === latest || (r.epoch % dotStride === 0 && x(latest!.epoch) - x(r.epoch) >= DOT_GAP),
  );
  const lines = layer(plot, 'g', 'lines');
  for (const s of series) {
    const g = layer(lines, 'g', s.key);
    const path = line<AccuracyRecord>()
      .x((r) => x(r.epoch))
      .y((r) => y(s.value(r)));
    layer(g, 'path', 'line')
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', s.dash)
      .attr('d', path(points.filter((r) => !below(s.value(r)))));
    // from a point off the scale to the next: dotted, the part of the true line that is on the
    // scale, rising from where it crosses the bottom edge. Drawn from the point clamped onto the
    // edge, 11% -> 91% after epoch 1 read as a gentle climb from 90% (and crossed the edge's note)
    const first = points.findIndex((r) => !below(s.value(r)));
    const fromEdge = (a: AccuracyRecord, b: AccuracyRecord): string => {
      const [va, vb] = [s.value(a), s.value(b)];
      const at = a.epoch + ((y.domain()[0] - va) / (vb - va)) * (b.epoch - a.epoch);
      return `M${x(at)},${innerHeight}L${x(b.epoch)},${y(vb)}`;
    };
    layer(g, 'path', 'from-below')
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '1 3')
      .attr('d', first > 0 ? fromEdge(points[first - 1], points[first]) : null);
    g.selectAll<SVGCircleElement, AccuracyRecord>('circle.point')
      .data(dotted, (r) => r.epoch)
      .join((enter) => {
        const c = enter.append('circle').attr('class', 'point');
        c.append('title');
        return c;
      })
      .attr('cx', (r) => x(r.epoch))
      .attr('cy', (r) => y(s.value(r)))
      // (one off the scale is not drawn on the edge: there it read as the edge's value)
      .attr('r', (r) => (below(s.value(r)) ? 0 : 3.5))
      .attr('fill', s.key === 'test' ? 'white' : s.color)
      .attr('stroke', s.color)
      .attr('stroke-width', 1.5)
      .select('title')
      .text((r) => `${epochName(r)}: ${s.key} accuracy ${pct(s.value(r))}`);
  }

  // the untrained network's accuracy, written where its points sit on the edge
  halo(
    layer(plot, 'text', 'off-scale')
      .attr('x', NOTE_X)
      .attr('y', innerHeight - 6)
      .attr('fill', MUTED)
      .attr('font-size', 11),
  ).text(hasNote() ? noteText : '');

  const xAxis = layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`);
  const xTicks = x.ticks(Math.min(Math.max(1, lastEpoch), Math.floor(innerWidth / 40))).filter(Number.isInteger);
  xAxis.call(axisBottom(x).tickValues(xTicks).tickFormat(format('d')).tickSizeOuter(0));
  styleAxis(xAxis);
  const yAxis = layer(plot, 'g', 'y-axis');
  yAxis.call(axisLeft(y).tickValues(yTicks).tickFormat(format('.0%')).tickSizeOuter(0));
  styleAxis(yAxis);
  drawXTitle(plot, innerWidth, innerHeight, 'epoch');

  drawLegend(svg, margin.left, legend);
  drawNote(
    plot,
    innerWidth,
    innerHeight,
    records.length ? null : untrained ? 'Epoch 0: untrained.' : 'Measured after each epoch.',
  );
  // the epoch under the pointer, both accuracies
  const epochsAt = points.map((r) => r.epoch);
  drawReadout(svg, plot, margin, innerWidth, innerHeight, (px) => {
    if (points.length === 0) return null;
    const r = points[bisectCenter(epochsAt, x.invert(px))];
    return {
      x: x(r.epoch),
      y: y(r.validationAccuracy),
      text: `${epochName(r)}: validation ${pct(r.validationAccuracy)}, test ${pct(r.testAccuracy)}`,
    };
  });
}
