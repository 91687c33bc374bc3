/**
 * Nudges: the desired changes (minus the gradient, before the learning rate) - the
 * lecture's three ways to increase a neuron: its bias, its weights in proportion to
 * a_k, and the previous activations in proportion to w_jk.
 */
import type { ForwardTrace } from './forward';
import { layerOffsets } from './layout';
import type { Network } from './types';

export interface NeuronNudges {
  /** The change wanted in z_j: -delta_j. */
  desired: number;
  /** -dC/db_j = -delta_j. */
  bias: number;
  /** -dC/dw_jk = -a_k delta_j for each incoming weight ("in proportion to a_k"). */
  weights: Float32Array;
  /** This neuron's share of the change asked of each a_k: -w_jk delta_j ("in proportion to w_jk"). */
  activations: Float32Array;
}

function checkNeuron(net: Network, layer: number, j: number): void {
  const { sizes } = net.spec;
  if (!Number.isInteger(layer) || layer < 1 || layer >= sizes.length)
    throw new RangeError(`layer ${layer} is not in 1..${sizes.length - 1}`);
  if (!Number.isInteger(j) || j < 0 || j >= sizes[layer])
    throw new RangeError(`neuron ${j} is not in 0..${sizes[layer] - 1}`);
}

/** The nudges for neuron j of `layer` (1..L). */
export function neuronNudges(
  net: Network,
  trace: ForwardTrace,
  delta: readonly ArrayLike<number>[],
  layer: number,
  j: number,
): NeuronNudges {
  checkNeuron(net, layer, j);
  const nIn = net.spec.sizes[layer - 1];
  const base = layerOffsets(net.spec.sizes).weights[layer] + j * nIn;
  const dj = delta[layer][j];
  const a = trace.a[layer - 1];
  const weights = new Float32Array(nIn);
  const activations = new Float32Array(nIn);
  for (let k = 0; k < nIn; k++) {
    weights[k] = -a[k] * dj;
    activations[k] = -net.params[base + k] * dj;
  }
  return { desired: -dj, bias: -dj, weights, activations };
}

/** For each neuron k of layer-1: the change it is asked for, summed over all neurons j of `layer`: -sum_j w_jk delta_j (= -dC/da_k). */
export function layerWishes(net: Network, delta: readonly ArrayLike<number>[], layer: number): Float32Array {
  const { sizes } = net.spec;
  checkNeuron(net, layer, 0);
  const nIn = sizes[layer - 1];
  const w = layerOffsets(sizes).weights[layer];
  const sum = new Float64Array(nIn);
  for (let j = 0; j < sizes[layer]; j++) {
    const dj = delta[layer][j];
    for (let k = 0; k < nIn; k++) sum[k] -= net.params[w + j * nIn + k] * dj;
  }
  return Float32Array.from(sum);
}
