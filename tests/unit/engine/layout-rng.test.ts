/** Parameter layout, seeded initialisation and the RNG. */
import { describe, expect, it } from 'vitest';
import {
  biasIndex,
  createNetwork,
  createRng,
  describeParam,
  paramCount,
  paramIndex,
  restoreRng,
  shuffledOrder,
  validateSpec,
  type NetworkSpec,
} from '../../../src/engine';
import { Workspace } from '../../../src/engine/kernel';
import { INDEX_MASK, MAX_PARAMS } from '../../../src/engine/layout';

const LECTURE: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'sigmoid', loss: 'mse', seed: 1 };

describe('layout', () => {
  it('784-16-16-10 has 13,002 parameters, W then b per layer', () => {
    expect(paramCount(LECTURE)).toBe(13_002);
    expect(paramIndex(LECTURE, 1, 0, 0)).toBe(0);
    expect(paramIndex(LECTURE, 1, 1, 0)).toBe(784);
    expect(biasIndex(LECTURE, 1, 0)).toBe(784 * 16);
    expect(paramIndex(LECTURE, 2, 0, 0)).toBe(784 * 16 + 16);
    expect(biasIndex(LECTURE, 3, 9)).toBe(13_001);
    expect(() => paramIndex(LECTURE, 1, 16, 0)).toThrow(RangeError);
    expect(() => biasIndex(LECTURE, 4, 0)).toThrow(RangeError);
  });

  it('a network may have up to 2^28 parameters (every index the kernels mask fits under it)', () => {
    // 16,384 x 16,383 weights + 16,384 biases = 2^28 exactly; one input more is over
    expect(INDEX_MASK).toBe(0xfffffff); // the literal the kernels use
    expect(MAX_PARAMS).toBe(INDEX_MASK + 1);
    expect(() => validateSpec({ ...LECTURE, sizes: [16_383, 16_384] })).not.toThrow();
    expect(() => validateSpec({ ...LECTURE, sizes: [16_384, 16_384] })).toThrow(
      /268,451,840 parameters is more than the engine's 268,435,456/,
    );
    // a network built by hand (not through createNetwork) is refused where the kernels start, before any allocation
    expect(() => new Workspace({ ...LECTURE, sizes: [16_384, 16_384] })).toThrow(/268451840 parameters/);
  });

  it('describeParam inverts paramIndex and biasIndex for every parameter', () => {
    const seen = new Set<number>();
    for (let l = 1; l <= 3; l++) {
      for (let j = 0; j < LECTURE.sizes[l]; j++) {
        for (let k = 0; k < LECTURE.sizes[l - 1]; k++) {
          const i = paramIndex(LECTURE, l, j, k);
          expect(describeParam(LECTURE, i)).toEqual({ layer: l, kind: 'weight', j, k });
          seen.add(i);
        }
        const b = biasIndex(LECTURE, l, j);
        expect(describeParam(LECTURE, b)).toEqual({ layer: l, kind: 'bias', j });
        seen.add(b);
      }
    }
    expect(seen.size).toBe(13_002);
    expect(() => describeParam(LECTURE, 13_002)).toThrow(RangeError);
  });
});

describe('createNetwork', () => {
  it('is deterministic in the seed', () => {
    const a = createNetwork(LECTURE);
    const b = createNetwork({ ...LECTURE, sizes: [...LECTURE.sizes] });
    const c = createNetwork({ ...LECTURE, seed: 2 });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(Array.from(a.params)).not.toEqual(Array.from(c.params));
  });

  it('Glorot for sigmoid/tanh, He for relu, biases 0', () => {
    const sig = createNetwork(LECTURE);
    const relu = createNetwork({ ...LECTURE, activation: 'relu' });
    const w1 = (p: Float32Array) => p.subarray(0, 784 * 16);
    const maxAbs = (p: Float32Array) => p.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const variance = (p: Float32Array) => p.reduce((s, v) => s + v * v, 0) / p.length;
    // U(-r, r) has variance r^2 / 3: Glorot r = sqrt(6 / 800), He r = sqrt(6 / 784)
    expect(maxAbs(w1(sig.params))).toBeLessThanOrEqual(Math.sqrt(6 / 800));
    expect(variance(w1(sig.params))).toBeCloseTo(2 / 800, 4);
    expect(variance(w1(relu.params))).toBeCloseTo(2 / 784, 4);
    expect(variance(w1(relu.params)) / variance(w1(sig.params))).toBeGreaterThan(0.95);
    for (let l = 1; l <= 3; l++)
      for (let j = 0; j < LECTURE.sizes[l]; j++) expect(sig.params[biasIndex(LECTURE, l, j)]).toBe(0);
  });

  it('rejects bad specs', () => {
    expect(() => createNetwork({ ...LECTURE, sizes: [784] })).toThrow(/at least/);
    expect(() => createNetwork({ ...LECTURE, activation: 'elu' as never })).toThrow(/activation/);
  });
});

describe('rng', () => {
  it('is deterministic, uniform-looking, and restores from its state', () => {
    const a = createRng(5);
    const b = createRng(5);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / 1000).toBeCloseTo(0.5, 1);
    const state = JSON.parse(JSON.stringify(a.state()));
    const c = restoreRng(state);
    expect(Array.from({ length: 10 }, () => c.next())).toEqual(Array.from({ length: 10 }, () => a.next()));
    expect(createRng(6).next()).not.toBe(createRng(5).next());
  });

  it('shuffledOrder is a seeded permutation', () => {
    const o = shuffledOrder(1000, createRng(1));
    expect(Array.from(o).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(shuffledOrder(1000, createRng(1)))).toEqual(Array.from(o));
    expect(Array.from(o.subarray(0, 20))).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
