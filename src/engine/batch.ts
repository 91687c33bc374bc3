/** The contract's batch functions on Float32 inputs: predict and lossAndGradient (means over the batch). */
import { fits, Workspace } from './kernel';
import { paramCount } from './layout';
import type { Network, NetworkSpec } from './types';

let shared: Workspace | null = null;
/** Whether the shared workspace's gradient sum may be nonzero. */
let sumDirty = true;

/** A workspace for this spec, reused between calls (single-threaded, never re-entered). */
export function workspaceFor(spec: NetworkSpec): Workspace {
  if (!shared || !fits(shared, spec)) {
    shared = new Workspace(spec);
    sumDirty = true;
  }
  return shared;
}

function check(net: Network, inputs: Float32Array, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  const need = count * net.spec.sizes[0];
  if (inputs.length < need) throw new RangeError(`inputs hold ${inputs.length} values, ${count} examples need ${need}`);
  if (net.params.length !== paramCount(net.spec)) {
    throw new RangeError(`params hold ${net.params.length} values, the spec needs ${paramCount(net.spec)}`);
  }
}

/** Output activations a^(L) for `count` examples: count * n_L numbers (softmax probabilities or sigmoid activations). */
export function predict(net: Network, inputs: Float32Array, count: number): Float32Array {
  check(net, inputs, count);
  const ws = workspaceFor(net.spec);
  ws.bind(net.params);
  const n0 = ws.sizes[0];
  const nL = ws.sizes[ws.L];
  const out = new Float32Array(count * nL);
  const a = ws.a[ws.L];
  for (let e = 0; e < count; e++) {
    ws.setFloatInput(inputs, e * n0);
    ws.forward();
    for (let j = 0; j < nL; j++) out[e * nL + j] = a[j];
  }
  return out;
}

/** Mean cost C = (1/n) sum_x C_x and its gradient (1/n) sum_x dC_x/dtheta, in the params layout (a new array). */
export function lossAndGradient(
  net: Network,
  inputs: Float32Array,
  labels: Uint8Array,
  count: number,
): { loss: number; grad: Float32Array } {
  check(net, inputs, count);
  if (labels.length < count) throw new RangeError(`labels hold ${labels.length} values, need ${count}`);
  const ws = workspaceFor(net.spec);
  ws.bind(net.params);
  // the shared workspace's sum is zero after a completed call (writeGradient clears it); not after a throw
  if (sumDirty) ws.clearGradient();
  sumDirty = true;
  const n0 = ws.sizes[0];
  const classes = ws.sizes[ws.L];
  let total = 0;
  for (let e = 0; e < count; e++) {
    const label = labels[e];
    if (label >= classes) throw new RangeError(`label ${label} of example ${e} is not in 0..${classes - 1}`);
    ws.setFloatInput(inputs, e * n0);
    ws.forward();
    total += ws.costAndDelta(label);
    ws.backward();
  }
  const grad = new Float32Array(paramCount(net.spec));
  if (count > 0) ws.writeGradient(grad, 1 / count, true);
  sumDirty = false;
  if (count === 0) return { loss: 0, grad };
  return { loss: total / count, grad };
}
