/** The surface worker's session, driven in Node exactly as the worker exposes it. */
import { describe, expect, it } from 'vitest';
import { createNetwork, evaluate, lossAndGradient, paramIndex, type NetworkSpec } from '../../../src/engine';
import { pointOnPlane } from '../../../src/engine/surface';
import type { SurfaceProgress, SurfaceRequest } from '../../../src/protocol/surface-api';
import { SurfaceSession } from '../../../src/worker/surface-session';
import { loadMnist } from '../../helpers/mnist';

const COUNT = 150;
const train = loadMnist().train;
const pixels = train.images.slice(0, COUNT * 784);
const labels = train.labels.slice(0, COUNT);
const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 3 };
const start = createNetwork(spec).params;

function session(): SurfaceSession {
  const s = new SurfaceSession({
    now: () => performance.now(),
    yieldToHost: () => new Promise((r) => setImmediate(r)),
    crash: () => {},
  });
  s.setData(pixels, labels);
  return s;
}

/** A short real training path: full-batch steps on the same images. */
function trainingPath(steps: number): Float32Array[] {
  const inputs = Float32Array.from(pixels, (v) => v / 255);
  const path = [start.slice()];
  let p = start.slice();
  for (let t = 0; t < steps; t++) {
    const { grad } = lossAndGradient({ spec, params: p }, inputs, labels, COUNT);
    p = Float32Array.from(p, (v, i) => v - 0.5 * grad[i]);
    path.push(p.slice());
  }
  return path;
}

describe('SurfaceSession', () => {
  it('computes a two-weight slice coarse first, with the real cost at the centre and on the path', async () => {
    const s = session();
    const first = paramIndex(spec, 3, 1, 2);
    const second = paramIndex(spec, 2, 0, 7);
    const progress: SurfaceProgress[] = [];
    const cps = trainingPath(4);
    const result = await s.compute(
      {
        id: 1,
        kind: 'weights',
        spec,
        resolution: 11,
        steps: cps.map((_, i) => i),
        checkpoints: cps,
        centre: start,
        first,
        second,
        span: 2,
      },
      (p) => progress.push(p),
    );
    expect(result).not.toBeNull();
    const pictures = progress.filter((p) => p.partial);
    expect(pictures.length).toBeGreaterThanOrEqual(2);
    expect(pictures[0].partial!.grid.stride).toBeGreaterThan(1);
    expect(result!.grid.values.every(Number.isFinite)).toBe(true);
    expect(result!.plane.axisLabels).toEqual(['w⁽³⁾₁,₂', 'w⁽²⁾₀,₇']);
    expect(result!.centreCost).toBeCloseTo(
      evaluate({ spec, params: start }, { images: pixels, labels, count: COUNT }).cost,
      6,
    );
    const path = result!.paths[0];
    expect(path.points.length).toBe(cps.length);
    // weights slice: the path's coordinates are the two weights' own changes
    expect(path.points[2].alpha).toBeCloseTo(cps[2][first] - start[first], 6);
    expect(path.points[2].cost).toBeCloseTo(
      evaluate({ spec, params: cps[2] }, { images: pixels, labels, count: COUNT }).cost,
      9,
    );
    expect(path.points[0].distance).toBeCloseTo(0, 9);
  });

  it('fits the PCA plane to the training path and reports each checkpoint honestly', async () => {
    const s = session();
    const cps = trainingPath(8);
    const result = await s.compute(
      { id: 2, kind: 'trajectory', spec, resolution: 9, steps: cps.map((_, i) => i), checkpoints: cps },
      () => {},
    );
    const points = result!.paths[0].points;
    expect(points.at(-1)!.alpha).toBeCloseTo(0, 9); // the final point is the centre
    // the surface at the centre is the real cost there
    expect(result!.centreCost).toBeCloseTo(points.at(-1)!.cost, 5);
    // every checkpoint's distance is the distance to its projection
    const plane = { centre: result!.plane.centre, d1: result!.plane.d1, d2: result!.plane.d2 };
    for (const p of points) {
      const onPlane = pointOnPlane(plane, p.alpha, p.beta);
      const cp = cps[p.step];
      let d = 0;
      for (let i = 0; i < cp.length; i++) d += (cp[i] - onPlane[i]) ** 2;
      expect(Math.sqrt(d)).toBeCloseTo(p.distance, 3);
    }
    // the grid covers the path
    for (const p of points) {
      expect(p.alpha).toBeGreaterThanOrEqual(result!.grid.alphaMin);
      expect(p.alpha).toBeLessThanOrEqual(result!.grid.alphaMax);
    }
  });

  it('races GD, mini-batch SGD and one-example SGD on the evaluation images', async () => {
    const s = session();
    const result = await s.compute(
      {
        id: 3,
        kind: 'optimisers',
        spec,
        resolution: 7,
        steps: [],
        checkpoints: [],
        start,
        learningRate: 0.1,
        epochs: 2,
        batchSize: 16,
        seed: 1,
      },
      () => {},
    );
    expect(result!.paths.map((p) => p.name)).toEqual(['gd', 'minibatch', 'sgd']);
    for (const p of result!.paths) {
      expect(p.points[0].step).toBe(0);
      expect(p.points.at(-1)!.step).toBe(2 * COUNT);
      // all start at the shared start, the plane's centre
      expect(Math.abs(p.points[0].alpha) + Math.abs(p.points[0].beta)).toBeLessThan(1e-9);
    }
    // the two walks that went farthest end in the plane, so the map's cost under their end dots
    // is their cost (the PCA plane of the walks left mini-batch SGD's end 3.2 off it, on ground of
    // twice its cost); the axes say where they point
    const ends = result!.paths.map((p) => ({ name: p.name, end: p.points.at(-1)! }));
    const reach = (q: { alpha: number; beta: number; distance: number }) => Math.hypot(q.alpha, q.beta, q.distance);
    const farthest = ends.slice().sort((a, b) => reach(b.end) - reach(a.end));
    for (const { end } of farthest.slice(0, 2)) expect(end.distance).toBeLessThan(1e-5 * reach(end));
    expect(result!.plane.axisLabels).toEqual(
      farthest
        .slice(0, 2)
        .map(
          ({ name }) =>
            `toward ${{ gd: 'full-batch GD', minibatch: 'mini-batch SGD', sgd: 'one-example SGD' }[name]}’s end`,
        ),
    );
    const first = farthest[0].end;
    expect(first.beta).toBeCloseTo(0, 9);
    expect(first.alpha).toBeCloseTo(reach(first), 4);
    const onMap = evaluate(
      { spec, params: pointOnPlane(result!.plane, first.alpha, first.beta) },
      { images: pixels, labels, count: COUNT },
    ).cost;
    expect(onMap).toBeCloseTo(first.cost, 4);
  });

  it('near the start, fits the map to GD’s and mini-batch SGD’s walks (one-example SGD’s longer one hid them under the start)', async () => {
    const request = {
      id: 4,
      kind: 'optimisers' as const,
      spec,
      resolution: 7,
      steps: [] as number[],
      checkpoints: [] as Float32Array[],
      start,
      learningRate: 0.1,
      epochs: 2,
      batchSize: 16,
      seed: 1,
    };
    const whole = (await session().compute(request, () => {}))!;
    const near = (await session().compute({ ...request, id: 5, nearStart: true }, () => {}))!;
    const width = (r: typeof whole) => r.grid.alphaMax - r.grid.alphaMin;
    expect(width(near)).toBeLessThan(width(whole) / 2);
    const inside = (r: typeof whole, name: string) =>
      r.paths
        .find((p) => p.name === name)!
        .points.every(
          (q) =>
            q.alpha >= r.grid.alphaMin &&
            q.alpha <= r.grid.alphaMax &&
            q.beta >= r.grid.betaMin &&
            q.beta <= r.grid.betaMax,
        );
    expect(inside(near, 'gd')).toBe(true);
    expect(inside(near, 'minibatch')).toBe(true);
    // and GD's walk spans a fair part of the map now, not a speck at its start
    const gd = near.paths.find((p) => p.name === 'gd')!.points;
    const reach = Math.max(...gd.map((q) => Math.hypot(q.alpha, q.beta)));
    expect(reach).toBeGreaterThan(0.1 * width(near));
    // the same walks: only the map differs
    expect(near.paths.map((p) => p.points.at(-1)!.cost)).toEqual(whole.paths.map((p) => p.points.at(-1)!.cost));
  });

  it('stops a request that is cancelled or superseded, and resolves it with null', async () => {
    const s = session();
    const base = {
      spec,
      resolution: 31,
      steps: [] as number[],
      checkpoints: [] as Float32Array[],
      centre: start,
      seed: 1,
      span: 1,
    };
    const first = s.compute({ ...base, id: 10, kind: 'random' as const }, () => {});
    const second = s.compute({ ...base, id: 11, kind: 'random' as const }, () => {});
    expect(await first).toBeNull();
    const third = s.compute({ ...base, id: 12, kind: 'random' as const }, () => {});
    s.cancel(12);
    expect(await third).toBeNull();
    expect(await second).toBeNull(); // superseded by 12
  });

  it('rejects bad requests with a readable message', async () => {
    const s = session();
    const bad: SurfaceRequest = { id: 20, kind: 'trajectory', spec, resolution: 9, steps: [0], checkpoints: [start] };
    await expect(s.compute(bad, () => {})).rejects.toThrow(/train a few batches/);
    await expect(
      s.compute(
        {
          id: 21,
          kind: 'random',
          spec,
          resolution: 9,
          steps: [],
          checkpoints: [],
          centre: new Float32Array(5),
          seed: 1,
          span: 1,
        },
        () => {},
      ),
    ).rejects.toThrow(/13002/);
    expect(() => s.setData(new Uint8Array(10), new Uint8Array(1))).toThrow(/expected 784/);
  });
});
