/**
 * Bounded records for long runs: the cost per update (downsampled by averaging
 * neighbours when full) and parameter checkpoints for the surface's training path.
 */
import { PATH_POINT_EVERY } from '../protocol/surface-api';

/** How many of the ascending update numbers `steps` are at most `step` (what going back to it keeps). */
function countUpTo(steps: readonly number[], step: number): number {
  let n = steps.length;
  while (n > 0 && steps[n - 1] > step) n--;
  return n;
}

export class CostHistory {
  /** Each point's last update, its first (a point averages the updates firsts[i]..steps[i]) and its mean cost. */
  steps: number[] = [];
  firsts: number[] = [];
  values: number[] = [];
  /** Updates averaged into one point; doubles each time the history fills. */
  private stride = 1;
  private pendingSum = 0;
  private pendingCount = 0;
  private pendingStep = 0;
  private pendingFirst = 0;

  constructor(private readonly capacity = 4000) {}

  push(step: number, cost: number): void {
    if (this.pendingCount === 0) this.pendingFirst = step;
    this.pendingSum += cost;
    this.pendingCount++;
    this.pendingStep = step;
    if (this.pendingCount < this.stride) return;
    this.steps.push(this.pendingStep);
    this.firsts.push(this.pendingFirst);
    this.values.push(this.pendingSum / this.pendingCount);
    this.pendingSum = 0;
    this.pendingCount = 0;
    if (this.steps.length >= this.capacity) this.halve();
  }

  /**
   * Merges neighbouring points in pairs, all but the first: the first update's cost stays as it
   * was (averaged with the second, the chart lost where the cost started: 2.45 became 1.69). An
   * unpaired last point goes back to the pending sum, to be averaged with the next updates.
   */
  private halve(): void {
    const steps = [this.steps[0]];
    const firsts = [this.firsts[0]];
    const values = [this.values[0]];
    let i = 1;
    for (; i + 1 < this.steps.length; i += 2) {
      steps.push(this.steps[i + 1]);
      firsts.push(this.firsts[i]);
      values.push((this.values[i] + this.values[i + 1]) / 2);
    }
    if (i < this.steps.length) {
      // (it came before what is pending, so its first update is the pending point's first now)
      this.pendingFirst = this.pendingCount > 0 ? Math.min(this.firsts[i], this.pendingFirst) : this.firsts[i];
      // added to what is pending (CostHistory.from halves again before any push: a later point
      // may be pending already, whose update number stays the pending one's)
      this.pendingSum += this.values[i] * this.stride;
      this.pendingCount += this.stride;
      this.pendingStep = Math.max(this.pendingStep, this.steps[i]);
    }
    this.steps = steps;
    this.firsts = firsts;
    this.values = values;
    this.stride *= 2;
  }

  /**
   * The points of updates after `step` (copies), e.g. a runaway's before truncateAfter forgets
   * them; with the updates still pending as one more point (a thinned history held the last few
   * back, and the runaway's line jumped from an earlier point to the cost that ran away).
   */
  pointsAfter(step: number): { steps: number[]; values: number[] } {
    const n = countUpTo(this.steps, step);
    const steps = this.steps.slice(n);
    const values = this.values.slice(n);
    if (this.pendingCount > 0 && this.pendingStep > step) {
      steps.push(this.pendingStep);
      values.push(this.pendingSum / this.pendingCount);
    }
    return { steps, values };
  }

  /** Forgets the costs of updates after `step` (after going back to it), and any half-averaged point. */
  truncateAfter(step: number): void {
    const n = countUpTo(this.steps, step);
    this.steps.length = n;
    this.firsts.length = n;
    this.values.length = n;
    this.pendingSum = 0;
    this.pendingCount = 0;
  }

  /** Mean of the last `k` points (each may average several updates); Infinity before any. */
  recentMean(k: number): number {
    const n = Math.min(k, this.values.length);
    if (n === 0) return Infinity;
    let sum = 0;
    for (let i = this.values.length - n; i < this.values.length; i++) sum += this.values[i];
    return sum / n;
  }

  toArrays(): { costSteps: Float64Array; costFirsts: Float64Array; costValues: Float32Array } {
    return {
      costSteps: Float64Array.from(this.steps),
      costFirsts: Float64Array.from(this.firsts),
      costValues: Float32Array.from(this.values),
    };
  }

  /**
   * A saved history. Each point's first update comes with it (a session saved before it was kept:
   * from the point before, the history having no gaps then); new points average as many updates
   * as its last one did (from 1 again, a reload's points were single updates among pairs).
   */
  static from(costSteps: Float64Array, costValues: Float32Array, costFirsts?: Float64Array): CostHistory {
    const h = new CostHistory();
    h.steps = Array.from(costSteps);
    h.values = Array.from(costValues);
    h.firsts =
      costFirsts && costFirsts.length === costSteps.length
        ? Array.from(costFirsts)
        : h.steps.map((step, i) => (i > 0 ? Math.min(step, h.steps[i - 1] + 1) : step));
    const n = h.steps.length;
    if (n > 1) h.stride = Math.max(1, h.steps[n - 1] - h.firsts[n - 1] + 1);
    while (h.steps.length >= h.capacity) h.halve();
    return h;
  }
}

/** Parameter vectors every `every` updates; when full, every other one is dropped and `every` doubles. */
export class Trajectory {
  steps: number[] = [];
  params: Float32Array[] = [];
  private every: number;

  constructor(
    private readonly capacity = 200,
    initialEvery = PATH_POINT_EVERY,
  ) {
    this.every = initialEvery;
  }

  maybeRecord(step: number, params: Float32Array): void {
    if (step % this.every !== 0 && this.steps.length > 0) return;
    this.steps.push(step);
    this.params.push(params.slice());
    if (this.steps.length >= this.capacity) {
      this.steps = this.steps.filter((_, i) => i % 2 === 0);
      this.params = this.params.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }

  /** Forgets what was recorded after update `step` (after going back to it). */
  truncateAfter(step: number): void {
    const n = countUpTo(this.steps, step);
    this.steps.length = n;
    this.params.length = n;
  }
}
