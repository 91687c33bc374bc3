/**
 * One network being trained on MNIST's training images: its weights and optimiser state, the
 * epoch's shuffled order and the mini-batch being worked through, and what the run recorded
 * (cost per update, training path, epoch records, the untrained network's accuracy). What to go
 * back to (Reset, Undo, the divergence guard's anchors) and when to train are the session's.
 */
import {
  BatchTrainer,
  createNetwork,
  createRng,
  evaluate,
  exampleGradient,
  learningRateAt,
  restoreRng,
  shuffledOrder,
  stuckNeurons,
  type Network,
  type Rng,
} from '../engine';
import type { Dataset } from '../data/idx';
import {
  TABLE_COLUMNS,
  type Checkpoint,
  type EpochRecord,
  type ExampleStep,
  type MomentumAhead,
  type RateChange,
  type TableColumn,
  type UpdateStep,
} from '../protocol/snapshot';
import { toSchedule, type Settings } from '../protocol/settings';
import { CostHistory, Trajectory } from './history';
import { specFor } from './checkpoint-check';
import { exampleOf, meanCostOf, toFloatInput } from './lookups';
import { applyUpdateWithFigures } from './update-figures';

const PIXELS = 784;
/** Validation images a network's stuck neurons are counted on (at each epoch's measure, and a divergence's restore). */
export const STUCK_IMAGES = 1000;

/** The three sets: training (the first 50,000), validation (the training file's last 10,000), test. */
export interface Splits {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
}

/**
 * The state before a slice of updates, for the divergence guard to go back to: the weights,
 * and what the epoch's end (which a slice's last batch may reach) changes: the epoch, its
 * record and confusion, the new order and the generator that shuffled it, the rates and sums.
 */
export interface Mark {
  params: Float32Array;
  step: number;
  position: number;
  epoch: number;
  epochRecords: number;
  confusion: Uint32Array | null;
  order: Uint32Array;
  rngState: number[];
  epochRates: RateChange[];
  epochTrainMs: number;
  epochCostSum: number;
  epochCostCount: number;
  silentUpdates: number;
}

export class TrainingRun {
  settings: Settings;
  readonly net: Network;
  readonly trainer: BatchTrainer;
  rng: Rng;
  order: Uint32Array;
  step = 0;
  epoch = 0;
  position = 0;
  batchStart = 0;
  batchEnd = 0;
  /** Examples of the current batch accumulated so far (stepped, or run by stepUpdate). */
  stepped = 0;
  batchCostSum = 0;
  lastCost: number | null = null;
  history = new CostHistory();
  trajectoryLog = new Trajectory();
  epochs: EpochRecord[] = [];
  /** Snapshot.untrained: measured when a network is built, null for an opened model file. */
  untrained: EpochRecord | null = null;
  /** The rates this epoch's updates have used so far, from its start (see noteRate). */
  epochRates: RateChange[] = [];
  confusion: Uint32Array | null = null;
  epochTrainMs = 0;
  epochCostSum = 0;
  epochCostCount = 0;
  nextOverride: number | null = null;
  /** The swaps picks made at the current position since it was last stepped (undone, last first, by unselect). */
  private pickSwaps: [at: number, found: number][] = [];
  /** Updates in a row whose gradient did not reach the first layer (every example's δ⁽¹⁾ was 0). */
  silentUpdates = 0;

  /**
   * A new network at its starting weights (deterministic in the seed). `now` is the session's
   * clock (deps.now), which times the epoch's training.
   */
  constructor(
    readonly data: Splits,
    settings: Settings,
    private readonly now: () => number,
  ) {
    this.settings = { ...settings };
    this.net = createNetwork(specFor(settings));
    this.trainer = new BatchTrainer(this.net, data.train);
    this.rng = createRng(settings.seed);
    this.order = shuffledOrder(data.train.count, this.rng);
    this.beginBatch();
    this.trajectoryLog.maybeRecord(0, this.net.params);
    this.noteRate();
  }

  /** A run resumed from a checkpoint (already checked with checkCheckpoint). */
  static restored(data: Splits, c: Checkpoint, now: () => number): TrainingRun {
    const run = new TrainingRun(data, c.settings, now);
    // a session saved before `untrained` was kept: measured on the seed's starting weights, which
    // the constructor just built (saved again as null, a second reload took it for an opened model)
    if (c.untrained === undefined) run.untrained = run.measure(null).record;
    run.net.params.set(c.params);
    if (c.velocity) run.trainer.setVelocity(c.velocity);
    run.rng = restoreRng(c.rngState);
    run.order = c.order.slice();
    run.step = c.step;
    run.epoch = c.epoch;
    run.position = c.positionInEpoch;
    run.beginBatch();
    run.history = CostHistory.from(c.costSteps, c.costValues, c.costFirsts);
    // (the history's last point averages several updates once it has been thinned: the controls'
    // "cost C, last batch" changed across a reload, 0.1532 -> 0.1097)
    run.lastCost =
      c.lastCost !== undefined ? c.lastCost : c.costValues.length ? c.costValues[c.costValues.length - 1] : null;
    run.epochs = c.epochs.slice();
    if (c.untrained !== undefined) run.untrained = c.untrained;
    // an opened model file's path starts at its own weights, not at the seed's (the constructor's)
    if (c.untrained === null) {
      run.trajectoryLog = new Trajectory();
      run.trajectoryLog.maybeRecord(c.step, run.net.params);
    }
    // a session saved before the rates were kept: the epoch's current rate from its start
    run.epochRates = c.epochRates?.slice() ?? [];
    if (run.epochRates.length === 0) run.epochRates.push({ share: 0, rate: run.currentLearningRate() });
    run.noteRate();
    run.nextOverride = c.nextExampleOverride;
    // the pick's swaps first: putting the pick back at the batch's start (a half-stepped batch
    // is redone) is one more, and taking the pick back undoes them all, last first
    run.pickSwaps = c.pickSwaps?.map(([at, found]) => [at, found]) ?? [];
    if (run.nextOverride !== null) run.applyOverride(run.nextOverride);
    else run.pickSwaps = [];
    // the epoch's record after a reload mid-epoch covers the whole epoch, not the part after it
    run.epochCostSum = c.epochSoFar?.costSum ?? 0;
    run.epochCostCount = c.epochSoFar?.costCount ?? 0;
    run.epochTrainMs = c.epochSoFar?.trainMs ?? 0;
    // the confusion matrix beside the accuracy it goes with (a reload showed "filled in after the
    // first epoch" under an epoch's accuracy); a session saved before it was kept has it measured
    // again if its weights are still those of the latest evaluation
    const last = c.epochs.at(-1);
    if (c.confusion) run.confusion = c.confusion.slice();
    else if (c.confusion === undefined && last && last.step === c.step)
      run.confusion = evaluate(run.net, data.test).confusion;
    return run;
  }

  checkpoint(): Checkpoint {
    const h = this.history.toArrays();
    return {
      settings: { ...this.settings },
      params: this.net.params.slice(),
      velocity: this.trainer.velocity()?.slice() ?? null,
      rngState: this.rng.state(),
      order: this.order.slice(),
      step: this.step,
      epoch: this.epoch,
      // a half-stepped batch is redone from its start after a restore
      positionInEpoch: this.batchStart,
      costSteps: h.costSteps,
      costFirsts: h.costFirsts,
      costValues: h.costValues,
      epochs: this.epochs.slice(),
      untrained: this.untrained,
      epochRates: this.epochRates.slice(),
      nextExampleOverride: this.nextOverride,
      pickSwaps: this.pickSwaps.map(([at, found]) => [at, found]),
      epochSoFar: { costSum: this.epochCostSum, costCount: this.epochCostCount, trainMs: this.epochTrainMs },
      confusion: this.confusion?.slice() ?? null,
      lastCost: this.lastCost,
    };
  }

  mark(): Mark {
    return {
      params: this.net.params.slice(),
      step: this.step,
      position: this.batchStart,
      epoch: this.epoch,
      epochRecords: this.epochs.length,
      confusion: this.confusion,
      // (endEpoch makes a new order, and nothing in a slice swaps within it: the reference is enough)
      order: this.order,
      rngState: this.rng.state(),
      epochRates: this.epochRates,
      epochTrainMs: this.epochTrainMs,
      epochCostSum: this.epochCostSum,
      epochCostCount: this.epochCostCount,
      silentUpdates: this.silentUpdates,
    };
  }

  /** Back to `good`, taken before the updates that ran away (an epoch they ended is not ended). */
  restoreMark(good: Mark): void {
    this.net.params.set(good.params);
    this.trainer.setVelocity(null);
    this.step = good.step;
    this.lastCost = null;
    // the runaway's costs and path points go too (the cost chart's axis would stay at 1e16)
    this.history.truncateAfter(good.step);
    this.trajectoryLog.truncateAfter(good.step);
    if (this.epoch !== good.epoch) {
      this.epoch = good.epoch;
      this.epochs.length = good.epochRecords;
      this.confusion = good.confusion;
      this.order = good.order;
      this.rng = restoreRng(good.rngState);
    }
    this.epochRates = good.epochRates;
    this.epochTrainMs = good.epochTrainMs;
    this.epochCostSum = good.epochCostSum;
    this.epochCostCount = good.epochCostCount;
    this.silentUpdates = good.silentUpdates;
    this.position = good.position;
    this.beginBatch();
    this.noteRate();
  }

  /**
   * Records that the updates from the current batch on use the current rate, so the chart of α
   * draws an epoch whose rate changed midway (a new α₀, schedule or decay) with both rates.
   * Entries at or after this position belong to updates a restore undid, so they go.
   */
  noteRate(): void {
    const share = this.batchStart / this.data.train.count;
    const rate = this.currentLearningRate();
    const kept = this.epochRates.filter((r) => r.share < share);
    if (kept.at(-1)?.rate !== rate) kept.push({ share, rate });
    this.epochRates = kept;
  }

  currentLearningRate(): number {
    return learningRateAt(this.settings.learningRate, toSchedule(this.settings), this.epoch);
  }

  /** Examples in the current batch (the epoch's last is smaller). */
  get batchSize(): number {
    return this.batchEnd - this.batchStart;
  }

  private beginBatch(): void {
    this.batchStart = this.position;
    this.batchEnd = Math.min(this.position + this.settings.batchSize, this.data.train.count);
    this.stepped = 0;
    this.batchCostSum = 0;
    this.trainer.clearBatch();
    this.pickSwaps = [];
  }

  /** Puts training image `index` at the current position of the epoch's order (swapping, so the epoch stays a permutation). */
  private applyOverride(index: number): void {
    const at = this.batchStart + this.stepped;
    // a swap keeps the order a permutation (an image already used this epoch comes round again,
    // and the one it displaces waits for the next epoch)
    const found = this.order.indexOf(index);
    if (found === at) return;
    if (found >= 0) {
      this.order[found] = this.order[at];
      this.pickSwaps.push([at, found]);
    }
    this.order[at] = index;
  }

  /** Makes training image `index` the next one stepped (this batch's next, or the next batch's first). */
  select(index: number): void {
    this.nextOverride = index;
    if (this.stepped < this.batchSize) this.applyOverride(index);
  }

  /**
   * Takes back a pick not yet stepped ("any digit"): the epoch's order as it was before it. A pick
   * could not be undone, so a student who picked "a 7" had to step it. The swaps are saved with
   * the session (a session saved before they were has none: its picked image stays where it is).
   */
  unselect(): void {
    this.nextOverride = null;
    for (let k = this.pickSwaps.length - 1; k >= 0; k--) {
      const [at, found] = this.pickSwaps[k];
      const picked = this.order[at];
      this.order[at] = this.order[found];
      this.order[found] = picked;
    }
    this.pickSwaps = [];
  }

  /**
   * Forward and backprop on the batch's next example into the batch sum; never updates. On the
   * batch's first example (with `ahead`, and momentum on) also the momentum part of its update.
   */
  stepExample(ahead = true): ExampleStep {
    if (this.stepped >= this.batchSize) {
      throw new Error('Every example of this batch has been stepped: apply the update (step batch) to go on.');
    }
    if (this.stepped === 0 && this.nextOverride !== null) this.applyOverride(this.nextOverride);
    const train = this.data.train;
    const index = this.order[this.batchStart + this.stepped];
    const pixels = train.images.subarray(index * PIXELS, (index + 1) * PIXELS);
    const detail = exampleGradient(this.net, toFloatInput(pixels), train.labels[index]);
    // the training work is timed into the epoch's time, the lesson's detail above is not
    const t0 = this.now();
    this.batchCostSum += this.trainer.accumulate(index);
    this.epochTrainMs += this.now() - t0;
    const positionInBatch = this.stepped;
    this.stepped++;
    this.nextOverride = null;
    this.pickSwaps = [];
    const mu = this.settings.momentum;
    const momentumAhead = ahead && positionInBatch === 0 && mu !== 0 ? this.momentumAhead(mu) : undefined;
    return {
      example: exampleOf(train, index),
      positionInBatch,
      batchSize: this.batchSize,
      activations: detail.trace.a,
      weightedInputs: detail.trace.z,
      // (the protocol's float32: the view draws them as bars)
      deltas: detail.delta.map((d) => Float32Array.from(d)),
      cost: detail.cost,
      gradient: detail.grad,
      runningAverage: this.trainer.averageGradient(),
      params: this.net.params.slice(),
      ...(momentumAhead && { momentumAhead }),
    };
  }

  /** −α·μ·v for the coming update, as applyUpdateWithFigures computes its momentum part (0 before the first). */
  private momentumAhead(mu: number): MomentumAhead {
    const learningRate = this.currentLearningRate();
    const v = this.trainer.velocity();
    const values = new Float32Array(this.net.params.length);
    if (v) for (let i = 0; i < values.length; i++) values[i] = -learningRate * mu * v[i];
    return { values, learningRate, momentum: mu, update: this.step };
  }

  /**
   * Runs the rest of the batch (if any), applies one update, and returns its figures (with
   * `detail`). The time this takes, less the figures' cost-after pass, is added to the epoch's
   * training time (before an epoch's end evaluates 20,000 images, whose time then counted as the
   * next epoch's training). Every update is timed: one from Step batch was not, so an epoch
   * finished by it (full-batch GD's only update) said "0.00 s".
   */
  finishBatch(detail: boolean): UpdateStep | null {
    const startedAt = this.now();
    let figuresMs = 0;
    // an image picked while this batch was already fully stepped is for the next batch
    const carry = this.stepped >= this.batchSize ? this.nextOverride : null;
    // Step batch: the examples not yet stepped are stepped as Step example does, up to the table's
    // columns (the table showed 3 columns and "+29 more", the lecture's table every example); of
    // their time only the training part counts (stepExample adds it), as a stepped example's
    const columns: TableColumn[] = [];
    if (detail) {
      const t0 = this.now();
      while (this.stepped < this.batchSize && this.stepped < TABLE_COLUMNS) {
        const { example, positionInBatch, gradient } = this.stepExample(false);
        columns.push({ example, positionInBatch, gradient });
      }
      figuresMs += this.now() - t0;
    }
    for (let i = this.batchStart + this.stepped; i < this.batchEnd; i++) {
      this.batchCostSum += this.trainer.accumulate(this.order[i]);
    }
    const count = this.batchSize;
    const costBefore = this.batchCostSum / count;
    const lr = this.currentLearningRate();
    const reached = this.trainer.batchReachedFirstLayer();
    const mu = this.settings.momentum;
    let result: UpdateStep | null = null;
    if (detail) {
      result = applyUpdateWithFigures(this.trainer, lr, mu, costBefore, () => {
        const t0 = this.now();
        const after = meanCostOf(this.net, this.data.train, this.order, this.batchStart, this.batchEnd);
        figuresMs += this.now() - t0;
        return after;
      });
    } else {
      this.trainer.applyUpdate(lr, mu);
    }
    this.step++;
    this.silentUpdates = reached ? 0 : this.silentUpdates + 1;
    this.lastCost = costBefore;
    this.history.push(this.step, costBefore);
    this.epochCostSum += this.batchCostSum;
    this.epochCostCount += count;
    this.trajectoryLog.maybeRecord(this.step, this.net.params);
    this.position = this.batchEnd;
    this.nextOverride = null;
    this.epochTrainMs += this.now() - startedAt - figuresMs;
    if (this.position >= this.data.train.count) this.endEpoch();
    this.beginBatch();
    if (carry !== null) {
      this.nextOverride = carry;
      this.applyOverride(carry);
    }
    if (result) result.columns = columns;
    return result;
  }

  private endEpoch(): void {
    const usedRate = this.currentLearningRate();
    this.epoch++;
    this.recordEvaluation(this.epochTrainMs / 1000, usedRate, this.epochRates);
    this.epochRates = [{ share: 0, rate: this.currentLearningRate() }];
    this.epochTrainMs = 0;
    this.epochCostSum = 0;
    this.epochCostCount = 0;
    this.order = shuffledOrder(this.data.train.count, this.rng);
    this.position = 0;
  }

  /** Measures the network now and adds the record (`seconds` null: not an epoch's end) and its confusion matrix. */
  recordEvaluation(seconds: number | null, learningRate = this.currentLearningRate(), rates?: RateChange[]): void {
    const { record, confusion } = this.measure(seconds, learningRate, rates);
    this.confusion = confusion;
    this.epochs.push(record);
  }

  /** The network's accuracy and cost on the validation and test sets now, as an epoch's record. */
  measure(
    seconds: number | null,
    learningRate = this.currentLearningRate(),
    rates?: RateChange[],
  ): { record: EpochRecord; confusion: Uint32Array } {
    const validation = evaluate(this.net, this.data.validation);
    const test = evaluate(this.net, this.data.test);
    const record: EpochRecord = {
      epoch: this.epoch,
      step: this.step,
      trainCost: this.epochCostCount ? this.epochCostSum / this.epochCostCount : (this.lastCost ?? NaN),
      validationAccuracy: validation.accuracy,
      testAccuracy: test.accuracy,
      testCost: test.cost,
      seconds,
      learningRate,
      ...(rates ? { rates } : {}),
      stuck: this.stuckNeurons(),
    };
    return { record, confusion: test.confusion };
  }

  /** Per layer 1..L, the stuck neurons (dead or saturated; outputs under mse only) of `params` (default: now), on the first STUCK_IMAGES validation images. */
  stuckNeurons(params = this.net.params): number[] {
    return stuckNeurons({ spec: this.net.spec, params }, this.data.validation, 0, STUCK_IMAGES);
  }

  /** The training image stepped next (the epoch's last, once its last batch is fully stepped: the next order is not drawn yet). */
  nextIndex(): number {
    if (this.nextOverride !== null) return this.nextOverride;
    const at = this.batchStart + this.stepped;
    if (at < this.data.train.count) return this.order[at];
    // the epoch's last batch is fully stepped: the next is the first of the next epoch's order,
    // which endEpoch shuffles with this generator (it named the epoch's last image, stepped already)
    return shuffledOrder(this.data.train.count, restoreRng(this.rng.state()))[0];
  }
}
