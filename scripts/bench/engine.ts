/**
 * Engine throughput benchmark: the worker's BatchTrainer path, the contract's
 * lossAndGradient on Float32 inputs, and @tensorflow/tfjs ('cpu' and single-threaded
 * 'wasm') doing the same work (same 784-16-16-10 network, activation, loss, batch size,
 * plain SGD) in this process. Used by scripts/bench.ts.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchTrainer,
  createNetwork,
  createRng,
  DEFAULT_SPEC,
  lossAndGradient,
  sgdStep,
  shuffledOrder,
  type ByteData,
  type NetworkSpec,
} from '../../src/engine/index.ts';

export interface Rate {
  examples: number;
  seconds: number;
  examplesPerSecond: number;
}

export interface EngineBenchResult {
  spec: NetworkSpec;
  batchSizes: number[];
  /** BatchTrainer (the worker's path), per batch size. */
  ours: Record<number, Rate>;
  tfjsCpu: Record<number, Rate>;
  tfjsWasm: Record<number, Rate>;
  /** The contract's lossAndGradient on Float32 inputs + sgdStep, batch 32. */
  lossAndGradient32: Rate;
  /** One 60,000-example epoch at batch 32 with BatchTrainer (seconds), and building the nonzero-pixel lists once. */
  epochSeconds: number;
  epochExamples: number;
  nonzeroListSeconds: number;
  ratios: { oursOverCpu32: number; oursOverWasm32: number; lossAndGradientOverCpu32: number };
}

const LR = 0.01;
const now = () => performance.now() / 1000;

function rate(examples: number, seconds: number): Rate {
  return { examples, seconds, examplesPerSecond: examples / seconds };
}

function toFloats(data: ByteData, count: number): Float32Array {
  const x = new Float32Array(count * 784);
  for (let i = 0; i < x.length; i++) x[i] = data.images[i] / 255;
  return x;
}

/** BatchTrainer over `examples` examples in batches of `batch` (shuffled order, as in the app). */
function benchOurs(spec: NetworkSpec, data: ByteData, batch: number, examples: number): Rate {
  const net = createNetwork(spec);
  const trainer = new BatchTrainer(net, data);
  const order = shuffledOrder(data.count, createRng(1));
  trainer.trainEpoch(order.subarray(0, 2000), batch, LR, 0); // warm-up (JIT)
  const t0 = now();
  let done = 0;
  while (done < examples) {
    const n = Math.min(data.count, examples - done);
    trainer.trainEpoch(order.subarray(0, n), batch, LR, 0);
    done += n;
  }
  return rate(done, now() - t0);
}

function benchLossAndGradient(
  spec: NetworkSpec,
  x: Float32Array,
  labels: Uint8Array,
  batch: number,
  examples: number,
): Rate {
  const net = createNetwork(spec);
  const count = labels.length;
  const step = (start: number) => {
    const { grad } = lossAndGradient(
      net,
      x.subarray(start * 784, (start + batch) * 784),
      labels.subarray(start, start + batch),
      batch,
    );
    sgdStep(net.params, grad, LR, 0, null);
  };
  for (let s = 0; s + batch <= 2000; s += batch) step(s); // warm-up
  const t0 = now();
  let done = 0;
  let s = 0;
  while (done < examples) {
    if (s + batch > count) s = 0;
    step(s);
    s += batch;
    done += batch;
  }
  return rate(done, now() - t0);
}

/** tfjs doing the same SGD steps; runs until `examples` or `maxSeconds`, after warm-up. */
async function benchTfjs(
  spec: NetworkSpec,
  x: Float32Array,
  labels: Uint8Array,
  batch: number,
  examples: number,
  maxSeconds: number,
): Promise<Rate> {
  const sizes = spec.sizes;
  const init = createNetwork(spec).params;
  const vars: tf.Variable[] = [];
  let at = 0;
  for (let l = 1; l < sizes.length; l++) {
    // params hold W row-major [out][in]; tfjs multiplies x [batch, in] by W^T [in, out]
    const w = tf.tensor2d(init.slice(at, at + sizes[l] * sizes[l - 1]), [sizes[l], sizes[l - 1]]).transpose();
    at += sizes[l] * sizes[l - 1];
    vars.push(tf.variable(w), tf.variable(tf.tensor1d(init.slice(at, at + sizes[l]))));
    at += sizes[l];
  }
  const L = sizes.length - 1;
  const classes = sizes[L];
  const hidden = (z: tf.Tensor) =>
    spec.activation === 'relu' ? tf.relu(z) : spec.activation === 'tanh' ? tf.tanh(z) : tf.sigmoid(z);
  const optimizer = tf.train.sgd(LR);
  const count = labels.length;
  const step = (start: number) => {
    const xb = tf.tensor2d(x.subarray(start * 784, (start + batch) * 784), [batch, 784]);
    const yb = tf.oneHot(tf.tensor1d(labels.subarray(start, start + batch), 'int32'), classes).toFloat();
    const cost = optimizer.minimize(
      () => {
        let a: tf.Tensor = xb;
        for (let l = 1; l <= L; l++) {
          const z = tf.add(tf.matMul(a, vars[2 * l - 2]), vars[2 * l - 1]);
          a = l < L ? hidden(z) : z;
        }
        if (spec.loss === 'categorical-ce') return tf.losses.softmaxCrossEntropy(yb, a) as tf.Scalar;
        if (spec.loss === 'binary-ce') return tf.mul(tf.losses.sigmoidCrossEntropy(yb, a), classes) as tf.Scalar;
        return tf.mean(tf.sum(tf.square(tf.sub(tf.sigmoid(a), yb)), 1)) as tf.Scalar;
      },
      true,
      vars,
    );
    cost?.dataSync();
    tf.dispose([xb, yb, cost!]);
  };
  const warm = Math.max(2, Math.ceil(256 / batch));
  for (let i = 0; i < warm; i++) step((i * batch) % (count - batch));
  const t0 = now();
  let done = 0;
  let s = 0;
  while (done < examples && now() - t0 < maxSeconds) {
    if (s + batch > count) s = 0;
    step(s);
    s += batch;
    done += batch;
  }
  const r = rate(done, now() - t0);
  tf.dispose(vars);
  optimizer.dispose();
  return r;
}

async function selectBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(join(dist, '/'));
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' did not start`);
  await tf.ready();
}

export interface EngineBenchOptions {
  spec?: NetworkSpec;
  batchSizes?: number[];
  /** Examples per BatchTrainer measurement. */
  oursExamples?: number;
  /** Cap on examples and seconds per tfjs measurement. */
  tfjsExamples?: number;
  tfjsSeconds?: number;
  log?: (line: string) => void;
}

/** Runs the engine benchmark on MNIST training data (60,000 images). */
export async function runEngineBench(train: ByteData, options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const spec = options.spec ?? DEFAULT_SPEC;
  const batchSizes = options.batchSizes ?? [1, 10, 32, 100];
  const oursExamples = options.oursExamples ?? 100_000;
  const tfjsExamples = options.tfjsExamples ?? 6_000;
  const tfjsSeconds = options.tfjsSeconds ?? 4;
  const log = options.log ?? (() => {});
  const floatCount = 6_400;
  const x = toFloats(train, floatCount);
  const labels = train.labels.slice(0, floatCount);
  const fmt = (r: Rate) => `${Math.round(r.examplesPerSecond).toLocaleString('en-US').padStart(9)} examples/s`;

  log(`network ${spec.sizes.join('-')} ${spec.activation} + ${spec.loss}, plain SGD lr ${LR}`);
  const t0 = now();
  const epochTrainer = new BatchTrainer(createNetwork(spec), train);
  const nonzeroListSeconds = now() - t0;

  const ours: Record<number, Rate> = {};
  for (const b of batchSizes) {
    ours[b] = benchOurs(spec, train, b, oursExamples);
    log(`ours (BatchTrainer)      batch ${String(b).padStart(3)}: ${fmt(ours[b])}`);
  }
  const lossAndGradient32 = benchLossAndGradient(spec, x, labels, 32, 50_000);
  log(`ours (lossAndGradient)   batch  32: ${fmt(lossAndGradient32)}`);

  const order = shuffledOrder(train.count, createRng(2));
  const e0 = now();
  epochTrainer.trainEpoch(order, 32, LR, 0);
  const epochSeconds = now() - e0;
  log(
    `one ${train.count.toLocaleString('en-US')}-example epoch at batch 32: ${epochSeconds.toFixed(3)} s (nonzero lists built once: ${nonzeroListSeconds.toFixed(3)} s)`,
  );

  const tfjsCpu: Record<number, Rate> = {};
  const tfjsWasm: Record<number, Rate> = {};
  for (const [name, out] of [
    ['cpu', tfjsCpu],
    ['wasm', tfjsWasm],
  ] as const) {
    await selectBackend(name);
    for (const b of batchSizes) {
      out[b] = await benchTfjs(spec, x, labels, b, tfjsExamples, tfjsSeconds);
      log(`tfjs '${name}'${name === 'cpu' ? ' ' : ''}             batch ${String(b).padStart(3)}: ${fmt(out[b])}`);
    }
  }
  const ratios = {
    oursOverCpu32: ours[32].examplesPerSecond / tfjsCpu[32].examplesPerSecond,
    oursOverWasm32: ours[32].examplesPerSecond / tfjsWasm[32].examplesPerSecond,
    lossAndGradientOverCpu32: lossAndGradient32.examplesPerSecond / tfjsCpu[32].examplesPerSecond,
  };
  for (const b of batchSizes) {
    log(
      `batch ${String(b).padStart(3)}: ours / tfjs cpu ${(ours[b].examplesPerSecond / tfjsCpu[b].examplesPerSecond).toFixed(1)}x, ` +
        `ours / tfjs wasm ${(ours[b].examplesPerSecond / tfjsWasm[b].examplesPerSecond).toFixed(1)}x`,
    );
  }
  log(
    `batch 32 targets: ours/cpu ${ratios.oursOverCpu32.toFixed(1)}x (>= 25), ours/wasm ${ratios.oursOverWasm32.toFixed(1)}x (>= 8), ` +
      `lossAndGradient/cpu ${ratios.lossAndGradientOverCpu32.toFixed(1)}x (>= 20), epoch ${epochSeconds.toFixed(3)} s (< 0.5)`,
  );
  return {
    spec,
    batchSizes,
    ours,
    tfjsCpu,
    tfjsWasm,
    lossAndGradient32,
    epochSeconds,
    epochExamples: train.count,
    nonzeroListSeconds,
    ratios,
  };
}
