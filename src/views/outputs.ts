/**
 * The network's answer in words, as every view says it: the brightest output is its answer;
 * only softmax outputs (categorical cross-entropy) are probabilities, sigmoid outputs (mse,
 * binary-ce) are activations (docs/ARCHITECTURE.md).
 */
import type { NetworkSpec } from '../engine';
import { probability, sig } from './controls/format';

/** The brightest output: the network's answer (the first on ties). */
export function brightest(a: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
  return best;
}

/** Whether this network's outputs are probabilities (softmax), not sigmoid activations. */
export function outputsAreProbabilities(spec: Pick<NetworkSpec, 'loss'>): boolean {
  return spec.loss === 'categorical-ce';
}

/** An output value in words: a probability ("62.0%"), or a sigmoid output's activation ("a = 0.831"). */
export function outputValue(v: number, probabilities: boolean): string {
  return probabilities ? probability(v) : `a = ${sig(v, 3)}`;
}
