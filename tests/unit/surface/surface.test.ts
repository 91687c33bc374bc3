/**
 * The surface evaluator against the engine's own lossAndGradient (an independent,
 * straightforward forward pass per example), on real MNIST images.
 */
import { describe, expect, it } from 'vitest';
import {
  createNetwork,
  createRng,
  evaluate,
  layerOffsets,
  lossAndGradient,
  paramIndex,
  biasIndex,
  type Activation,
  type ByteData,
  type Loss,
  type NetworkSpec,
} from '../../../src/engine';
import {
  axisValues,
  createProjector,
  dot,
  endsPlane,
  evaluateGrid,
  fillFromLattice,
  filterNormalisedDirection,
  latticeIndices,
  norm,
  pointOnPlane,
  principalPlane,
  progressiveLevels,
  raceOptimisers,
  randomPlane,
  SurfaceEvaluator,
  symmetricEigen,
  weightPlane,
  type Plane,
} from '../../../src/engine/surface';
import { sliceDataset } from '../../../src/data/idx';
import { loadMnist } from '../../helpers/mnist';

const COUNT = 120;
const data: ByteData = sliceDataset(loadMnist().train, 0, COUNT);
/** float32(byte / 255), what the engine's byte paths use too. */
const inputs = Float32Array.from(data.images.subarray(0, COUNT * 784), (v) => v / 255);

function spec(loss: Loss, activation: Activation = 'relu', sizes = [784, 16, 16, 10]): NetworkSpec {
  return { sizes, activation, loss, seed: 7 };
}

/** The reference: the engine's contract function at these parameters. */
function engineCost(s: NetworkSpec, params: Float32Array): number {
  return lossAndGradient({ spec: s, params }, inputs, data.labels, COUNT).loss;
}

function close(actual: number, expected: number, rel = 2e-5): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

/** Runs a generator to the end. */
function drain(g: Iterator<unknown>): void {
  while (!g.next().done);
}

const LOSSES: Loss[] = ['mse', 'binary-ce', 'categorical-ce'];
const ACTIVATIONS: Activation[] = ['sigmoid', 'relu', 'tanh'];

describe('the surface value', () => {
  for (const loss of LOSSES) {
    for (const activation of ACTIVATIONS) {
      it(`at the centre equals the engine's cost (${loss}, ${activation})`, () => {
        const s = spec(loss, activation);
        const net = createNetwork(s);
        const ev = new SurfaceEvaluator(s, data);
        ev.setPlane(randomPlane(s, net.params, createRng(3)));
        close(ev.costAt(0, 0), engineCost(s, net.params));
      });
    }
  }

  for (const loss of LOSSES) {
    it(`equals lossAndGradient at random grid points of a random plane (${loss})`, () => {
      const s = spec(loss, loss === 'mse' ? 'sigmoid' : 'relu');
      const net = createNetwork(s);
      const plane = randomPlane(s, net.params, createRng(11));
      const ev = new SurfaceEvaluator(s, data);
      ev.setPlane(plane);
      const n = 9;
      const axes = { resolution: n, alphaMin: -1, alphaMax: 1, betaMin: -0.8, betaMax: 1.2 };
      const values = new Float32Array(n * n);
      drain(evaluateGrid(ev, axes, values));
      const alphas = axisValues(-1, 1, n);
      const betas = axisValues(-0.8, 1.2, n);
      const rng = createRng(5);
      for (let t = 0; t < 4; t++) {
        const i = Math.floor(rng.next() * n);
        const j = Math.floor(rng.next() * n);
        const theta = pointOnPlane(plane, alphas[i], betas[j]);
        close(values[j * n + i], engineCost(s, theta), 1e-4);
      }
    });
  }

  it('handles deeper and wider networks (784-32-16-8-10)', () => {
    const s = spec('categorical-ce', 'tanh', [784, 32, 16, 8, 10]);
    const net = createNetwork(s);
    const plane = randomPlane(s, net.params, createRng(2));
    const ev = new SurfaceEvaluator(s, data);
    ev.setPlane(plane);
    close(ev.costAt(0.4, -0.6), engineCost(s, pointOnPlane(plane, 0.4, -0.6)), 1e-4);
  });
});

describe('slice (a): two chosen weights', () => {
  it('is literally the cost as a function of those two weights', () => {
    const s = spec('categorical-ce');
    const net = createNetwork(s);
    const first = paramIndex(s, 1, 3, 400); // a first-layer weight (goes through the precomputed part)
    const second = paramIndex(s, 3, 2, 5);
    const plane = weightPlane(net.params, first, second);
    const ev = new SurfaceEvaluator(s, data);
    ev.setPlane(plane);
    for (const [a, b] of [
      [0, 0],
      [1.5, -2],
      [-3, 0.25],
    ]) {
      const theta = net.params.slice();
      theta[first] += a;
      theta[second] += b;
      close(ev.costAt(a, b), engineCost(s, theta), 1e-4);
    }
  });

  it('works for biases too, and rejects choosing one weight twice', () => {
    const s = spec('mse', 'sigmoid');
    const net = createNetwork(s);
    const first = biasIndex(s, 1, 0);
    const second = biasIndex(s, 2, 4);
    const ev = new SurfaceEvaluator(s, data);
    ev.setPlane(weightPlane(net.params, first, second));
    const theta = net.params.slice();
    theta[first] += 2;
    theta[second] -= 1;
    close(ev.costAt(2, -1), engineCost(s, theta), 1e-4);
    expect(() => weightPlane(net.params, first, first)).toThrow(/two different/);
  });
});

describe('slice (b): filter-normalised random directions', () => {
  it("scales each neuron's incoming row to the norm of the centre's row, biases zero", () => {
    const s = spec('categorical-ce', 'relu', [784, 16, 16, 10]);
    const net = createNetwork(s);
    const d = filterNormalisedDirection(s, net.params, createRng(9));
    const o = layerOffsets(s.sizes);
    for (let l = 1; l < s.sizes.length; l++) {
      const nIn = s.sizes[l - 1];
      for (let j = 0; j < s.sizes[l]; j++) {
        const at = o.weights[l] + j * nIn;
        const rowD = d.subarray(at, at + nIn);
        const rowC = net.params.subarray(at, at + nIn);
        expect(norm(rowD)).toBeCloseTo(norm(rowC), 6);
        expect(Math.abs(dot(rowD, rowC)) / (norm(rowD) * norm(rowC))).toBeLessThan(0.5); // random, not the centre itself
      }
      for (let j = 0; j < s.sizes[l]; j++) expect(d[o.biases[l] + j]).toBe(0);
    }
  });
});

describe('slice (c): principal directions of a path', () => {
  const n = 500;
  const rng = createRng(21);
  const randomVector = () => Float64Array.from({ length: n }, () => rng.next() - 0.5);
  const final = Float32Array.from(randomVector());

  it('are orthonormal, and find the plane a path lies in', () => {
    const u = randomVector();
    const v = randomVector();
    const points = Array.from({ length: 30 }, (_, t) =>
      Float32Array.from(final, (f, i) => f + Math.cos(t / 5) * 3 * u[i] + Math.sin(t / 3) * v[i]),
    );
    for (const meanCentred of [false, true]) {
      const { plane, explained } = principalPlane(points, final, { meanCentred });
      expect(norm(plane.d1)).toBeCloseTo(1, 12);
      expect(norm(plane.d2)).toBeCloseTo(1, 12);
      expect(Math.abs(dot(plane.d1, plane.d2))).toBeLessThan(1e-12);
      expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
      expect(explained[0] + explained[1]).toBeCloseTo(1, 5);
      // every checkpoint lies in that plane
      const project = createProjector(plane);
      for (const p of points) expect(project(p).distance).toBeLessThan(1e-5);
    }
  });

  it('completes a one-direction path with a random orthonormal second direction', () => {
    const u = randomVector();
    const points = [0.5, 1, 2].map((t) => Float32Array.from(final, (f, i) => f + t * u[i]));
    const { plane, explained } = principalPlane(points, final, { rng: createRng(1) });
    expect(Math.abs(dot(plane.d1, plane.d2))).toBeLessThan(1e-12);
    expect(norm(plane.d2)).toBeCloseTo(1, 12);
    expect(explained[1]).toBe(0);
    expect(() => principalPlane(points, final)).toThrow(/train a few more steps/);
  });

  it('symmetricEigen diagonalises a known matrix', () => {
    // eigenvalues of [[2,1,0],[1,2,0],[0,0,5]] are 5, 3, 1
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect(Array.from(values).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([5, 3, 1]);
    expect(Math.abs(vectors[1][0])).toBeCloseTo(Math.SQRT1_2, 9);
    expect(vectors[1][0] * vectors[1][1]).toBeGreaterThan(0);
  });
});

describe('slice (d): through the start and the ends of walks', () => {
  const n = 500;
  const rng = createRng(22);
  const randomVector = () => Float64Array.from({ length: n }, () => rng.next() - 0.5);
  const start = Float32Array.from(randomVector());
  const at = (...terms: [number, Float64Array][]) =>
    Float32Array.from(start, (s, i) => terms.reduce((sum, [c, v]) => sum + c * v[i], s));

  it('holds the two ends farthest from the start exactly, the farthest along d1', () => {
    const [u, v, w] = [randomVector(), randomVector(), randomVector()];
    // a short walk's end (GD), a long one's, and one between, not at right angles to it
    const ends = [at([0.2, w]), at([5, u]), at([1, u], [2, v])];
    const { plane, spannedBy } = endsPlane(ends, start, createRng(1));
    expect(spannedBy).toEqual([1, 2]);
    expect(norm(plane.d1)).toBeCloseTo(1, 12);
    expect(norm(plane.d2)).toBeCloseTo(1, 12);
    expect(Math.abs(dot(plane.d1, plane.d2))).toBeLessThan(1e-12);
    const project = createProjector(plane);
    for (const i of [1, 2]) expect(project(ends[i]).distance).toBeLessThan(1e-5);
    const far = project(ends[1]);
    expect(far.beta).toBeCloseTo(0, 6);
    expect(far.alpha).toBeCloseTo(5 * norm(u), 4);
    // the short walk's end is off the plane: it is not one of the two
    expect(project(ends[0]).distance).toBeGreaterThan(0.1 * norm(w));
  });

  it('passes over an end that lies along the first direction, and one that is not finite', () => {
    const [u, v] = [randomVector(), randomVector()];
    const ends = [at([4, u]), at([2, u]), Float32Array.from(start, () => NaN), at([1, v])];
    const { plane, spannedBy } = endsPlane(ends, start, createRng(1));
    expect(spannedBy).toEqual([0, 3]);
    expect(createProjector(plane)(ends[3]).distance).toBeLessThan(1e-5);
  });

  it('completes the plane at random when the ends span fewer than two directions', () => {
    const u = randomVector();
    const one = endsPlane([at([3, u])], start, createRng(1));
    expect(one.spannedBy).toEqual([0, -1]);
    expect(Math.abs(dot(one.plane.d1, one.plane.d2))).toBeLessThan(1e-12);
    expect(norm(one.plane.d2)).toBeCloseTo(1, 12);
    expect(endsPlane([], start, createRng(1)).spannedBy).toEqual([-1, -1]);
  });
});

describe('projection onto a plane', () => {
  const s = spec('categorical-ce');
  const net = createNetwork(s);
  const plane: Plane = randomPlane(s, net.params, createRng(4));

  it('gives a checkpoint in the plane back exactly', () => {
    const theta = pointOnPlane(plane, 0.3, -0.7);
    const p = createProjector(plane)(theta);
    expect(p.alpha).toBeCloseTo(0.3, 5);
    expect(p.beta).toBeCloseTo(-0.7, 5);
    // only the Float32 rounding of theta itself remains
    expect(p.distance).toBeLessThan(1e-5);
  });

  it('reports the true distance of a checkpoint off the plane', () => {
    // an offset orthogonal to both directions, of length 2.5
    const w = Float64Array.from({ length: plane.d1.length }, (_, i) => Math.sin(i * 1.7));
    const g11 = dot(plane.d1, plane.d1);
    const g12 = dot(plane.d1, plane.d2);
    const g22 = dot(plane.d2, plane.d2);
    const r1 = dot(plane.d1, w);
    const r2 = dot(plane.d2, w);
    const det = g11 * g22 - g12 * g12;
    const a = (g22 * r1 - g12 * r2) / det;
    const b = (g11 * r2 - g12 * r1) / det;
    for (let i = 0; i < w.length; i++) w[i] -= a * plane.d1[i] + b * plane.d2[i];
    const scale = 2.5 / norm(w);
    const theta = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) theta[i] = net.params[i] + 0.2 * plane.d1[i] + 0.1 * plane.d2[i] + scale * w[i];
    const p = createProjector(plane)(theta);
    expect(p.alpha).toBeCloseTo(0.2, 9);
    expect(p.beta).toBeCloseTo(0.1, 9);
    expect(p.distance).toBeCloseTo(2.5, 9);
  });
});

describe('the progressive grid', () => {
  it('computes every point exactly once, coarse lattice first', () => {
    for (const n of [2, 5, 31, 32, 51]) {
      const levels = progressiveLevels(n);
      const all = levels.flatMap((l) => l.points).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: n * n }, (_, i) => i));
      expect(levels.at(-1)!.stride).toBe(1);
    }
    expect(progressiveLevels(31)[0].points.length).toBeLessThanOrEqual(49);
  });

  it('previews exactly when the function is bilinear, keeping lattice values', () => {
    const n = 31;
    const f = (i: number, j: number) => 1 + 0.1 * i + 0.2 * j + 0.01 * i * j;
    const stride = progressiveLevels(n)[0].stride;
    const values = new Float32Array(n * n);
    const idx = latticeIndices(n, stride);
    for (const j of idx) for (const i of idx) values[j * n + i] = f(i, j);
    const filled = fillFromLattice(values, n, stride);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) expect(filled[j * n + i]).toBeCloseTo(f(i, j), 4);
  });
});

describe('GD vs SGD', () => {
  const s = spec('categorical-ce');
  const start = createNetwork(s).params;

  function run(learningRate: number, epochs = 3) {
    const it = raceOptimisers(s, start, data, { learningRate, epochs, batchSize: 10, seed: 1, checkpoints: 10 });
    for (;;) {
      const r = it.next();
      if (r.done) return r.value;
    }
  }

  it('processes the same number of examples with each optimiser, from the same start', () => {
    const paths = run(0.1);
    expect(paths.map((p) => p.name)).toEqual(['gd', 'minibatch', 'sgd']);
    expect(paths.map((p) => p.batchSize)).toEqual([COUNT, 10, 1]);
    for (const p of paths) {
      expect(p.examples.at(-1)).toBe(3 * COUNT);
      expect(Array.from(p.params[0])).toEqual(Array.from(start));
      expect(p.diverged).toBe(false);
      // costs are the real costs on the same examples
      close(p.costs.at(-1)!, evaluate({ spec: s, params: p.params.at(-1)! }, data).cost, 1e-9);
      expect(p.costs.at(-1)!).toBeLessThan(p.costs[0]);
    }
    expect(paths[0].updates.at(-1)).toBe(3);
    expect(paths[2].updates.at(-1)).toBe(3 * COUNT);
    // full-batch GD is exactly gradient descent on this cost
    const g = lossAndGradient({ spec: s, params: start }, inputs, data.labels, COUNT).grad;
    const afterOne = Float32Array.from(start, (p, i) => p - 0.1 * g[i]);
    const gdAfterOne = paths[0].params[1];
    let maxDiff = 0;
    for (let i = 0; i < afterOne.length; i++) maxDiff = Math.max(maxDiff, Math.abs(afterOne[i] - gdAfterOne[i]));
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it('flags a learning rate so high the path leaves the valley', () => {
    const paths = run(200, 2);
    expect(paths.some((p) => p.diverged)).toBe(true);
  });
});
