import {
  DEFAULT_TRAINING,
  LECTURE_SETTINGS,
  learningRateAt,
  mostlyStuckLayer,
  type TrainingSettings,
} from '../../engine';
import { curveName } from '../../protocol/names';
import { GUESSING_BELOW, type EpochRecord } from '../../protocol/snapshot';
import { MAX_LEARNING_RATE, MIN_LEARNING_RATE, type Settings } from '../../protocol/settings';

/** Updates over which a cost that does not move at all means training has stalled. */
export const STALL_UPDATES = 200;

/**
 * True when the cost per update has not moved (relative range under 1e-5) over the last
 * `span` updates. A learning network's mini-batch costs differ from batch to batch; a
 * flat one is the mark of saturated neurons (f′(z) = 0 everywhere: sigmoids pinned at 0
 * or 1), where backprop has no gradient left. `steps` / `values` are the snapshot's cost
 * history (update number and cost, possibly averaged in runs).
 */
export function costStalled(steps: ArrayLike<number>, values: ArrayLike<number>, span = STALL_UPDATES): boolean {
  const n = Math.min(steps.length, values.length);
  if (n === 0) return false;
  const last = steps[n - 1];
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  let i = n - 1;
  for (; i >= 0 && steps[i] >= last - span; i--, count++) {
    const v = values[i];
    if (!Number.isFinite(v)) return false;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // the window must reach back the whole span (an earlier point exists) and hold a few points
  if (i < 0 || count < 5) return false;
  return hi - lo <= 1e-5 * Math.max(1e-3, Math.abs(hi));
}

/**
 * A stall the notice shows: the cost sat still at `cost` ('flat'), or no gradient reached the
 * first layer ('silent'); `since` is the update at which it was first seen.
 */
export type Stall = { kind: 'flat'; cost: number; since: number } | { kind: 'silent'; since: number };

/**
 * The stall the notice shows, given the one it showed (`held`) and what the latest snapshot
 * says (`seen`; null: no sign of a stall now). Once shown it holds: a dead layer still lets one
 * example's gradient through now and then, which restarted the count of silent updates, and the
 * notice (with its "Start again" button) came and went every 0.3-4 s while training played. It
 * goes when the run goes back before it (a Reset, an Undo, a restore, a new network), or when an
 * epoch measured after it reads better than a guess (the network learns after all).
 */
export function heldStall(
  held: Stall | null,
  seen: Stall | null,
  step: number,
  epochs: readonly Pick<EpochRecord, 'step' | 'testAccuracy'>[],
): Stall | null {
  if (held && step >= held.since) {
    const last = epochs[epochs.length - 1];
    // (strictly after: an epoch at the very update a stall is seen again would release it each render)
    const learns = last !== undefined && last.step > held.since && notLearning([last]) === null;
    if (!learns) return seen ? { ...seen, since: held.since } : held;
    // (an epoch that reads better than a guess releases it; a stall seen again after it is new)
    return seen && last.step < seen.since ? seen : null;
  }
  return seen;
}

/**
 * Whether a held stall's notice speaks, rather than the "not learning" one. A silent first layer
 * comes and goes, and an epoch measured since it was first seen that reads like a guess says
 * more (the accuracy, over the whole test set); a flat cost stays true and names the exact C, so
 * it keeps the word (the lecture's saturated sigmoids).
 */
export function stallSpeaks(stall: Stall, epochs: readonly Pick<EpochRecord, 'step' | 'testAccuracy'>[]): boolean {
  if (stall.kind === 'flat') return true;
  const last = epochs[epochs.length - 1];
  return !(last !== undefined && last.step >= stall.since && notLearning([last]) !== null);
}

/** The same stall, said the same way (for holding it in state without a render loop). */
export function sameStall(a: Stall | null, b: Stall | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.since === b.since && (a.kind !== 'flat' || (b.kind === 'flat' && a.cost === b.cost));
}

/**
 * Under this many updates, a network still guessing after an epoch has simply not stepped
 * enough (gradient descent makes one update per epoch, and the schedule lowers α after each):
 * not a network killed by steps too big, and a smaller α would make it worse.
 */
export const FEW_UPDATES = 300;

/** Epochs a constant rate is given before "too few updates" is said: full-batch GD's first update reads ~16%. */
export const FEW_UPDATES_PATIENCE = 3;

/**
 * Whether "still guessing, but only N updates" is worth saying. With a schedule lowering α each
 * epoch it is, from the first epoch: the schedule is the cause, and keeping α at α₀ the fix. With a
 * constant α it waits a few epochs: the app's own full-batch preset (α 0.2) reads 16% after its one
 * update and 31% after two, and the note looked as if the app objected to the preset it offered.
 */
export function fewUpdatesSpeaks(step: number, epochCount: number, schedule: Settings['schedule']): boolean {
  return step < FEW_UPDATES && (schedule !== 'constant' || epochCount >= FEW_UPDATES_PATIENCE);
}

/**
 * The last epoch's test accuracy when it is no better than guessing (under 20%; chance is 10%),
 * else null. After a whole epoch any network that learns reads most digits; one that does not
 * has dead or saturated neurons, though its cost may still move (so costStalled misses it).
 */
export function notLearning(epochs: readonly { testAccuracy: number }[]): number | null {
  const last = epochs[epochs.length - 1];
  return last && Number.isFinite(last.testAccuracy) && last.testAccuracy < GUESSING_BELOW ? last.testAccuracy : null;
}

/**
 * A rate to go on or start again with after a divergence or a stall: a tenth of this one, at
 * most the defaults' rate for this network, scaled for momentum (which multiplies the step by
 * up to 1 / (1 − μ)) and, for a batch smaller than the defaults', by batch / theirs (one
 * example's gradient is far noisier than a batch's average). Only a tenth of 100 was 10, which
 * diverged again, and then 1, which trained a dead network to 11%; one-example SGD at α₀ 5 was
 * offered 0.2, which trained a dead network too (11% after 12 epochs; a review): now 0.00625,
 * near the one-example preset's 0.005.
 */
export function saferRate(settings: Settings): number {
  const usual = measuredTraining(settings) ?? DEFAULT_TRAINING;
  const smaller = Math.min(1, settings.batchSize / usual.batchSize);
  const rate = Number(
    Math.min(settings.learningRate / 10, usualStepAt(usual, settings.momentum) * smaller).toPrecision(3),
  );
  return Math.max(rate, MIN_LEARNING_RATE);
}

/**
 * Why a network still guesses after an epoch, from that epoch's count of stuck neurons (dead or
 * saturated: engine/stuck.ts): 'wrecked' when most of a layer's are stuck (steps too big
 * pushed them where f′(z) = 0), 'too-small' when no layer is (its neurons still respond: the steps
 * are too small to get anywhere; the lecture's σ network at the defaults' α = 0.02 read 11% after
 * an epoch, and 87% at 0.2), 'unknown' for an epoch saved before the count was kept.
 */
export type WhyGuessing =
  { kind: 'wrecked'; layer: number; stuck: number; size: number } | { kind: 'too-small' } | { kind: 'unknown' };

export function whyGuessing(last: { stuck?: unknown } | undefined, sizes: readonly number[]): WhyGuessing {
  const stuck = last?.stuck;
  if (
    !Array.isArray(stuck) ||
    stuck.length !== sizes.length - 1 ||
    !stuck.every((n, l) => Number.isInteger(n) && n >= 0 && n <= sizes[l + 1])
  )
    return { kind: 'unknown' };
  const layer = mostlyStuckLayer(stuck as number[], sizes);
  return layer ? { kind: 'wrecked', ...layer } : { kind: 'too-small' };
}

/**
 * A rate to start again with when the steps were too small: this network's usual step at this
 * momentum (the rate chosen by measurement for the lecture's network or the defaults', the
 * defaults' for any other, scaled down for a smaller batch as saferRate does) when α₀ is below it,
 * else ten times α₀; at most MAX_LEARNING_RATE.
 */
export function largerRate(settings: Settings): number {
  // (the defaults' step for a network without a measured rate, as saferRate: ten times 0.0001 was
  // 0.001 for σ + cross-entropy, still guessing; 0.2 reads 90% there: a review)
  const usual = measuredTraining(settings) ?? DEFAULT_TRAINING;
  const smaller = Math.min(1, settings.batchSize / usual.batchSize);
  const step = Number((usualStepAt(usual, settings.momentum) * smaller).toPrecision(3));
  const rate = step > settings.learningRate ? step : Number((settings.learningRate * 10).toPrecision(3));
  return Math.min(rate, MAX_LEARNING_RATE);
}

/**
 * A batch that makes enough updates, for a network still guessing after too few (gradient descent:
 * one update an epoch): the batch this network's rate was measured at (the lesson's 16 or the
 * defaults' 32), with the α₀ that takes that usual step at this momentum; null when the batch is no
 * larger. The few-updates notice said "take a smaller batch" in words only (the lecture's network at
 * batch 50,000 and α₀ 2 still guessed after "Keep α at α₀": a review).
 */
export function smallerBatch(settings: Settings): { batchSize: number; learningRate: number } | null {
  const usual = measuredTraining(settings) ?? DEFAULT_TRAINING;
  if (settings.batchSize <= usual.batchSize) return null;
  return { batchSize: usual.batchSize, learningRate: usualRate(usual, settings.momentum) };
}

/** The training settings chosen by measurement for this network: the lesson's (σ, (a − y)²) or the defaults' (ReLU, categorical cross-entropy); null for others. */
function measuredTraining(settings: Settings): TrainingSettings | null {
  if (settings.activation === 'sigmoid' && settings.loss === 'mse') return LECTURE_SETTINGS;
  if (settings.activation === 'relu' && settings.loss === 'categorical-ce') return DEFAULT_TRAINING;
  return null;
}

/** The rate that takes `usual`'s step, α / (1 − μ), at momentum `momentum`. */
function usualStepAt(usual: TrainingSettings, momentum: number): number {
  return (usual.learningRate / (1 - usual.momentum)) * (1 - momentum);
}

/** usualStepAt as a rate to offer: three figures, at least MIN_LEARNING_RATE. */
function usualRate(usual: TrainingSettings, momentum: number): number {
  return Math.max(MIN_LEARNING_RATE, Number(usualStepAt(usual, momentum).toPrecision(3)));
}

/** Below this test accuracy after an epoch, a network at a rate far above its usual one is said to overshoot. */
export const POOR_ACCURACY = 0.85;
/** How many times its usual step (α / (1 − μ) at that epoch) a step must be to be called far above it. */
const FAR_ABOVE = 5;

export interface Overshoot {
  accuracy: number;
  /** The epoch, and the largest rate its updates used. */
  epoch: number;
  used: number;
  /** This network's usual rate at that epoch, and α₀ to start again with (the usual step at this momentum). */
  usual: number;
  restart: number;
  times: number;
  /** This network's usual α₀, the α₀ this run started at, and how many times the usual step it is. */
  usualStart: number;
  /** The momentum this network's usual rate goes with. */
  usualMomentum: number;
  started: number;
  startTimes: number;
}

/**
 * The last epoch when a network read poorly (from 20% up to POOR_ACCURACY of the test digits)
 * after training at a step FAR_ABOVE its usual one or more, else null. The rate is the one the
 * epoch's updates used (a rate typed in after it changes nothing here). Only the two networks
 * whose rate was chosen by measurement have a usual rate: the lesson's (σ, (a − y)²) and the
 * defaults' (ReLU, categorical cross-entropy), near their batch sizes. The lecture's network at
 * α₀ = 20 from the start read 37% of the test digits after an epoch (seed 1) with no word: no
 * divergence, no stall, no climb after a change.
 */
export function overshooting(
  epochs: readonly Pick<EpochRecord, 'testAccuracy' | 'epoch' | 'learningRate' | 'rates'>[],
  settings: Settings,
): Overshoot | null {
  const last = epochs[epochs.length - 1];
  if (!last || !Number.isFinite(last.testAccuracy) || last.epoch < 1) return null;
  if (last.testAccuracy < GUESSING_BELOW || last.testAccuracy >= POOR_ACCURACY) return null;
  const usual = measuredTraining(settings);
  // that rate was measured at that batch size: a batch far from it has a usual rate of its own
  // (full-batch GD's preset takes 10x the defaults' step, and rightly)
  if (!usual || settings.batchSize < usual.batchSize / 4 || settings.batchSize > usual.batchSize * 4) return null;
  const used = Math.max(last.learningRate, ...(last.rates ?? []).map((r) => r.rate));
  const usualThen = learningRateAt(usual.learningRate, usual.schedule, last.epoch - 1);
  const times = used / (1 - settings.momentum) / (usualThen / (1 - usual.momentum));
  // (with a float's slack: α 1 without momentum is 5 times the defaults' step, and computed 4.999…)
  if (times < FAR_ABOVE * (1 - 1e-9)) return null;
  const restart = usualRate(usual, settings.momentum);
  // the α₀ this run trained with: its first epoch's first rate (α₀ changed since is not where it started)
  const first = epochs.find((e) => e.epoch >= 1);
  const started = first?.rates?.[0]?.rate ?? first?.learningRate ?? settings.learningRate;
  const startTimes = started / (1 - settings.momentum) / (usual.learningRate / (1 - usual.momentum));
  return {
    accuracy: last.testAccuracy,
    epoch: last.epoch,
    used,
    usual: usualThen,
    restart,
    times,
    usualStart: usual.learningRate,
    usualMomentum: usual.momentum,
    started,
    startTimes,
  };
}

/**
 * Where this network's neurons have no slope, in words: its hidden activation's own way (the flat
 * ends of σ or tanh, ReLUs that are off), and the output's σ under mse, the one cost whose ∂C/∂z has
 * the factor σ′(z) (both cross-entropies' is a − y, never flat; engine/stuck.ts counts outputs so).
 * The flat-cost stall named σ, tanh and ReLUs together, whichever the network had.
 */
export function flatPlaces(settings: Pick<Settings, 'activation' | 'loss'>): string {
  const hidden =
    settings.activation === 'relu' ? 'ReLUs that are off' : `the flat ends of ${curveName(settings.activation)}`;
  if (settings.loss !== 'mse') return hidden;
  return settings.activation === 'sigmoid'
    ? 'the flat ends of σ, in the hidden layers or the output'
    : `${hidden}, or the output σ’s flat ends`;
}
