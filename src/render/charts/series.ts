/** Pure helpers behind the charts: smoothing, thinning to the pixels available, the learning-rate series. */
import { learningRateAt } from '../../engine';
import { toSchedule, type ScheduleSettings } from '../../protocol/settings';
import type { RateChange } from '../../protocol/snapshot';

/**
 * Exponential moving average s_t = beta * s_(t-1) + (1 - beta) * x_t, divided by
 * (1 - beta^t) so the first points are not pulled towards 0 (as TensorBoard does).
 * Non-finite inputs (a diverged cost) give NaN and leave the average untouched.
 */
export function emaSmooth(values: ArrayLike<number>, beta: number): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) {
      out[i] = NaN;
      continue;
    }
    sum = beta * sum + (1 - beta) * x;
    weight = beta * weight + (1 - beta);
    out[i] = sum / weight;
  }
  return out;
}

/**
 * The smoothing factor for `count` points: an EMA whose window, 2 / (1 - beta) - 1,
 * spans about 2% of them, so the curve looks equally smooth on 100 or 4,000 points.
 */
export function smoothingFor(count: number): number {
  const window = Math.max(1, count / 50);
  return 1 - 2 / (window + 1);
}

/**
 * Every k-th of `n` evenly spread marks, `gap` px apart, is kept (k = 1, 2, 5, 10, 20, 50, ...),
 * so the kept ones are at least `minGap` px apart: a long run's epoch lines had grown to one per
 * 2 px (a grey wash) and one DOM node per epoch (with the accuracy chart's dots, 5,400 more nodes after
 * 780 epochs of play).
 */
export function niceStride(gap: number, minGap: number): number {
  if (!(gap > 0)) return 1;
  for (let k = 1; ; k *= 10) for (const m of [1, 2, 5]) if (gap * k * m >= minGap) return k * m;
}

/**
 * Thins a line to what `columns` pixel columns can show: for each column the first,
 * lowest and highest point (in order), so spikes survive. Returns indices into xs.
 */
export function thinForPixels(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  toColumn: (x: number) => number,
  columns: number,
): number[] {
  const n = xs.length;
  if (n <= columns * 3) return Array.from({ length: n }, (_, i) => i);
  const kept: number[] = [];
  let column = NaN;
  let first = -1;
  let lo = -1;
  let hi = -1;
  const flush = () => {
    if (first < 0) return;
    for (const i of [first, lo, hi].sort((a, b) => a - b)) if (kept.at(-1) !== i) kept.push(i);
  };
  for (let i = 0; i < n; i++) {
    const c = Math.floor(toColumn(xs[i]));
    if (c !== column) {
      flush();
      column = c;
      first = lo = hi = i;
      continue;
    }
    if (!(ys[i] >= ys[lo])) lo = i;
    if (!(ys[i] <= ys[hi])) hi = i;
  }
  flush();
  return kept;
}

export interface RatePoint {
  /** Epochs, 0-based and fractional: a rate holds from its point to the next one. */
  epoch: number;
  rate: number;
}

export interface LearningRateSeries {
  /** From epoch 0 to the current one: each rate used, from where it started (a change midway is its own point). */
  used: RatePoint[];
  /** Epochs current..horizon-1 from the schedule as it is set now. */
  next: RatePoint[];
}

/** Most schedule points drawn for the epochs before the records (the chart is a few hundred px wide). */
export const MAX_RATE_POINTS = 2000;

/**
 * The rates each epoch used and the rates to come. `records` are the trainer's
 * end-of-epoch records: record.epoch counts the epochs finished, and record.rates are the
 * rates that epoch (index record.epoch - 1) used, or, in sessions saved before those were
 * kept, record.learningRate its last one. `epochRates` are the current epoch's so far.
 * Epochs without a record fall back to the schedule.
 */
export function learningRateSeries(
  records: readonly { epoch: number; learningRate: number; rates?: readonly RateChange[] }[],
  currentEpoch: number,
  epochRates: readonly RateChange[],
  currentRate: number,
  settings: ScheduleSettings,
  horizon: number,
): LearningRateSeries {
  const schedule = toSchedule(settings);
  const fromRecords = new Map<number, readonly RateChange[]>();
  for (const r of records)
    fromRecords.set(r.epoch - 1, r.rates?.length ? r.rates : [{ share: 0, rate: r.learningRate }]);
  const used: RatePoint[] = [];
  // epochs without a record follow the schedule, one point every `stride` epochs past MAX_RATE_POINTS
  // (a model file that said it was trained 10⁹ epochs built 10⁹ points and froze the page: a review)
  const stride = Math.max(1, Math.ceil(currentEpoch / MAX_RATE_POINTS));
  const recorded = [...fromRecords.keys()].filter((e) => e >= 0 && e < currentEpoch).sort((a, b) => a - b);
  let nextRecorded = 0;
  for (let e = 0; e < currentEpoch;) {
    const rates = fromRecords.get(e);
    if (rates) {
      for (const r of rates) used.push({ epoch: e + r.share, rate: r.rate });
      e++;
      continue;
    }
    used.push({ epoch: e, rate: learningRateAt(settings.learningRate, schedule, e) });
    while (nextRecorded < recorded.length && recorded[nextRecorded] <= e) nextRecorded++;
    e = Math.min(e + stride, recorded[nextRecorded] ?? Infinity);
  }
  const now = epochRates.length ? epochRates : [{ share: 0, rate: currentRate }];
  for (const r of now) used.push({ epoch: currentEpoch + r.share, rate: r.rate });
  // the schedule ahead starts where the rate in use now did
  const next: RatePoint[] = [{ epoch: currentEpoch + now[now.length - 1].share, rate: currentRate }];
  for (let e = currentEpoch + 1; e < horizon; e++)
    next.push({ epoch: e, rate: learningRateAt(settings.learningRate, schedule, e) });
  return { used, next };
}
