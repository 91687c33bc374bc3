/**
 * The trainer: owns the network, the data, the optimiser state and the history.
 * Plain TypeScript with no worker globals, so Node tests drive the very object the
 * worker exposes (see trainer.worker.ts).
 */
import {
  BatchTrainer,
  createNetwork,
  createRng,
  evaluate,
  exampleGradient,
  learningRateAt,
  lossAndGradient,
  paramCount,
  restoreRng,
  shuffledOrder,
  type Network,
  type Rng,
} from '../engine';
import { sliceDataset, VALIDATION_SIZE, type Dataset } from '../data/idx';
import type { LoadProgress, Mnist } from '../data/load-mnist';
import type { DataInfo, TrainerApi } from '../protocol/trainer-api';
import type {
  Checkpoint,
  EpochRecord,
  RateChange,
  ExampleRef,
  ExampleStep,
  Fault,
  Snapshot,
  UpdateStep,
} from '../protocol/snapshot';
import { changedSettings, resetsNetwork, toSchedule, type Settings, type Speed } from '../protocol/settings';
import { sig } from '../protocol/numbers';
// RUNAWAY_WEIGHT: the stable losses keep the cost finite, so waiting for NaN would let training
// wander for ages with dead neurons
import { RUNAWAY_WEIGHT, type ModelExport } from '../protocol/model-file';
import { CostHistory, Trajectory } from './history';
import { checkCheckpoint, specFor } from './checkpoint-check';
import { confusionCellOf, imagesAt, imagesBetween, indicesOfLabel } from './lookups';

/** A training slice lasts about this long, so a pause takes effect within it. */
const SLICE_MS = 12;
/** At most ~30 snapshots per second. */
const SNAPSHOT_EVERY_MS = 33;
/** Longest wait between slices at a slow speed with no update due. */
const IDLE_WAIT_MS = 100;
const PIXELS = 784;

export interface SessionDeps {
  loadData: (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<Mnist>;
  now: () => number;
  /** Schedules the next training slice in `ms` (default 0; setTimeout in the worker). */
  defer: (fn: () => void, ms?: number) => void;
  /** Makes the host die, for the crash test. */
  crash: () => void;
}

/**
 * A run that diverges within this many updates of a settings change (a learning rate set too
 * high) goes back to the weights from before the change: the first updates at that rate
 * already wreck the network (ReLUs dead, z in the hundreds) before any weight passes
 * RUNAWAY_WEIGHT, so "the update before" is no place to go on from.
 */
const DIVERGED_SOON_AFTER = 500;
/** Validation images the ran-away weights' cost is measured on, for the cost chart. */
const RUNAWAY_COST_IMAGES = 200;
/** Batch-cost points averaged to judge whether a saved state was better than now. */
const RECENT_COSTS = 20;

/** Largest |w|, or Infinity if any parameter is NaN or infinite. */
function largestWeight(a: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (!(v <= max)) max = Number.isNaN(v) ? Infinity : v;
  }
  return max;
}

function toFloatInput(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

/** A whole training state kept to go back to: checkpoint, training path and confusion matrix. */
interface Saved {
  checkpoint: Checkpoint;
  trajectory: Trajectory;
  confusion: Uint32Array | null;
  /** Mean batch cost just before it was saved (Infinity before any update): how good it was. */
  cost: number;
}

/**
 * The state before a slice of updates, for the divergence guard to go back to: the weights,
 * and what the epoch's end (which a slice's last batch may reach) changes: the epoch, its
 * record and confusion, the new order and the generator that shuffled it, the rates and sums.
 */
interface Mark {
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

export class TrainerSession {
  private train!: Dataset;
  private validation!: Dataset;
  private test!: Dataset;
  private settings!: Settings;
  private net!: Network;
  private trainer!: BatchTrainer;
  private rng!: Rng;
  private order!: Uint32Array;
  private step = 0;
  private epoch = 0;
  private position = 0;
  private batchStart = 0;
  private batchEnd = 0;
  /** Examples of the current batch accumulated so far (stepped, or run by stepUpdate). */
  private stepped = 0;
  private batchCostSum = 0;
  private lastCost: number | null = null;
  private history = new CostHistory();
  private trajectoryLog = new Trajectory();
  private epochs: EpochRecord[] = [];
  /** Snapshot.untrained: measured when a network is built, null for an opened model file. */
  private untrained: EpochRecord | null = null;
  /** The rates this epoch's updates have used so far, from its start (see noteRate). */
  private epochRates: RateChange[] = [];
  private confusion: Uint32Array | null = null;
  private fault: Fault | null = null;
  private epochTrainMs = 0;
  private epochCostSum = 0;
  private epochCostCount = 0;
  private nextOverride: number | null = null;
  /** What the last Reset threw away, kept until anything changes the network or its settings (Undo). */
  private beforeReset: Saved | null = null;
  /** Updates in a row whose gradient did not reach the first layer (every example's δ⁽¹⁾ was 0). */
  private silentUpdates = 0;
  /** The lesson's experiment: the state to go back to when the student leaves the step. */
  private experiment: Saved | null = null;
  /**
   * What a divergence soon after goes back to: the state before the last settings change that
   * kept the network, or the starting (or imported) weights; `what` names it for the message.
   */
  private beforeChange: (Saved & { what: string }) | null = null;
  private onSnapshot: (s: Snapshot) => void = () => {};
  private playing = false;
  private runTarget: 'forever' | 'epoch-end' = 'forever';
  private runResolve: (() => void) | null = null;
  private lastSnapshotAt = 0;
  /** The update count of the last snapshot sent while running (none is sent again for the same step). */
  private lastSnapshotStep = -1;
  private snapshotSeq = 0;
  private speedWindow = { start: 0, steps: 0, rate: 0 };
  private scheduledRunId = 0;
  private slowDebt = 0;

  constructor(private readonly deps: SessionDeps) {}

  // ---- data ----

  async load(baseUrl: string, onProgress: (p: LoadProgress) => void): Promise<DataInfo> {
    const mnist = await this.deps.loadData(baseUrl, onProgress);
    this.setData(mnist);
    return { trainCount: this.train.count, testCount: this.test.count, fromCache: mnist.fromCache };
  }

  /** Training set: the first 50,000 images; validation: the last 10,000. */
  setData(mnist: Pick<Mnist, 'train' | 'test'>): void {
    const split = mnist.train.count - VALIDATION_SIZE;
    this.train = sliceDataset(mnist.train, 0, split);
    this.validation = sliceDataset(mnist.train, split, mnist.train.count);
    this.test = mnist.test;
  }

  // ---- life cycle ----

  init(settings: Settings, onSnapshot: (s: Snapshot) => void, checkpoint?: Checkpoint): Snapshot {
    this.onSnapshot = onSnapshot;
    if (checkpoint) this.restore(checkpoint);
    else this.fresh(settings);
    return this.snapshot();
  }

  private rebuild(settings: Settings): void {
    this.stopRun();
    this.settings = { ...settings };
    this.net = createNetwork(specFor(settings));
    this.trainer = new BatchTrainer(this.net, this.train);
    this.rng = createRng(settings.seed);
    this.order = shuffledOrder(this.train.count, this.rng);
    this.step = 0;
    this.epoch = 0;
    this.position = 0;
    this.beginBatch();
    this.lastCost = null;
    this.history = new CostHistory();
    this.trajectoryLog = new Trajectory();
    this.trajectoryLog.maybeRecord(0, this.net.params);
    this.epochs = [];
    this.confusion = null;
    this.fault = null;
    this.epochTrainMs = 0;
    this.epochCostSum = 0;
    this.epochCostCount = 0;
    this.nextOverride = null;
    this.beforeReset = null;
    this.beforeChange = null;
    this.silentUpdates = 0;
    this.epochRates = [];
    this.noteRate();
  }

  /** A new network at its starting weights, which a divergence soon after goes back to. */
  private fresh(settings: Settings): void {
    this.rebuild(settings);
    this.untrained = this.measure(null).record;
    this.beforeChange = { ...this.save(), what: 'the starting weights' };
  }

  private save(): Saved {
    return {
      checkpoint: this.checkpoint(),
      trajectory: this.trajectoryLog,
      confusion: this.confusion,
      cost: this.history.recentMean(RECENT_COSTS),
    };
  }

  private mark(): Mark {
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
  private restoreMark(good: Mark): void {
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

  /** Back to a saved state, with `settings` (by default the saved ones). */
  private restoreSaved(saved: Saved, settings = saved.checkpoint.settings): void {
    this.restore(saved.checkpoint);
    this.settings = { ...settings };
    this.noteRate();
    this.trajectoryLog = saved.trajectory;
    // a state saved before a settings change shares the log that kept recording after it
    this.trajectoryLog.truncateAfter(saved.checkpoint.step);
    this.confusion = saved.confusion;
  }

  private restore(c: Checkpoint): void {
    checkCheckpoint(c, this.train.count);
    this.rebuild(c.settings);
    this.net.params.set(c.params);
    if (c.velocity) this.trainer.setVelocity(c.velocity);
    this.rng = restoreRng(c.rngState);
    this.order = c.order.slice();
    this.step = c.step;
    this.epoch = c.epoch;
    this.position = c.positionInEpoch;
    this.beginBatch();
    this.history = CostHistory.from(c.costSteps, c.costValues);
    this.lastCost = c.costValues.length ? c.costValues[c.costValues.length - 1] : null;
    this.epochs = c.epochs.slice();
    // (a session saved before it was kept has none: its starting weights are not known here)
    this.untrained = c.untrained ?? null;
    // an opened model file's path starts at its own weights, not at the seed's (the rebuild's)
    if (c.untrained === null) {
      this.trajectoryLog = new Trajectory();
      this.trajectoryLog.maybeRecord(c.step, this.net.params);
    }
    // a session saved before the rates were kept: the epoch's current rate from its start
    this.epochRates = c.epochRates?.slice() ?? [];
    if (this.epochRates.length === 0) this.epochRates.push({ share: 0, rate: this.currentLearningRate() });
    this.noteRate();
    this.nextOverride = c.nextExampleOverride;
    if (this.nextOverride !== null) this.applyOverride(this.nextOverride);
    // the epoch's record after a reload mid-epoch covers the whole epoch, not the part after it
    this.epochCostSum = c.epochSoFar?.costSum ?? 0;
    this.epochCostCount = c.epochSoFar?.costCount ?? 0;
    this.epochTrainMs = c.epochSoFar?.trainMs ?? 0;
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
      costValues: h.costValues,
      epochs: this.epochs.slice(),
      untrained: this.untrained,
      epochRates: this.epochRates.slice(),
      nextExampleOverride: this.nextOverride,
      epochSoFar: { costSum: this.epochCostSum, costCount: this.epochCostCount, trainMs: this.epochTrainMs },
    };
  }

  // ---- batches ----

  /**
   * Records that the updates from the current batch on use the current rate, so the chart of α
   * draws an epoch whose rate changed midway (a new α₀, schedule or decay) with both rates.
   * Entries at or after this position belong to updates a restore undid, so they go.
   */
  private noteRate(): void {
    const share = this.batchStart / this.train.count;
    const rate = this.currentLearningRate();
    const kept = this.epochRates.filter((r) => r.share < share);
    if (kept.at(-1)?.rate !== rate) kept.push({ share, rate });
    this.epochRates = kept;
  }

  private currentLearningRate(): number {
    return learningRateAt(this.settings.learningRate, toSchedule(this.settings), this.epoch);
  }

  private beginBatch(): void {
    this.batchStart = this.position;
    this.batchEnd = Math.min(this.position + this.settings.batchSize, this.train.count);
    this.stepped = 0;
    this.batchCostSum = 0;
    this.trainer.clearBatch();
  }

  private exampleRef(index: number): ExampleRef {
    return {
      index,
      label: this.train.labels[index],
      pixels: this.train.images.slice(index * PIXELS, (index + 1) * PIXELS),
    };
  }

  /** Puts training image `index` at the current position of the epoch's order (swapping, so the epoch stays a permutation). */
  private applyOverride(index: number): void {
    const at = this.batchStart + this.stepped;
    // a swap keeps the order a permutation (an image already used this epoch comes round again,
    // and the one it displaces waits for the next epoch)
    const found = this.order.indexOf(index);
    if (found >= 0) this.order[found] = this.order[at];
    this.order[at] = index;
  }

  /**
   * Runs the rest of the batch (if any), applies one update, and returns its figures. `startedAt` (a time from
   * deps.now()): the batch's training time, up to its update, is added to the epoch's (before
   * an epoch's end evaluates 20,000 images, whose time then counted as the next epoch's training).
   */
  private finishBatch(detail: boolean, startedAt: number | null = null): UpdateStep | null {
    // an image picked while this batch was already fully stepped is for the next batch
    const carry = this.stepped >= this.batchEnd - this.batchStart ? this.nextOverride : null;
    for (let i = this.batchStart + this.stepped; i < this.batchEnd; i++) {
      this.batchCostSum += this.trainer.accumulate(this.order[i]);
    }
    const count = this.batchEnd - this.batchStart;
    const costBefore = this.batchCostSum / count;
    const lr = this.currentLearningRate();
    const reached = this.trainer.batchReachedFirstLayer();
    let result: UpdateStep | null = null;
    if (detail) {
      const averageGradient = this.trainer.averageGradient();
      // the momentum part, -alpha mu v_old, from the velocity before the update: exactly 0 on
      // the first update (the difference applied + alpha avg left float noise such as 3e-9)
      const mu = this.settings.momentum;
      const velocityBefore = mu !== 0 ? this.trainer.velocity()?.slice() : undefined;
      this.trainer.applyUpdate(lr, mu);
      const applied = new Float32Array(averageGradient.length);
      const momentumTerm = new Float32Array(averageGradient.length);
      // the update as the formula gives it, −α·avg (+ the momentum part): the weights are
      // float32, so the change they actually make is this rounded to their precision (a weight
      // of 0.5 moves in steps of 6×10⁻⁸, and a tiny update read off them did not equal −α·avg)
      for (let i = 0; i < applied.length; i++) {
        momentumTerm[i] = velocityBefore ? -lr * mu * velocityBefore[i] : 0;
        applied[i] = momentumTerm[i] - lr * averageGradient[i];
      }
      result = {
        averageGradient,
        applied,
        momentumTerm,
        batchSize: count,
        learningRate: lr,
        costBefore,
        costAfter: this.batchCost(),
      };
    } else {
      this.trainer.applyUpdate(lr, this.settings.momentum);
    }
    this.step++;
    this.silentUpdates = reached ? 0 : this.silentUpdates + 1;
    this.beforeReset = null;
    this.lastCost = costBefore;
    this.history.push(this.step, costBefore);
    this.epochCostSum += this.batchCostSum;
    this.epochCostCount += count;
    this.trajectoryLog.maybeRecord(this.step, this.net.params);
    this.position = this.batchEnd;
    this.nextOverride = null;
    if (startedAt !== null) this.epochTrainMs += this.deps.now() - startedAt;
    if (this.position >= this.train.count) this.endEpoch();
    this.beginBatch();
    if (carry !== null) {
      this.nextOverride = carry;
      this.applyOverride(carry);
    }
    return result;
  }

  /** Mean cost of the current batch's examples with the current weights. */
  private batchCost(): number {
    const count = this.batchEnd - this.batchStart;
    const chunk = 256;
    let sum = 0;
    for (let s = 0; s < count; s += chunk) {
      const n = Math.min(chunk, count - s);
      const inputs = new Float32Array(n * PIXELS);
      const labels = new Uint8Array(n);
      for (let e = 0; e < n; e++) {
        const idx = this.order[this.batchStart + s + e];
        const px = this.train.images.subarray(idx * PIXELS, (idx + 1) * PIXELS);
        for (let p = 0; p < PIXELS; p++) inputs[e * PIXELS + p] = px[p] / 255;
        labels[e] = this.train.labels[idx];
      }
      sum += lossAndGradient(this.net, inputs, labels, n).loss * n;
    }
    return sum / count;
  }

  private endEpoch(): void {
    const usedRate = this.currentLearningRate();
    this.epoch++;
    this.recordEvaluation(this.epochTrainMs / 1000, usedRate, this.epochRates);
    this.epochRates = [{ share: 0, rate: this.currentLearningRate() }];
    this.epochTrainMs = 0;
    this.epochCostSum = 0;
    this.epochCostCount = 0;
    this.order = shuffledOrder(this.train.count, this.rng);
    this.position = 0;
  }

  private recordEvaluation(
    seconds: number | null,
    learningRate = this.currentLearningRate(),
    rates?: RateChange[],
  ): void {
    const { record, confusion } = this.measure(seconds, learningRate, rates);
    this.confusion = confusion;
    this.epochs.push(record);
  }

  /** The network's accuracy and cost on the validation and test sets now, as an epoch's record. */
  private measure(
    seconds: number | null,
    learningRate = this.currentLearningRate(),
    rates?: RateChange[],
  ): { record: EpochRecord; confusion: Uint32Array } {
    const validation = evaluate(this.net, this.validation);
    const test = evaluate(this.net, this.test);
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
    };
    return { record, confusion: test.confusion };
  }

  // ---- the NaN guard ----

  /** If the cost is no longer finite or a weight ran away (|w| > RUNAWAY_WEIGHT), restores `good`, pauses and explains. */
  private guard(good: Mark): boolean {
    const largest = largestWeight(this.net.params);
    if (Number.isFinite(this.lastCost ?? 0) && largest <= RUNAWAY_WEIGHT) return true;
    const lr = this.currentLearningRate();
    const what =
      Number.isFinite(this.lastCost ?? 0) && Number.isFinite(largest)
        ? `a weight reached ${sig(largest, 2)}`
        : 'the cost became infinite';
    const change = this.beforeChange;
    const soon = change !== null && this.step - change.checkpoint.step <= DIVERGED_SOON_AFTER;
    // what the chart shows of the undone updates: their costs, then the ran-away weights' cost
    const runaway = this.history.pointsAfter(soon ? change.checkpoint.step : good.step);
    runaway.steps.push(this.step);
    runaway.values.push(evaluate(this.net, sliceDataset(this.validation, 0, RUNAWAY_COST_IMAGES)).cost);
    let restored: string;
    if (change && soon) {
      // the updates since the change are what wrecked the network: go back to before it
      this.stopRun();
      this.restoreSaved(change, this.settings);
      this.beforeChange = change;
      restored = `${change.what} (update ${change.checkpoint.step}) are restored`;
    } else {
      this.restoreMark(good);
      this.stopRun();
      restored = `the weights from before they ran away (update ${good.step}) are restored`;
    }
    // the rate the schedule had lowered α₀ to: a student who typed 50 read "diverged at 35"
    const start =
      sig(lr, 4) === sig(this.settings.learningRate, 4)
        ? ''
        : ` (α₀ = ${sig(this.settings.learningRate, 4)}, lowered so far by the schedule)`;
    this.fault = {
      kind: 'diverged',
      learningRate: lr,
      runaway,
      message:
        `Training diverged at learning rate ${sig(lr, 4)}${start}: ${what}. Each step overshot the minimum and the weights ` +
        `ran away, as the lecture warns about a learning rate that is too high. Training is paused and ` +
        `${restored}. Lower the learning rate to go on.`,
    };
    return false;
  }

  // ---- commands ----

  stepExample(): ExampleStep {
    this.stopRun();
    if (this.stepped >= this.batchEnd - this.batchStart) {
      throw new Error('Every example of this batch has been stepped: apply the update (step batch) to go on.');
    }
    if (this.stepped === 0 && this.nextOverride !== null) this.applyOverride(this.nextOverride);
    const index = this.order[this.batchStart + this.stepped];
    const pixels = this.train.images.subarray(index * PIXELS, (index + 1) * PIXELS);
    const label = this.train.labels[index];
    const detail = exampleGradient(this.net, toFloatInput(pixels), label);
    this.batchCostSum += this.trainer.accumulate(index);
    const positionInBatch = this.stepped;
    this.stepped++;
    this.nextOverride = null;
    const result: ExampleStep = {
      example: this.exampleRef(index),
      positionInBatch,
      batchSize: this.batchEnd - this.batchStart,
      activations: detail.trace.a,
      weightedInputs: detail.trace.z,
      deltas: detail.delta,
      cost: detail.cost,
      gradient: detail.grad,
      runningAverage: this.trainer.averageGradient(),
      params: this.net.params.slice(),
    };
    // every example of the batch stepped: the next stepUpdate only applies the update
    this.emit(true);
    return result;
  }

  stepUpdate(): UpdateStep {
    this.stopRun();
    const good = this.mark();
    const result = this.finishBatch(true)!;
    if (!this.guard(good)) result.diverged = true;
    this.emit(true);
    return result;
  }

  async stepEpoch(): Promise<Snapshot> {
    this.stopRun();
    if (this.stepped > 0) {
      const good = this.mark();
      this.finishBatch(false);
      if (!this.guard(good)) return this.snapshot();
      // that batch was the epoch's last: the epoch is done (the run would train the whole next one)
      if (this.epoch !== good.epoch) {
        this.emit(true);
        return this.snapshot();
      }
    }
    await this.run('epoch-end');
    return this.snapshot();
  }

  play(): void {
    if (this.playing) return;
    if (this.stepped > 0) {
      const good = this.mark();
      this.finishBatch(false);
      if (!this.guard(good)) {
        this.emit(true);
        return;
      }
    }
    void this.run('forever');
  }

  pause(): Snapshot {
    this.stopRun();
    return this.snapshot();
  }

  setSpeed(speed: Speed): void {
    this.settings = { ...this.settings, speed };
    this.slowDebt = 0;
  }

  reset(): Snapshot {
    // a Reset of the starting weights changes nothing: the last Reset's Undo still holds
    const before = this.step > 0 ? this.save() : this.beforeReset;
    this.fresh(this.settings);
    this.beforeReset = before;
    return this.snapshot();
  }

  markExperiment(kept?: Checkpoint): Checkpoint {
    if (kept) {
      checkCheckpoint(kept, this.train.count);
      this.experiment = { checkpoint: kept, trajectory: new Trajectory(), confusion: null, cost: Infinity };
    } else this.experiment = this.save();
    return this.experiment.checkpoint;
  }

  endExperiment(): Snapshot | null {
    const saved = this.experiment;
    this.experiment = null;
    if (!saved) return null;
    const c = saved.checkpoint;
    const changed =
      this.step !== c.step || Object.keys(changedSettings(c.settings, this.settings)).some((k) => k !== 'speed');
    if (!changed) return null;
    return this.bringBack(saved, 'the weights put back after the experiment');
  }

  /** Back to a kept state with its settings (the speed stays); a divergence soon after goes back to it. */
  private bringBack(saved: Saved, what: string): Snapshot {
    this.restoreSaved(saved, { ...saved.checkpoint.settings, speed: this.settings.speed });
    this.beforeChange = { ...this.save(), what };
    this.emit(true);
    return this.snapshot();
  }

  /**
   * Brings back the network the last Reset, rebuilding setting or opened model replaced (with
   * its settings); null if anything has changed the new one since.
   */
  undoReset(): Snapshot | null {
    const before = this.beforeReset;
    if (!before) return null;
    return this.bringBack(before, 'the weights Undo brought back');
  }

  setSettings(patch: Partial<Settings>): Snapshot {
    const next = { ...this.settings, ...patch };
    // the trained network a rebuild replaces is kept for Undo, as a Reset's is; an untrained one's
    // rebuild keeps what an earlier Reset or replacement kept
    const rebuilds = resetsNetwork(patch, this.settings);
    const replaced = rebuilds ? (this.step > 0 ? this.save() : this.beforeReset) : null;
    // settings that change nothing (New session's defaults, already in use) keep what a Reset kept
    if (Object.keys(changedSettings(patch, this.settings)).length > 0) this.beforeReset = null;
    if (rebuilds) {
      this.fresh(next);
      this.beforeReset = replaced;
    } else {
      const what =
        patch.learningRate !== undefined && patch.learningRate !== this.settings.learningRate
          ? `the weights from before the learning rate was set to ${patch.learningRate}`
          : 'the weights from before the settings changed';
      // a recent anchor the training since has made worse (α = 1 for five updates, then α = 5)
      // stays: a divergence now should go back past both changes
      const anchor = this.beforeChange;
      const worse =
        anchor !== null &&
        this.step - anchor.checkpoint.step <= DIVERGED_SOON_AFTER &&
        this.history.recentMean(RECENT_COSTS) > anchor.cost;
      if (!worse) this.beforeChange = { ...this.save(), what };
      this.settings = next;
      if (patch.learningRate !== undefined) this.fault = null;
      this.noteRate();
    }
    this.emit(true);
    return this.snapshot();
  }

  /** Loads an exported model (already validated by parseModelFile): its settings, weights, update and epoch. */
  importModel(model: ModelExport): Snapshot {
    const count = paramCount(specFor(model.settings));
    if (model.params.length !== count) {
      throw new Error(`The model has ${model.params.length} parameters; its settings need ${count}.`);
    }
    const replaced = this.step > 0 ? this.save() : this.beforeReset;
    this.rebuild(model.settings);
    this.beforeReset = replaced;
    this.net.params.set(model.params);
    // what the file's network read before it trained is not in the file
    this.untrained = null;
    this.step = model.step;
    this.epoch = model.epoch;
    // the rebuild noted epoch 0's rate: the model's epoch has its own
    this.noteRate();
    this.trajectoryLog = new Trajectory();
    this.trajectoryLog.maybeRecord(this.step, this.net.params);
    this.recordEvaluation(null);
    this.beforeChange = { ...this.save(), what: 'the imported weights' };
    this.emit(true);
    return this.snapshot();
  }

  selectExample(index: number): Snapshot {
    if (!Number.isInteger(index) || index < 0 || index >= this.train.count) {
      throw new Error(`No training image ${index}: choose 0 to ${this.train.count - 1}.`);
    }
    this.nextOverride = index;
    if (this.stepped < this.batchEnd - this.batchStart) this.applyOverride(index);
    return this.snapshot();
  }

  // ---- playing ----

  private stopRun(): void {
    this.playing = false;
    this.scheduledRunId++;
    const resolve = this.runResolve;
    this.runResolve = null;
    resolve?.();
  }

  private run(target: 'forever' | 'epoch-end'): Promise<void> {
    this.stopRun();
    this.playing = true;
    this.fault = null;
    this.runTarget = target;
    const id = this.scheduledRunId;
    this.speedWindow = { start: this.deps.now(), steps: this.step, rate: 0 };
    this.slowDebt = 1;
    this.lastTick = this.deps.now();
    const done = new Promise<void>((resolve) => (this.runResolve = resolve));
    this.emit(true);
    this.deps.defer(() => this.slice(id));
    return done;
  }

  private lastTick = 0;

  /** One slice of training: at most SLICE_MS of work, then yield so commands get through. */
  private slice(id: number): void {
    if (id !== this.scheduledRunId || !this.playing) return;
    const start = this.deps.now();
    // Step epoch is a jump, not a show: at the full rate whatever the speed Play uses (at the
    // lesson's 100/s an epoch of batch 16 took 31 s, at 1/s it would take 52 minutes)
    const speed = this.runTarget === 'epoch-end' ? 'max' : this.settings.speed;
    // updates allowed this slice: all that fit (max) or what the chosen rate has earned since the last tick
    if (speed !== 'max') this.slowDebt += ((start - this.lastTick) / 1000) * speed;
    this.lastTick = start;
    // nothing earned yet at a slow speed: wait until the next update is due (at most
    // IDLE_WAIT_MS, so a faster speed chosen meanwhile soon applies), not a slice every few ms,
    // each copying the weights for the guard (at 1 update/s that was ~650 slices a second)
    if (speed !== 'max' && this.slowDebt < 1) {
      this.deps.defer(() => this.slice(id), Math.min(IDLE_WAIT_MS, ((1 - this.slowDebt) / speed) * 1000));
      return;
    }
    const good = this.mark();
    const startEpoch = this.epoch;
    let epochEnded = false;
    while (this.deps.now() - start < SLICE_MS) {
      if (speed !== 'max') {
        if (this.slowDebt < 1) break;
        this.slowDebt -= 1;
      }
      this.finishBatch(false, this.deps.now());
      if (!Number.isFinite(this.lastCost ?? 0)) break;
      if (this.epoch !== startEpoch) {
        epochEnded = true;
        break;
      }
    }
    if (speed !== 'max') this.slowDebt = Math.min(this.slowDebt, 2);
    if (!this.guard(good)) {
      this.emit(true);
      return;
    }
    if (epochEnded && this.runTarget === 'epoch-end') {
      this.stopRun();
      this.emit(true);
      return;
    }
    this.emit(false);
    this.deps.defer(() => this.slice(id));
  }

  // ---- snapshots ----

  private emit(force: boolean): void {
    const now = this.deps.now();
    if (!force && now - this.lastSnapshotAt < SNAPSHOT_EVERY_MS) return;
    // at slow speeds most slices make no update: a snapshot of the same step would only
    // make every view redraw the same picture
    if (!force && this.step === this.lastSnapshotStep) return;
    this.lastSnapshotAt = now;
    this.lastSnapshotStep = this.step;
    this.onSnapshot(this.snapshot());
  }

  snapshot(): Snapshot {
    const now = this.deps.now();
    const w = this.speedWindow;
    if (now - w.start > 500) {
      w.rate = ((this.step - w.steps) * 1000) / (now - w.start);
      w.start = now;
      w.steps = this.step;
    }
    const h = this.history.toArrays();
    const nextIndex = this.nextOverride ?? this.order[Math.min(this.batchStart + this.stepped, this.train.count - 1)];
    return {
      seq: ++this.snapshotSeq,
      spec: this.net.spec,
      settings: { ...this.settings },
      params: this.net.params.slice(),
      step: this.step,
      epoch: this.epoch,
      positionInEpoch: this.batchStart + this.stepped,
      examplesPerEpoch: this.train.count,
      batchStepped: this.stepped,
      batchSize: this.batchEnd - this.batchStart,
      learningRate: this.currentLearningRate(),
      epochRates: this.epochRates.slice(),
      playing: this.playing,
      steppingEpoch: this.playing && this.runTarget === 'epoch-end',
      cost: this.lastCost,
      costSteps: h.costSteps,
      costValues: h.costValues,
      epochs: this.epochs.slice(),
      untrained: this.untrained,
      confusion: this.confusion?.slice() ?? null,
      nextExample: this.exampleRef(nextIndex),
      fault: this.fault,
      updatesPerSecond: this.playing ? w.rate : 0,
      silentUpdates: this.silentUpdates,
    };
  }

  // ---- lookups ----

  trainImages(start: number, count: number): { pixels: Uint8Array; labels: Uint8Array } {
    return imagesBetween(this.train, start, count);
  }

  testImages(indices: number[]): { pixels: Uint8Array; labels: Uint8Array } {
    return imagesAt(this.test, indices);
  }

  confusionCell(label: number, predicted: number, limit: number): number[] {
    return confusionCellOf(this.net, this.test, label, predicted, limit);
  }

  findByLabel(label: number, from: number, limit: number): number[] {
    return indicesOfLabel(this.train, label, from, limit);
  }

  trajectory(): { steps: number[]; params: Float32Array[] } {
    return { steps: this.trajectoryLog.steps.slice(), params: this.trajectoryLog.params.map((p) => p.slice()) };
  }

  /** The object the worker exposes: exactly the TrainerApi. */
  api(): TrainerApi {
    return {
      load: (baseUrl, onProgress) => this.load(baseUrl, onProgress),
      init: async (settings, onSnapshot, checkpoint) => this.init(settings, onSnapshot, checkpoint),
      play: async () => this.play(),
      pause: async () => this.pause(),
      setSpeed: async (speed) => this.setSpeed(speed),
      stepExample: async () => this.stepExample(),
      stepUpdate: async () => this.stepUpdate(),
      stepEpoch: () => this.stepEpoch(),
      reset: async () => this.reset(),
      undoReset: async () => this.undoReset(),
      setSettings: async (patch) => this.setSettings(patch),
      importModel: async (model) => this.importModel(model),
      selectExample: async (index) => this.selectExample(index),
      trainImages: async (start, count) => this.trainImages(start, count),
      testImages: async (indices) => this.testImages(indices),
      confusionCell: async (label, predicted, limit) => this.confusionCell(label, predicted, limit),
      findByLabel: async (label, from, limit) => this.findByLabel(label, from, limit),
      checkpoint: async () => this.checkpoint(),
      markExperiment: async (kept) => this.markExperiment(kept),
      endExperiment: async () => this.endExperiment(),
      trajectory: async () => this.trajectory(),
      crash: async () => this.deps.crash(),
    } satisfies TrainerApi;
  }
}
