/**
 * Creating a network: seeded initial weights suited to the activation, biases 0.
 * A layer followed by relu gets He init, U(-sqrt(6/n_in), +sqrt(6/n_in)); a layer
 * followed by sigmoid, tanh, or the output layer (sigmoid / softmax) gets Glorot (Xavier),
 * U(-sqrt(6/(n_in+n_out)), +sqrt(6/(n_in+n_out))).
 */
import { ACTIVATION_FUNCTIONS } from './activations';
import { layerOffsets, MAX_PARAMS } from './layout';
import { LOSS_FUNCTIONS } from './losses';
import { createRng, uniform } from './rng';
import type { Network, NetworkSpec } from './types';

/** Throws a clear error unless the spec describes a network the engine can build. */
export function validateSpec(spec: NetworkSpec): void {
  const { sizes } = spec;
  if (!Array.isArray(sizes) || sizes.length < 2)
    throw new Error(`sizes must list at least an input and an output layer, got ${JSON.stringify(sizes)}`);
  for (const n of sizes)
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`layer sizes must be positive integers, got ${JSON.stringify(sizes)}`);
  const count = layerOffsets(sizes).total;
  if (count > MAX_PARAMS)
    throw new Error(
      `a network of ${count.toLocaleString('en')} parameters is more than the engine's ${MAX_PARAMS.toLocaleString('en')}`,
    );
  if (!(spec.activation in ACTIVATION_FUNCTIONS))
    throw new Error(`unknown activation '${spec.activation}' (sigmoid, relu or tanh)`);
  if (!(spec.loss in LOSS_FUNCTIONS)) throw new Error(`unknown loss '${spec.loss}' (mse, binary-ce or categorical-ce)`);
  if (spec.loss === 'categorical-ce' && sizes[sizes.length - 1] < 2)
    throw new Error('categorical-ce needs at least 2 outputs');
  if (!Number.isFinite(spec.seed)) throw new Error(`seed must be a finite number, got ${spec.seed}`);
}

/** A new network; the same spec (and seed) always gives the same parameters. */
export function createNetwork(spec: NetworkSpec): Network {
  validateSpec(spec);
  const own: NetworkSpec = { sizes: spec.sizes.slice(), activation: spec.activation, loss: spec.loss, seed: spec.seed };
  const { sizes } = own;
  const L = sizes.length - 1;
  const offsets = layerOffsets(sizes);
  const params = new Float32Array(offsets.total);
  const rng = createRng(own.seed);
  const hiddenInit = ACTIVATION_FUNCTIONS[own.activation].init;
  for (let l = 1; l <= L; l++) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const init = l < L ? hiddenInit : 'glorot';
    const limit = init === 'he' ? Math.sqrt(6 / nIn) : Math.sqrt(6 / (nIn + nOut));
    const w = offsets.weights[l];
    for (let i = 0; i < nIn * nOut; i++) params[w + i] = uniform(rng, limit);
    // biases stay 0
  }
  return { spec: own, params };
}
