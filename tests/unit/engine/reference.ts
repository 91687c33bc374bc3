/**
 * An independent, slow float64 reference for the engine's tests: it shares no code with
 * src/engine, reads the documented params layout itself and writes each formula out.
 */
import type { NetworkSpec } from '../../../src/engine';

const act = {
  sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
  relu: (z: number) => Math.max(0, z),
  tanh: (z: number) => Math.tanh(z),
};

/** Output activations of one example, all in float64. */
export function referenceOutput(spec: NetworkSpec, params: ArrayLike<number>, input: ArrayLike<number>): number[] {
  let a = Array.from(input);
  let at = 0;
  const L = spec.sizes.length - 1;
  for (let l = 1; l <= L; l++) {
    const nIn = spec.sizes[l - 1];
    const nOut = spec.sizes[l];
    const W: number[][] = [];
    for (let j = 0; j < nOut; j++) {
      W.push([]);
      for (let k = 0; k < nIn; k++) W[j].push(params[at++]);
    }
    const b: number[] = [];
    for (let j = 0; j < nOut; j++) b.push(params[at++]);
    const z = W.map((row, j) => row.reduce((s, w, k) => s + w * a[k], b[j]));
    if (l < L) a = z.map(act[spec.activation]);
    else if (spec.loss === 'categorical-ce') {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((p, q) => p + q, 0);
      a = e.map((v) => v / s);
    } else a = z.map(act.sigmoid);
  }
  if (at !== params.length) throw new Error(`reference read ${at} params of ${params.length}`);
  return a;
}

/** The cost of one example as documented: mse sum (a-y)^2, bce -sum[y ln a + (1-y) ln(1-a)], cce -ln a_label. */
export function referenceCost(
  spec: NetworkSpec,
  params: ArrayLike<number>,
  input: ArrayLike<number>,
  label: number,
): number {
  const a = referenceOutput(spec, params, input);
  const y = a.map((_, j) => (j === label ? 1 : 0));
  switch (spec.loss) {
    case 'mse':
      return a.reduce((s, aj, j) => s + (aj - y[j]) ** 2, 0);
    case 'binary-ce':
      return -a.reduce((s, aj, j) => s + y[j] * Math.log(aj) + (1 - y[j]) * Math.log(1 - aj), 0);
    case 'categorical-ce':
      return -Math.log(a[label]);
  }
}

/** Mean cost over `count` examples. */
export function referenceMeanCost(
  spec: NetworkSpec,
  params: ArrayLike<number>,
  inputs: ArrayLike<number>,
  labels: ArrayLike<number>,
  count: number,
): number {
  const n = spec.sizes[0];
  let s = 0;
  for (let e = 0; e < count; e++) {
    s += referenceCost(spec, params, Array.prototype.slice.call(inputs, e * n, (e + 1) * n) as number[], labels[e]);
  }
  return s / count;
}

/** Central finite difference of the mean cost in parameter i, in float64 (step h). */
export function finiteDifference(
  spec: NetworkSpec,
  params: Float32Array,
  inputs: Float32Array,
  labels: Uint8Array,
  count: number,
  i: number,
  h = 1e-5,
): number {
  const p = Float64Array.from(params);
  const x = Float64Array.from(inputs);
  p[i] = params[i] + h;
  const plus = referenceMeanCost(spec, p, x, labels, count);
  p[i] = params[i] - h;
  const minus = referenceMeanCost(spec, p, x, labels, count);
  return (plus - minus) / (2 * h);
}

/** Deterministic pseudo-random numbers for test data (independent of the engine's RNG). */
export function testRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
