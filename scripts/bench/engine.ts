/**
 * Engine throughput benchmark: the worker's BatchTrainer path, the contract's
 * lossAndGradient on Float32 inputs, and @tensorflow/tfjs ('cpu' and single-threaded
 * 'wasm') doing the same work (same 784-16-16-10 network, activation, loss, batch size,
 * plain SGD) in this process. Used by scripts/bench.ts.
 *
 * Robust on a busy 2-core machine: every contender is warmed up, then measured in several
 * rounds, and each round measures all of them back to back (ours, tfjs 'cpu', tfjs 'wasm'
 * per batch size), so a burst of load from other processes hits every contender alike.
 * Figures are medians over the rounds; ratios are medians of the per-round ratios.
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

/** The median over rounds, with every round's figure. */
export interface Measured {
  examplesPerSecond: number;
  rounds: number[];
}

export interface EngineBenchResult {
  spec: NetworkSpec;
  batchSizes: number[];
  rounds: number;
  /** BatchTrainer driven as the worker drives it, per batch size: plain SGD like tfjs. */
  ours: Record<number, Measured>;
  /** BatchTrainer at batch 32 with momentum 0.9 (the app's default optimiser; no tfjs counterpart measured). */
  oursMomentum32: Measured;
  tfjsCpu: Record<number, Measured>;
  tfjsWasm: Record<number, Measured>;
  /** The contract's lossAndGradient on Float32 inputs + sgdStep, batch 32. */
  lossAndGradient32: Measured;
  /** One 60,000-example epoch at batch 32 with BatchTrainer: median seconds over the rounds, and each round. */
  epochSeconds: number;
  epochRounds: number[];
  epochExamples: number;
  /** Building the nonzero-pixel lists once for the training images. */
  nonzeroListSeconds: number;
  /** Medians of the per-round ratios at batch 32. */
  ratios: { oursOverCpu32: number; oursOverWasm32: number; lossAndGradientOverCpu32: number };
}

const LR = 0.01;
const now = () => performance.now() / 1000;

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measured(rounds: number[]): Measured {
  return { examplesPerSecond: median(rounds), rounds };
}

function toFloats(data: ByteData, count: number): Float32Array {
  const x = new Float32Array(count * 784);
  for (let i = 0; i < x.length; i++) x[i] = data.images[i] / 255;
  return x;
}

/** A contender: warm it up once, then call measure() once per round. */
interface Contender {
  measure(): Promise<number> | number;
  dispose?(): void;
}

/**
 * BatchTrainer along a shuffled order, `examples` per round, driven as the worker's session
 * drives it (trainer-session.ts finishBatch / beginBatch): per batch clearBatch(), accumulate()
 * each example, applyUpdate(); the last batch of the order may be smaller.
 */
function oursContender(
  spec: NetworkSpec,
  data: ByteData,
  batch: number,
  examples: number,
  momentum: number,
): Contender {
  const net = createNetwork(spec);
  const trainer = new BatchTrainer(net, data);
  const order = shuffledOrder(data.count, createRng(1));
  let at = 0;
  const run = (n: number): number => {
    let done = 0;
    while (done < n) {
      if (at >= order.length) at = 0;
      const end = Math.min(at + batch, order.length);
      trainer.clearBatch();
      for (let i = at; i < end; i++) trainer.accumulate(order[i]);
      trainer.applyUpdate(LR, momentum);
      done += end - at;
      at = end;
    }
    return done;
  };
  run(3000); // warm-up (JIT)
  return {
    measure() {
      const t0 = now();
      const done = run(examples);
      return done / (now() - t0);
    },
  };
}

/** The contract's lossAndGradient + sgdStep on Float32 inputs, `examples` per round. */
function lossAndGradientContender(
  spec: NetworkSpec,
  x: Float32Array,
  labels: Uint8Array,
  batch: number,
  examples: number,
): Contender {
  const net = createNetwork(spec);
  const count = labels.length;
  let s = 0;
  const step = () => {
    if (s + batch > count) s = 0;
    const { grad } = lossAndGradient(net, x.subarray(s * 784, (s + batch) * 784), labels.subarray(s, s + batch), batch);
    sgdStep(net.params, grad, LR, 0, null);
    s += batch;
  };
  for (let i = 0; i * batch < 3000; i++) step(); // warm-up
  return {
    measure() {
      const t0 = now();
      let done = 0;
      while (done < examples) {
        step();
        done += batch;
      }
      return done / (now() - t0);
    },
  };
}

/**
 * tfjs doing the same SGD steps on `backend`: the same network (initial weights from
 * createNetwork), activation, loss and batch size; each round runs for `seconds`.
 */
async function tfjsContender(
  backend: 'cpu' | 'wasm',
  spec: NetworkSpec,
  x: Float32Array,
  labels: Uint8Array,
  batch: number,
  seconds: number,
): Promise<Contender> {
  await selectBackend(backend);
  const sizes = spec.sizes;
  const init = createNetwork(spec).params;
  const vars: tf.Variable[] = [];
  let at = 0;
  for (let l = 1; l < sizes.length; l++) {
    // params hold W row-major [out][in]; tfjs multiplies x [batch, in] by W^T [in, out]
    const w = tf.tidy(() =>
      tf.tensor2d(init.slice(at, at + sizes[l] * sizes[l - 1]), [sizes[l], sizes[l - 1]]).transpose(),
    );
    at += sizes[l] * sizes[l - 1];
    vars.push(tf.variable(w), tf.variable(tf.tensor1d(init.slice(at, at + sizes[l]))));
    w.dispose();
    at += sizes[l];
  }
  const L = sizes.length - 1;
  const classes = sizes[L];
  const hidden = (z: tf.Tensor) =>
    spec.activation === 'relu' ? tf.relu(z) : spec.activation === 'tanh' ? tf.tanh(z) : tf.sigmoid(z);
  const optimizer = tf.train.sgd(LR);
  const count = labels.length;
  let s = 0;
  const step = () => {
    if (s + batch > count) s = 0;
    const xb = tf.tensor2d(x.subarray(s * 784, (s + batch) * 784), [batch, 784]);
    const yb = tf.tidy(() => tf.oneHot(tf.tensor1d(labels.subarray(s, s + batch), 'int32'), classes).toFloat());
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
    s += batch;
  };
  const warm = Math.max(3, Math.ceil(512 / batch));
  for (let i = 0; i < warm; i++) step();
  return {
    async measure() {
      await selectBackend(backend);
      const t0 = now();
      let done = 0;
      while (done === 0 || now() - t0 < seconds) {
        step();
        done += batch;
      }
      return done / (now() - t0);
    },
    dispose() {
      tf.dispose(vars);
      optimizer.dispose();
    },
  };
}

async function selectBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(join(dist, '/'));
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' did not start`);
  await tf.ready();
}

export interface EngineBenchOptions {
  spec?: NetworkSpec;
  batchSizes?: number[];
  /** Measurement rounds (each measures every contender once); figures are medians. */
  rounds?: number;
  /** Examples per BatchTrainer measurement. */
  oursExamples?: number;
  /** Seconds per tfjs measurement. */
  tfjsSeconds?: number;
  log?: (line: string) => void;
}

/** Runs the engine benchmark on MNIST training data (60,000 images). */
export async function runEngineBench(train: ByteData, options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const spec = options.spec ?? DEFAULT_SPEC;
  const batchSizes = options.batchSizes ?? [1, 10, 32, 100];
  const rounds = options.rounds ?? 5;
  const oursExamples = options.oursExamples ?? 30_000;
  const tfjsSeconds = options.tfjsSeconds ?? 0.4;
  const log = options.log ?? (() => {});
  const floatCount = 6_400;
  const x = toFloats(train, floatCount);
  const labels = train.labels.slice(0, floatCount);
  const fmt = (r: Measured) => `${Math.round(r.examplesPerSecond).toLocaleString('en-US').padStart(9)} examples/s`;

  log(`network ${spec.sizes.join('-')} ${spec.activation} + ${spec.loss}, plain SGD lr ${LR}`);
  log(`${rounds} rounds, each measuring every contender back to back; medians over rounds`);
  const t0 = now();
  const epochTrainer = new BatchTrainer(createNetwork(spec), train);
  const nonzeroListSeconds = now() - t0;
  const epochOrder = shuffledOrder(train.count, createRng(2));
  epochTrainer.trainEpoch(epochOrder.subarray(0, 3000), 32, LR, 0); // warm-up

  // contenders, all warmed up before the first round
  const ours = new Map<number, Contender>();
  const cpu = new Map<number, Contender>();
  const wasm = new Map<number, Contender>();
  for (const b of batchSizes) ours.set(b, oursContender(spec, train, b, oursExamples, 0));
  const oursMomentum = oursContender(spec, train, 32, oursExamples, 0.9);
  const lag = lossAndGradientContender(spec, x, labels, 32, oursExamples);
  for (const b of batchSizes) cpu.set(b, await tfjsContender('cpu', spec, x, labels, b, tfjsSeconds));
  for (const b of batchSizes) wasm.set(b, await tfjsContender('wasm', spec, x, labels, b, tfjsSeconds));

  const oursR = new Map<number, number[]>(batchSizes.map((b) => [b, []]));
  const cpuR = new Map<number, number[]>(batchSizes.map((b) => [b, []]));
  const wasmR = new Map<number, number[]>(batchSizes.map((b) => [b, []]));
  const momR: number[] = [];
  const lagR: number[] = [];
  const epochR: number[] = [];
  const ratio32 = { cpu: [] as number[], wasm: [] as number[], lag: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const b of batchSizes) {
      oursR.get(b)!.push(await ours.get(b)!.measure());
      cpuR.get(b)!.push(await cpu.get(b)!.measure());
      wasmR.get(b)!.push(await wasm.get(b)!.measure());
    }
    lagR.push(await lag.measure());
    momR.push(await oursMomentum.measure());
    const e0 = now();
    epochTrainer.trainEpoch(epochOrder, 32, LR, 0);
    epochR.push(now() - e0);
    if (batchSizes.includes(32)) {
      ratio32.cpu.push(oursR.get(32)![r] / cpuR.get(32)![r]);
      ratio32.wasm.push(oursR.get(32)![r] / wasmR.get(32)![r]);
      ratio32.lag.push(lagR[r] / cpuR.get(32)![r]);
    }
    log(
      `round ${r + 1}: ` +
        batchSizes
          .map(
            (b) =>
              `b${b} ours ${Math.round(oursR.get(b)![r])} cpu ${Math.round(cpuR.get(b)![r])} wasm ${Math.round(wasmR.get(b)![r])}`,
          )
          .join(' | ') +
        ` | lossAndGradient ${Math.round(lagR[r])} | epoch ${epochR[r].toFixed(3)} s`,
    );
  }
  for (const c of [...cpu.values(), ...wasm.values()]) c.dispose?.();

  const oursM: Record<number, Measured> = {};
  const cpuM: Record<number, Measured> = {};
  const wasmM: Record<number, Measured> = {};
  for (const b of batchSizes) {
    oursM[b] = measured(oursR.get(b)!);
    cpuM[b] = measured(cpuR.get(b)!);
    wasmM[b] = measured(wasmR.get(b)!);
  }
  const lossAndGradient32 = measured(lagR);
  const oursMomentum32 = measured(momR);
  const epochSeconds = median(epochR);
  log('');
  for (const b of batchSizes) log(`ours (BatchTrainer)      batch ${String(b).padStart(3)}: ${fmt(oursM[b])}`);
  log(`ours (BatchTrainer)      batch  32: ${fmt(oursMomentum32)}  with momentum 0.9 (the app's default)`);
  log(`ours (lossAndGradient)   batch  32: ${fmt(lossAndGradient32)}`);
  for (const b of batchSizes) log(`tfjs 'cpu'               batch ${String(b).padStart(3)}: ${fmt(cpuM[b])}`);
  for (const b of batchSizes) log(`tfjs 'wasm'              batch ${String(b).padStart(3)}: ${fmt(wasmM[b])}`);
  log(
    `one ${train.count.toLocaleString('en-US')}-example epoch at batch 32: ${epochSeconds.toFixed(3)} s (median; nonzero lists built once: ${nonzeroListSeconds.toFixed(3)} s)`,
  );
  for (const b of batchSizes) {
    const rc = median(oursR.get(b)!.map((v, i) => v / cpuR.get(b)![i]));
    const rw = median(oursR.get(b)!.map((v, i) => v / wasmR.get(b)![i]));
    log(`batch ${String(b).padStart(3)}: ours / tfjs cpu ${rc.toFixed(1)}x, ours / tfjs wasm ${rw.toFixed(1)}x`);
  }
  const ratios = {
    oursOverCpu32: median(ratio32.cpu),
    oursOverWasm32: median(ratio32.wasm),
    lossAndGradientOverCpu32: median(ratio32.lag),
  };
  log(
    `batch 32 targets: ours/cpu ${ratios.oursOverCpu32.toFixed(1)}x (>= 25), ours/wasm ${ratios.oursOverWasm32.toFixed(1)}x (>= 8), ` +
      `lossAndGradient/cpu ${ratios.lossAndGradientOverCpu32.toFixed(1)}x (>= 20), epoch ${epochSeconds.toFixed(3)} s (< 0.5)`,
  );
  return {
    spec,
    batchSizes,
    rounds,
    ours: oursM,
    oursMomentum32,
    tfjsCpu: cpuM,
    tfjsWasm: wasmM,
    lossAndGradient32,
    epochSeconds,
    epochRounds: epochR,
    epochExamples: train.count,
    nonzeroListSeconds,
    ratios,
  };
}
