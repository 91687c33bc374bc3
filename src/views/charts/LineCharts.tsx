/** Thin React wrappers around the d3 line charts: measure, then draw once per frame when the drawn data change. */
import { memo, useMemo, useRef } from 'react';
import { accuracySummary, drawAccuracyChart, type AccuracyRecord } from '../../render/charts/accuracy-chart';
import { costChartSummary, drawCostChart, type EarlierCost, type EpochEnd } from '../../render/charts/cost-chart';
import { drawLearningRateChart, learningRateSummary } from '../../render/charts/lr-chart';
import type { RateChange } from '../../protocol/snapshot';
import type { ScheduleSettings } from '../../protocol/settings';
import { learningRateSeries } from '../../render/charts/series';
import { useElementSize, useFrameDraw } from './use-chart';

/** Epochs ahead of the current one the schedule is drawn for (at least 10 in all). */
const LOOKAHEAD = 5;

interface CostChartProps {
  steps: Float64Array;
  /** Each point's first update (a long run's points are means). */
  firsts: Float64Array;
  values: Float32Array;
  epochEnds: readonly EpochEnd[];
  logScale: boolean;
  /** A divergence's undone updates, while its notice stands. */
  runaway: { steps: readonly number[]; values: readonly number[] } | null;
  batchSize: number;
  /** The run a Reset or a rebuilding setting replaced, to compare with. */
  earlier: EarlierCost | null;
  xAxis: 'updates' | 'examples';
  /** The network's update count (its costs may start later: an opened model file). */
  updates: number;
}

function sameCost(a: CostChartProps, b: CostChartProps): boolean {
  const n = a.steps.length;
  return (
    a.logScale === b.logScale &&
    a.xAxis === b.xAxis &&
    (a.steps.length > 0 || a.updates === b.updates) &&
    a.batchSize === b.batchSize &&
    a.earlier === b.earlier &&
    a.firsts.length === b.firsts.length &&
    a.firsts[a.firsts.length - 1] === b.firsts[b.firsts.length - 1] &&
    (a.runaway?.steps.length ?? -1) === (b.runaway?.steps.length ?? -1) &&
    a.runaway?.steps.at(-1) === b.runaway?.steps.at(-1) &&
    n === b.steps.length &&
    a.values.length === b.values.length &&
    (n === 0 ||
      (a.steps[0] === b.steps[0] && a.steps[n - 1] === b.steps[n - 1] && a.values[n - 1] === b.values[n - 1])) &&
    a.epochEnds.length === b.epochEnds.length &&
    a.epochEnds.at(-1)?.step === b.epochEnds.at(-1)?.step
  );
}

export const CostChart = memo(function CostChart({
  steps,
  firsts,
  values,
  epochEnds,
  logScale,
  runaway,
  batchSize,
  earlier,
  xAxis,
  updates,
}: CostChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useElementSize(box);
  useFrameDraw(() => {
    if (svg.current)
      drawCostChart(svg.current, { steps, firsts, values, epochEnds, runaway, batchSize, earlier, updates }, size, {
        logScale,
        xAxis,
      });
  }, [steps, firsts, values, epochEnds, logScale, runaway, size, batchSize, earlier, xAxis, updates]);
  // (a pass over up to 4,000 points, made again only with new costs)
  const said = useMemo(() => costChartSummary(steps, values, firsts), [steps, values, firsts]);
  return (
    <div className="chart-area" ref={box}>
      {/* named by what it shows (its legend's numbers are inside the picture, out of a screen reader's reach) */}
      <svg ref={svg} data-testid="cost-chart" role="img" aria-label={said} />
    </div>
  );
}, sameCost);

interface AccuracyChartProps {
  records: readonly AccuracyRecord[];
  /** The network before its first update, drawn at epoch 0. */
  untrained: AccuracyRecord | null;
}

function lastKey(records: readonly AccuracyRecord[]): string {
  const r = records.at(-1);
  return r ? `${records.length}:${r.epoch}:${r.validationAccuracy}:${r.testAccuracy}` : '';
}

export const AccuracyChart = memo(
  function AccuracyChart({ records, untrained }: AccuracyChartProps) {
    const box = useRef<HTMLDivElement>(null);
    const svg = useRef<SVGSVGElement>(null);
    const size = useElementSize(box);
    useFrameDraw(() => {
      if (svg.current) drawAccuracyChart(svg.current, records, size, untrained);
    }, [records, size, untrained]);
    return (
      <div className="chart-area" ref={box}>
        <svg ref={svg} data-testid="accuracy-chart" role="img" aria-label={accuracySummary(records, untrained)} />
      </div>
    );
  },
  (a, b) => lastKey(a.records) === lastKey(b.records) && a.untrained === b.untrained,
);

interface LearningRateChartProps {
  records: readonly { epoch: number; learningRate: number; rates?: readonly RateChange[] }[];
  /** Epochs completed. */
  epoch: number;
  /** The rates the current epoch has used so far. */
  epochRates: readonly RateChange[];
  /** Share of the current epoch done, 0..1 (rounded by the caller to what a pixel can show). */
  epochShare: number;
  currentRate: number;
  schedule: ScheduleSettings;
}

function sameRate(a: LearningRateChartProps, b: LearningRateChartProps): boolean {
  return (
    a.records.length === b.records.length &&
    a.records.at(-1)?.learningRate === b.records.at(-1)?.learningRate &&
    a.records.at(-1)?.rates?.length === b.records.at(-1)?.rates?.length &&
    a.epoch === b.epoch &&
    a.epochRates.length === b.epochRates.length &&
    a.epochRates.at(-1)?.share === b.epochRates.at(-1)?.share &&
    a.epochRates.at(-1)?.rate === b.epochRates.at(-1)?.rate &&
    a.epochShare === b.epochShare &&
    a.currentRate === b.currentRate &&
    a.schedule.learningRate === b.schedule.learningRate &&
    a.schedule.schedule === b.schedule.schedule &&
    a.schedule.decay === b.schedule.decay &&
    a.schedule.decayEvery === b.schedule.decayEvery
  );
}

export const LearningRateChart = memo(function LearningRateChart(props: LearningRateChartProps) {
  const { records, epoch, epochRates, epochShare, currentRate, schedule } = props;
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useElementSize(box);
  const horizon = Math.max(10, epoch + LOOKAHEAD + 1);
  const series = useMemo(
    () => learningRateSeries(records, epoch, epochRates, currentRate, schedule, horizon),
    [records, epoch, epochRates, currentRate, schedule, horizon],
  );
  useFrameDraw(() => {
    if (!svg.current) return;
    drawLearningRateChart(svg.current, { ...series, progress: epoch + epochShare, currentRate }, size);
  }, [series, epoch, epochShare, currentRate, size]);
  return (
    <div className="chart-area" ref={box}>
      <svg ref={svg} data-testid="lr-chart" role="img" aria-label={learningRateSummary(series, currentRate)} />
    </div>
  );
}, sameRate);
