/**
 * The divergence guard's rules: when a run has diverged (the lecture's learning rate too high:
 * each step overshoots the minimum), and what the student is told.
 */
import { mostlyStuckLayer, stuckActivationOf, type Activation } from '../engine';
import type { Fault } from '../protocol/snapshot';
import { flatSlope, layerName, stuckWords } from '../protocol/names';
import { sig } from '../protocol/numbers';
// RUNAWAY_WEIGHT: the stable losses keep the cost finite, so waiting for NaN would let training
// wander for ages with dead neurons
import { RUNAWAY_WEIGHT } from '../protocol/model-file';

/**
 * A run that diverges within this many updates of a settings change (a learning rate set too
 * high) goes back to the weights from before the change: the first updates at that rate
 * already wreck the network (ReLUs dead, z in the hundreds) before any weight passes
 * RUNAWAY_WEIGHT, so "the update before" is no place to go on from.
 */
export const DIVERGED_SOON_AFTER = 500;
/** Validation images the ran-away weights' cost is measured on, for the cost chart. */
export const RUNAWAY_COST_IMAGES = 200;
/** Batch-cost points averaged to judge whether a saved state was better than now. */
export const RECENT_COSTS = 20;

/** Largest |w|, or Infinity if any parameter is NaN or infinite. */
function largestWeight(a: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (!(v <= max)) max = Number.isNaN(v) ? Infinity : v;
  }
  return max;
}

/** Whether update `step` is within DIVERGED_SOON_AFTER of the change made at update `changedAt`. */
export function soonAfter(changedAt: number, step: number): boolean {
  return step - changedAt <= DIVERGED_SOON_AFTER;
}

/** Why the run has diverged (the cost is no longer finite, or |w| > RUNAWAY_WEIGHT), or null if it has not. */
export function runawayReason(lastCost: number | null, params: Float32Array): string | null {
  const largest = largestWeight(params);
  const costFinite = Number.isFinite(lastCost ?? 0);
  if (costFinite && largest <= RUNAWAY_WEIGHT) return null;
  return costFinite && Number.isFinite(largest) ? `a weight reached ${sig(largest, 2)}` : 'the cost became infinite';
}

/**
 * The fault the UI explains: the rate that overshot (and α₀, if the schedule had lowered it), why,
 * and what was restored. `stuck` counts the restored weights' stuck neurons per layer
 * (`sizes`: the network's layer sizes): when most of a layer's are stuck, the restored network
 * cannot learn at any rate (tanh at α 50 had pinned every neuron long before a weight ran away),
 * and the message says to start again.
 */
export function divergedFault(
  learningRate: number,
  startRate: number,
  reason: string,
  restored: string,
  runaway: Fault['runaway'],
  stuck: number[],
  sizes: readonly number[],
  activation: Activation,
): Fault {
  // the rate the schedule had lowered α₀ to: a student who typed 50 read "diverged at 35"
  const start =
    sig(learningRate, 4) === sig(startRate, 4) ? '' : ` (α₀ = ${sig(startRate, 4)}, lowered so far by the schedule)`;
  const layer = mostlyStuckLayer(stuck, sizes);
  // the stuck layer's own activation (the output's σ, under mse or binary-ce), and its words
  const stuckAs = layer ? stuckActivationOf(layer.layer, sizes, activation) : activation;
  const { word, how } = stuckWords(stuckAs);
  const next = layer
    ? `, but they were already wrecked: ${layer.stuck} of the ${layer.size} neurons of ${layerName(layer.layer, sizes)} ` +
      `are ${word} (${how}), where ${flatSlope(stuckAs)} and backprop sends ` +
      `nothing through them, so they would not learn at any rate. Start again from the starting weights.`
    : `. Lower the learning rate to go on.`;
  return {
    kind: 'diverged',
    learningRate,
    runaway,
    stuck,
    message:
      `Training diverged at learning rate ${sig(learningRate, 4)}${start}: ${reason}. Each step overshot the minimum and the weights ` +
      `ran away, as the lecture warns about a learning rate that is too high. Training is paused and ` +
      `${restored}${next}`,
  };
}
