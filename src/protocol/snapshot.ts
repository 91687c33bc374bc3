/** What the trainer worker sends the UI. Typed arrays travel as copies (structured clone), never transfers: see trainer.worker.ts. */
import type { NetworkSpec } from '../engine';
import type { Settings } from './settings';

/** A learning rate in use from `share` of an epoch on (0 = the epoch's start, 0.5 = halfway). */
export interface RateChange {
  share: number;
  rate: number;
}

/** Below this test accuracy a network reads no better than guessing (chance is 10%). */
export const GUESSING_BELOW = 0.2;

/** One completed epoch (or an explicit evaluation). */
export interface EpochRecord {
  epoch: number;
  /** Updates applied when it was measured. */
  step: number;
  trainCost: number;
  validationAccuracy: number;
  testAccuracy: number;
  testCost: number;
  /** Wall time of the epoch's training in the worker, seconds (null for an evaluation). */
  seconds: number | null;
  learningRate: number;
  /**
   * The rates the epoch's updates used, in order from its start: one entry unless a setting
   * changed the rate midway. Absent for an evaluation and in sessions saved before it existed.
   */
  rates?: RateChange[];
  /**
   * Per layer 1..L, its stuck neurons (dead or saturated: f′(z) about 0 on nearly every image;
   * engine/stuck.ts; the output layer's only under mse) on the first STUCK_IMAGES validation
   * images. Absent in sessions saved before it.
   */
  stuck?: number[];
}

/** Why training stopped by itself. */
export interface Fault {
  kind: 'diverged';
  message: string;
  /** The learning rate that overshot. */
  learningRate: number;
  /**
   * The cost per update from the restored update to the divergence (those updates are undone),
   * ending with the cost of the ran-away weights (on 200 validation images; Infinity or NaN when
   * it overflowed): the cost chart shows it while the fault stands.
   */
  runaway: { steps: number[]; values: number[] };
  /** Per layer, the stuck neurons of the weights restored (as EpochRecord.stuck). */
  stuck?: number[];
}

export interface ExampleRef {
  /** Index in the training set (0..49,999). */
  index: number;
  label: number;
  /** 784 bytes, 0..255. */
  pixels: Uint8Array;
}

export interface Snapshot {
  /**
   * Order among the snapshots one worker made: a later snapshot has a larger seq. Pushed
   * snapshots and command replies travel on different message ports, so a snapshot pushed
   * while playing can arrive after the reply to pause; the bridge keeps the newest only.
   */
  seq: number;
  spec: NetworkSpec;
  settings: Settings;
  /** Flat parameter vector (layout in docs/ARCHITECTURE.md). */
  params: Float32Array;
  /** Updates applied so far. */
  step: number;
  /** Epochs completed. */
  epoch: number;
  /** Examples of this epoch already used. */
  positionInEpoch: number;
  examplesPerEpoch: number;
  /** Examples of the current batch already stepped one at a time (0 when none). */
  batchStepped: number;
  /** Size of the current batch (smaller for the last one of an epoch). */
  batchSize: number;
  learningRate: number;
  /** The rates this epoch's updates have used so far (as EpochRecord.rates), the last one `learningRate`. */
  epochRates: RateChange[];
  playing: boolean;
  /** Playing is a Step epoch: at full speed whatever the speed setting (no slow motion then). */
  steppingEpoch: boolean;
  /** Mean cost of the latest update's batch, null before the first. */
  cost: number | null;
  /**
   * Bounded, downsampled cost per update: costValues[i] is the mean cost of the updates
   * costFirsts[i]..costSteps[i] (one update, until a long run's history is thinned).
   */
  costSteps: Float64Array;
  costFirsts: Float64Array;
  costValues: Float32Array;
  epochs: EpochRecord[];
  /**
   * The network before its first update (epoch 0: about 10%, guessing), for the accuracy chart
   * to start from; null for an opened model file (its history is not known). Not one of
   * `epochs`: the stall checks read those, and an untrained network "not learning" is no fault.
   */
  untrained: EpochRecord | null;
  /** Test-set confusion matrix after the latest evaluation, 10x10, row = true label. */
  confusion: Uint32Array | null;
  /** The example stepExample will use next. */
  nextExample: ExampleRef;
  /** It was picked by the student (and can be taken back); absent: not picked. */
  nextPicked?: boolean;
  fault: Fault | null;
  /**
   * Updates in a row, up to now, whose gradient never reached the first layer: every example of
   * each batch had all its first-layer deltas 0 (the ReLUs of a hidden layer all off), so backprop
   * changed nothing below that layer.
   */
  silentUpdates: number;
  /**
   * What backToBeforeChange goes back to: the trained state (update > 0) the divergence guard goes
   * back to, kept before the last settings change that kept the network (or brought back by Undo,
   * an opened model, an experiment's end), named as the guard names it. Absent when there is none
   * (a fresh network's is its starting weights: Reset's), when it is the state on screen, or when
   * its last epoch read like a guess or had most of a layer stuck (nothing better to go back to).
   */
  beforeChange?: { step: number; what: string };
  /** Updates per second actually achieved while playing. */
  updatesPerSecond: number;
}

/** Everything one stepExample computed, for the lesson's views. */
export interface ExampleStep {
  example: ExampleRef;
  /** Position of this example in its batch (0-based) and the batch's size. */
  positionInBatch: number;
  batchSize: number;
  /** a[l] and z[l] for layers 0..L (z[0] empty). */
  activations: Float32Array[];
  weightedInputs: Float32Array[];
  /** delta[l] = dC/dz for layers 1..L (delta[0] empty). */
  deltas: Float32Array[];
  cost: number;
  /** This example's gradient column, params layout. */
  gradient: Float32Array;
  /** Mean of the gradient columns of the batch so far. */
  runningAverage: Float32Array;
  /** The parameters the example was computed with. */
  params: Float32Array;
  /**
   * On a batch's first example, with momentum on: the momentum part of the batch's coming update,
   * −α·μ·v from the velocity the batch starts with (known before any gradient of the batch; the
   * same numbers as the update's momentumTerm, unless α or μ change meanwhile). `update`: the
   * updates applied before this batch.
   */
  momentumAhead?: MomentumAhead;
}

/** The momentum part of a batch's update, known at its start (ExampleStep.momentumAhead). */
export interface MomentumAhead {
  values: Float32Array;
  learningRate: number;
  momentum: number;
  update: number;
}

/** The weight-matrix table's example columns: at most this many per batch (the average covers all). */
export const TABLE_COLUMNS = 64;

/** What the weight-matrix table shows of an example: its image, its place in the batch and its gradient column. */
export type TableColumn = Pick<ExampleStep, 'example' | 'positionInBatch' | 'gradient'>;

/** Result of stepUpdate: the update that was applied, for the weight-matrix table. */
export interface UpdateStep {
  /**
   * The examples Step batch ran that had not been stepped, in order, up to TABLE_COLUMNS columns in
   * the batch, so the table shows every example of the average: only what the table shows (a whole
   * ExampleStep each was 3.4 MB a click at the defaults, half of it never read). None for an update
   * that diverged (undone).
   */
  columns: TableColumn[];
  /** Mean gradient over the whole batch. */
  averageGradient: Float32Array;
  /** The change applied to each parameter: -alpha * average (+ momentum term). */
  applied: Float32Array;
  /** The momentum part of `applied` (zeros when momentum is off). */
  momentumTerm: Float32Array;
  batchSize: number;
  /** α of this update (the schedule's rate at it). */
  learningRate: number;
  costBefore: number;
  costAfter: number;
  /** The update ran away and was undone by the divergence guard (the snapshot's fault explains). */
  diverged?: boolean;
}

/** Enough to resume training exactly where it was. */
export interface Checkpoint {
  settings: Settings;
  params: Float32Array;
  velocity: Float32Array | null;
  rngState: number[];
  order: Uint32Array;
  step: number;
  epoch: number;
  positionInEpoch: number;
  costSteps: Float64Array;
  /** As Snapshot.costFirsts (absent in sessions saved before it was kept). */
  costFirsts?: Float64Array;
  costValues: Float32Array;
  epochs: EpochRecord[];
  /** As Snapshot.untrained (absent in sessions saved before it existed: measured again from the seed). */
  untrained?: EpochRecord | null;
  /** The current epoch's rates so far (absent in sessions saved before it existed). */
  epochRates?: RateChange[];
  nextExampleOverride: number | null;
  /**
   * The swaps in `order` that the pick made ([position, from] pairs, in order), so a reload can
   * still take it back (absent in sessions saved before: the picked image then stays).
   */
  pickSwaps?: [number, number][];
  /**
   * The current epoch so far: its batches' summed cost and example count (its record's train
   * cost) and its training time (absent in sessions saved before they were kept: from 0).
   */
  epochSoFar?: { costSum: number; costCount: number; trainMs: number };
  /**
   * As Snapshot.confusion: the test set's confusion matrix at the latest evaluation (absent in
   * sessions saved before it was kept: measured again when the weights are still those of that
   * evaluation, else none until the next epoch's end).
   */
  confusion?: Uint32Array | null;
  /**
   * The last update's batch cost, as Snapshot.cost (absent in sessions saved before it was kept:
   * the cost history's last point, which averages several updates once the history is thinned).
   */
  lastCost?: number | null;
}
