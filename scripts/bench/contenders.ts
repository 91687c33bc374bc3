/**
 * The engine benchmark's contenders: the worker's BatchTrainer path, the contract's
 * lossAndGradient on Float32 inputs, and @tensorflow/tfjs ('cpu' and single-threaded 'wasm')
 * doing the same work (same network, activation, loss, batch size, plain SGD). Each runs in
 * its own worker thread (contender-worker.ts); engine.ts drives the rounds.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import {
  BatchTrainer,
  createNetwork,
  createRng,
  lossAndGradient,
  sgdStep,
  shuffledOrder,
  type ByteData,
  type NetworkSpec,
} from '../../src/engine/index.ts';

export const LR = 0.01;

/*
 * tfjs is imported only by the threads that run it: merely loading it made our engine's
 * epoch 30% slower in that thread (0.35 -> 0.46 s; seen under tsx, cause not pinned down).
 */
let tf: typeof TF;
let setWasmPaths: (typeof import('@tensorflow/tfjs-backend-wasm'))['setWasmPaths'];

async function loadTfjs(): Promise<void> {
  tf ??= await import('@tensorflow/tfjs');
  setWasmPaths ??= (await import('@tensorflow/tfjs-backend-wasm')).setWasmPaths;
}
const now = () => performance.now() / 1000;

export function toFloats(data: ByteData, count: number): Float32Array {
  const x = new Float32Array(count * 784);
  for (let i = 0; i < x.length; i++) x[i] = data.images[i] / 255;
  return x;
}

/** A contender: warm it up once, then call measure() once per round. */
export interface Contender {
  measure(): Promise<number> | number;
  dispose?(): void;
}

/**
 * BatchTrainer along a shuffled order, `examples` per round, driven as the worker's session
 * drives it (trainer-session.ts finishBatch / beginBatch): per batch clearBatch(), accumulate()
 * each example, applyUpdate(); the last batch of the order may be smaller.
 */
export function oursContender(
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
export function lossAndGradientContender(
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
export async function tfjsContender(
  backend: 'cpu' | 'wasm',
  spec: NetworkSpec,
  x: Float32Array,
  labels: Uint8Array,
  batch: number,
  seconds: number,
): Promise<Contender> {
  await loadTfjs();
  await selectBackend(backend);
  const sizes = spec.sizes;
  const init = createNetwork(spec).params;
  const vars: TF.Variable[] = [];
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
  const hidden = (z: TF.Tensor) =>
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
        let a: TF.Tensor = xb;
        for (let l = 1; l <= L; l++) {
          const z = tf.add(tf.matMul(a, vars[2 * l - 2]), vars[2 * l - 1]);
          a = l < L ? hidden(z) : z;
        }
        if (spec.loss === 'categorical-ce') return tf.losses.softmaxCrossEntropy(yb, a) as TF.Scalar;
        if (spec.loss === 'binary-ce') return tf.mul(tf.losses.sigmoidCrossEntropy(yb, a), classes) as TF.Scalar;
        return tf.mean(tf.sum(tf.square(tf.sub(tf.sigmoid(a), yb)), 1)) as TF.Scalar;
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
