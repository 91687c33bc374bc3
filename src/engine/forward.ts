/** The lesson's forward pass for ONE example, written plainly: every z and a kept. */
import { ACTIVATION_FUNCTIONS } from './activations';
import { layerOffsets } from './layout';
import { LOSS_FUNCTIONS } from './losses';
import type { Network } from './types';

/** z[l] and a[l] for l = 0..L; a[0] is the input, z[0] is empty. */
export interface ForwardTrace {
  z: Float32Array[];
  a: Float32Array[];
}

/**
 * z^(l) = W^(l) a^(l-1) + b^(l); a^(l) = f(z^(l)) for hidden layers, the loss's output
 * nonlinearity at L; summed in float64 with the parameters `params` (the network's, or a
 * float64 copy with one of them moved). backwardTrace's deltas start from this z, not the trace's float32.
 */
export function forward64(
  net: Network,
  input: Float32Array,
  params: ArrayLike<number>,
): { z: Float64Array[]; a: Float64Array[] } {
  const { sizes } = net.spec;
  if (input.length !== sizes[0])
    throw new RangeError(`input holds ${input.length} values, the network takes ${sizes[0]}`);
  const L = sizes.length - 1;
  const act = ACTIVATION_FUNCTIONS[net.spec.activation];
  const loss = LOSS_FUNCTIONS[net.spec.loss];
  const o = layerOffsets(sizes);
  const z: Float64Array[] = [new Float64Array(0)];
  const a: Float64Array[] = [Float64Array.from(input)];
  for (let l = 1; l <= L; l++) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const prev = a[l - 1];
    const zl = new Float64Array(nOut);
    const al = new Float64Array(nOut);
    for (let j = 0; j < nOut; j++) {
      let s = params[o.biases[l] + j];
      for (let k = 0; k < nIn; k++) s += params[o.weights[l] + j * nIn + k] * prev[k];
      zl[j] = s;
    }
    if (l < L) for (let j = 0; j < nOut; j++) al[j] = act.output(zl[j]);
    else loss.activate(zl, al, nOut);
    z.push(zl);
    a.push(al);
  }
  return { z, a };
}

/** Every z and a of one example, as the lesson shows them (float32; a[0] is the input itself). */
export function forwardTrace(net: Network, input: Float32Array): ForwardTrace {
  return traceOf(forward64(net, input, net.params), input);
}

/** A float64 forward pass of `input` rounded to the trace the lesson shows. */
export function traceOf({ z, a }: { z: Float64Array[]; a: Float64Array[] }, input: Float32Array): ForwardTrace {
  return {
    z: z.map((v) => Float32Array.from(v)),
    a: a.map((v, l) => (l === 0 ? input.slice() : Float32Array.from(v))),
  };
}

/**
 * The example's cost in float64 throughout, with parameter `index` read as `value` (a float64,
 * not rounded to the float32 the network stores): a finite difference of this in one weight
 * is accurate to ~1e-8 with a step of 1e-4, where float32 costs lose several digits.
 */
export function costWith(net: Network, input: Float32Array, label: number, index: number, value: number): number {
  const params = Float64Array.from(net.params);
  params[index] = value;
  const { z, a } = forward64(net, input, params);
  const L = net.spec.sizes.length - 1;
  return LOSS_FUNCTIONS[net.spec.loss].cost(z[L], a[L], net.spec.sizes[L], label);
}
