/**
 * The dense layers' 16-wide path (sixteen activations and sums in locals) against the plain loops
 * over k it replaces, bit for bit: the same additions in the same order, skipped deltas of 0 (and
 * -0) included. A reordered sum would still pass the gradient tests' tolerances, not this one.
 */
import { expect, it } from 'vitest';
import { denseBackward, denseForward } from '../../../src/engine/kernel-dense';
import { createRng } from '../../../src/engine';

function plainForward(p: Float32Array, wo: number, bo: number, nIn: number, n: number, a: Float64Array): Float64Array {
  const z = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = p[bo + j];
    for (let k = 0; k < nIn; k++) s += p[wo + j * nIn + k] * a[k];
    z[j] = s;
  }
  return z;
}

function plainBackward(
  p: Float32Array,
  g: Float64Array,
  wo: number,
  bo: number,
  nIn: number,
  d: Float64Array,
  a: Float64Array,
) {
  const da = new Float64Array(nIn);
  for (let j = 0; j < d.length; j++) {
    if (d[j] === 0) continue;
    g[bo + j] += d[j];
    for (let k = 0; k < nIn; k++) {
      g[wo + j * nIn + k] += d[j] * a[k];
      da[k] += p[wo + j * nIn + k] * d[j];
    }
  }
  return da;
}

const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));

for (const [nIn, n] of [
  [16, 10],
  [16, 16],
  [16, 64],
  [12, 10],
] as const) {
  it(`${nIn} inputs -> ${n} neurons: forward and backward equal the plain loops bit for bit`, () => {
    const rng = createRng(nIn * 100 + n);
    const wo = 7; // not at 0, as in a real params layout
    const bo = wo + n * nIn;
    const p = Float32Array.from({ length: bo + n + 3 }, () => rng.next() * 2 - 1);
    const a = Float64Array.from({ length: nIn }, (_, k) => (k % 5 === 0 ? 0 : rng.next() * 3));
    const d = Float64Array.from({ length: n }, (_, j) => (j % 4 === 1 ? 0 : j % 7 === 3 ? -0 : rng.next() - 0.5));
    const z = new Float64Array(n);
    denseForward(p, wo, bo, nIn, n, a, z);
    expect(same(z, plainForward(p, wo, bo, nIn, n, a))).toBe(true);

    const g0 = Float64Array.from({ length: p.length }, () => rng.next() - 0.5);
    const g = g0.slice();
    const gPlain = g0.slice();
    const da = new Float64Array(nIn).fill(99); // every entry must be written
    denseBackward(p, g, wo, bo, nIn, n, d, a, da);
    const daPlain = plainBackward(p, gPlain, wo, bo, nIn, d, a);
    expect(same(da, daPlain)).toBe(true);
    expect(same(g, gPlain)).toBe(true);
  });
}
