/**
 * Where each parameter lives in the flat vector: for l = 1..L, W_l row-major [out][in]
 * then b_l [out]. 784-16-16-10 gives 13,002 numbers, the lecture's w_0..w_13,001.
 */
import type { NetworkSpec } from './types';

/** Offsets of W_l and b_l for every layer l = 1..L (index 0 unused). */
export interface LayerOffsets {
  weights: number[];
  biases: number[];
  total: number;
}

/**
 * The most parameters a network may have (2^28, about 268 million; the lecture's has 13,002).
 * The kernels rely on it: every index into their arrays is below it, so `i & INDEX_MASK` is i,
 * and writing an index so tells V8 it is small: i + c then fits an int32 and V8 drops the
 * overflow check it otherwise makes on every such addition. The kernels write it as the
 * literal 0xfffffff (kernel.ts says why).
 */
export const MAX_PARAMS = 2 ** 28;
export const INDEX_MASK = MAX_PARAMS - 1;

const cache = new WeakMap<readonly number[], LayerOffsets>();

/** Offsets of every layer's weights and biases. */
export function layerOffsets(sizes: readonly number[]): LayerOffsets {
  let o = cache.get(sizes);
  if (o) return o;
  const weights = [0];
  const biases = [0];
  let at = 0;
  for (let l = 1; l < sizes.length; l++) {
    weights.push(at);
    at += sizes[l] * sizes[l - 1];
    biases.push(at);
    at += sizes[l];
  }
  o = { weights, biases, total: at };
  cache.set(sizes, o);
  return o;
}

/** Number of parameters: sum over layers of n_l * n_(l-1) + n_l. */
export function paramCount(spec: Pick<NetworkSpec, 'sizes'>): number {
  return layerOffsets(spec.sizes).total;
}

function checkLayer(spec: Pick<NetworkSpec, 'sizes'>, layer: number, j: number): void {
  const L = spec.sizes.length - 1;
  if (!Number.isInteger(layer) || layer < 1 || layer > L) throw new RangeError(`layer ${layer} is not in 1..${L}`);
  if (!Number.isInteger(j) || j < 0 || j >= spec.sizes[layer]) {
    throw new RangeError(`neuron ${j} is not in 0..${spec.sizes[layer] - 1} of layer ${layer}`);
  }
}

/** Index of w_jk^(layer): the weight from neuron k of layer-1 to neuron j of layer. */
export function paramIndex(spec: Pick<NetworkSpec, 'sizes'>, layer: number, j: number, k: number): number {
  checkLayer(spec, layer, j);
  const n = spec.sizes[layer - 1];
  if (!Number.isInteger(k) || k < 0 || k >= n)
    throw new RangeError(`input ${k} is not in 0..${n - 1} of layer ${layer - 1}`);
  return layerOffsets(spec.sizes).weights[layer] + j * n + k;
}

/** Index of b_j^(layer). */
export function biasIndex(spec: Pick<NetworkSpec, 'sizes'>, layer: number, j: number): number {
  checkLayer(spec, layer, j);
  return layerOffsets(spec.sizes).biases[layer] + j;
}

export type ParamDescription =
  { layer: number; kind: 'weight'; j: number; k: number } | { layer: number; kind: 'bias'; j: number; k?: undefined };

/** The inverse of paramIndex / biasIndex. */
export function describeParam(spec: Pick<NetworkSpec, 'sizes'>, index: number): ParamDescription {
  const o = layerOffsets(spec.sizes);
  if (!Number.isInteger(index) || index < 0 || index >= o.total) {
    throw new RangeError(`parameter ${index} is not in 0..${o.total - 1}`);
  }
  for (let l = spec.sizes.length - 1; l >= 1; l--) {
    if (index >= o.biases[l]) return { layer: l, kind: 'bias', j: index - o.biases[l] };
    if (index >= o.weights[l]) {
      const r = index - o.weights[l];
      const n = spec.sizes[l - 1];
      return { layer: l, kind: 'weight', j: Math.floor(r / n), k: r % n };
    }
  }
  throw new RangeError(`parameter ${index} not found`); // unreachable
}
