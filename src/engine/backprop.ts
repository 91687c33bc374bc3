/** The lesson's backward pass for ONE example: delta = dC/dz for every layer, and the example's gradient column. */
import { ACTIVATION_FUNCTIONS } from './activations';
import { forward64, traceOf, type ForwardTrace } from './forward';
import { layerOffsets } from './layout';
import { LOSS_FUNCTIONS } from './losses';
import type { Network } from './types';

export interface BackwardTrace {
  /**
   * delta[l] = dC/dz^(l) for l = 1..L; delta[0] is empty. In float64: the summed wishes
   * -sum_j w_jk delta_j can cancel to a millionth of their terms, and float32 deltas then gave
   * their second digit wrong ("+6.3×10⁻⁷" for 6.4×10⁻⁷; a maths review).
   */
  delta: Float64Array[];
  /** The example's cost C. */
  cost: number;
}

/**
 * delta^(L) from the loss (mse: 2(a - y) sigma'(z); bce and cce: a - y), then for hidden
 * layers delta_k = f'(z_k) * dC/da_k with dC/da_k = sum_j w_jk delta_j (a sum over paths).
 * z, a and f'(z) are recomputed in float64 from the trace's input and the network's parameters,
 * as the training kernel keeps them (the trace's z and a are rounded to float32 for display).
 */
export function backwardTrace(net: Network, trace: ForwardTrace, label: number): BackwardTrace {
  return backwardFrom(net, forward64(net, trace.a[0], net.params).z, label);
}

/** backwardTrace from the float64 z of every layer (exampleGradient's one forward pass gives them). */
function backwardFrom(net: Network, z: Float64Array[], label: number): BackwardTrace {
  const { sizes } = net.spec;
  const L = sizes.length - 1;
  if (!Number.isInteger(label) || label < 0 || label >= sizes[L])
    throw new RangeError(`label ${label} is not in 0..${sizes[L] - 1}`);
  const act = ACTIVATION_FUNCTIONS[net.spec.activation];
  const loss = LOSS_FUNCTIONS[net.spec.loss];
  const o = layerOffsets(sizes);
  const p = net.params;
  // a and f'(z) from z in float64, not from the trace's float32 a: near saturation (a within
  // ~1e-7 of 0 or 1) a rounded to float32 makes a(1 - a) or 1 - a^2 wrong or 0
  const zL = z[L];
  const aL = new Float64Array(sizes[L]);
  loss.activate(zL, aL, sizes[L]);
  const dL = new Float64Array(sizes[L]);
  loss.delta(zL, aL, sizes[L], label, dL);
  const cost = loss.cost(zL, aL, sizes[L], label);
  const delta: Float64Array[] = new Array(L + 1);
  delta[0] = new Float64Array(0);
  delta[L] = dL;
  let next = dL;
  for (let l = L - 1; l >= 1; l--) {
    const n = sizes[l];
    const nNext = sizes[l + 1];
    const d = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let dCda = 0;
      for (let j = 0; j < nNext; j++) dCda += p[o.weights[l + 1] + j * n + k] * next[j];
      d[k] = dCda * act.derivative(z[l][k]);
    }
    delta[l] = d;
    next = d;
  }
  return { delta, cost };
}

/** Everything one example contributes: its trace, deltas, cost and gradient column (dC/dw_jk = a_k delta_j, dC/db_j = delta_j). */
export function exampleGradient(
  net: Network,
  input: Float32Array,
  label: number,
): { trace: ForwardTrace; delta: Float64Array[]; grad: Float32Array; cost: number } {
  // one float64 forward pass: rounded for the trace shown, whole for the deltas
  const forward = forward64(net, input, net.params);
  const trace = traceOf(forward, input);
  const { delta, cost } = backwardFrom(net, forward.z, label);
  const { sizes } = net.spec;
  const o = layerOffsets(sizes);
  const grad = new Float32Array(o.total);
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1];
    const a = trace.a[l - 1];
    const d = delta[l];
    for (let j = 0; j < sizes[l]; j++) {
      grad[o.biases[l] + j] = d[j];
      for (let k = 0; k < nIn; k++) grad[o.weights[l] + j * nIn + k] = a[k] * d[j];
    }
  }
  return { trace, delta, grad, cost };
}
