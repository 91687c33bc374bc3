/**
 * Cost-surface benchmark: a 31x31 grid on 1,000 real MNIST training images for the
 * lecture's 784-16-16-10 network, on a filter-normalised random plane through trained-ish
 * weights. Reports the time to the first coarse picture (budget 0.5 s) and to the full
 * grid (budget 3 s), human-readable and as one JSON line. Run: npx tsx scripts/bench-surface.ts
 */
import { createNetwork, createRng, type NetworkSpec } from '../src/engine';
import { evaluateGrid, randomPlane, SurfaceEvaluator } from '../src/engine/surface';
import { sliceDataset } from '../src/data/idx';
import { loadMnist } from '../tests/helpers/mnist';

const RESOLUTION = 31;
const COUNT = 1000;

function bench(spec: NetworkSpec): { coarseMs: number; fullMs: number; precomputeMs: number; coarsePoints: number } {
  const data = sliceDataset(loadMnist().train, 0, COUNT);
  const net = createNetwork(spec);
  const plane = randomPlane(spec, net.params, createRng(1));
  const t0 = performance.now();
  const ev = new SurfaceEvaluator(spec, data);
  ev.setPlane(plane);
  const precomputeMs = performance.now() - t0;
  const values = new Float32Array(RESOLUTION * RESOLUTION);
  let coarseMs = 0;
  let coarsePoints = 0;
  for (const p of evaluateGrid(
    ev,
    { resolution: RESOLUTION, alphaMin: -1, alphaMax: 1, betaMin: -1, betaMax: 1 },
    values,
  )) {
    if (p.levelDone && coarseMs === 0) {
      coarseMs = performance.now() - t0;
      coarsePoints = p.done;
    }
  }
  return { coarseMs, fullMs: performance.now() - t0, precomputeMs, coarsePoints };
}

loadMnist();
const results = (['relu', 'sigmoid'] as const).map((activation) => {
  const spec: NetworkSpec = {
    sizes: [784, 16, 16, 10],
    activation,
    loss: activation === 'sigmoid' ? 'mse' : 'categorical-ce',
    seed: 1,
  };
  bench(spec); // warm-up
  const r = bench(spec);
  const ok = r.coarseMs < 500 && r.fullMs < 3000;
  console.log(
    `surface ${RESOLUTION}x${RESOLUTION} on ${COUNT} examples, 784-16-16-10 ${activation}/${spec.loss}: ` +
      `precompute ${r.precomputeMs.toFixed(0)} ms, coarse picture (${r.coarsePoints} points) ${r.coarseMs.toFixed(0)} ms (budget 500), ` +
      `full grid ${r.fullMs.toFixed(0)} ms (budget 3000) ${ok ? 'OK' : 'OVER BUDGET'}`,
  );
  const ms = (x: number) => Math.round(x * 10) / 10;
  return {
    activation,
    loss: spec.loss,
    precomputeMs: ms(r.precomputeMs),
    coarseMs: ms(r.coarseMs),
    fullMs: ms(r.fullMs),
    coarsePoints: r.coarsePoints,
    ok,
  };
});
console.log(JSON.stringify({ bench: 'surface', resolution: RESOLUTION, examples: COUNT, results }));
