/**
 * One worker thread of the engine benchmark: builds and warms up one side's contenders
 * (ours, the contract's lossAndGradient alone, tfjs 'cpu' or tfjs 'wasm'), then measures the
 * one each message names.
 *
 * Why threads: each thread is its own JavaScript engine instance (V8 isolate). In one shared
 * instance, the first ArrayBuffer that anything detaches (tfjs-backend-wasm growing its memory,
 * tsx's module loader) makes every typed-array loop there check for detached buffers from then
 * on, about 30% slower in Node 20: the engine's epoch took 0.46-0.65 s beside tfjs and 0.35 s
 * alone. The app's trainer worker detaches nothing (trainer.worker.ts), so ours is measured in
 * such a thread, and each tfjs backend in a thread of its own, so neither side pays for the other.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  BatchTrainer,
  createNetwork,
  createRng,
  shuffledOrder,
  type ByteData,
  type NetworkSpec,
} from '../../src/engine/index.ts';
import { LR, lossAndGradientContender, oursContender, tfjsContender, toFloats, type Contender } from './contenders.ts';

export interface ContenderSetup {
  /** 'contract': the contract's lossAndGradient alone, in a thread that holds nothing else. */
  role: 'ours' | 'contract' | 'cpu' | 'wasm';
  spec: NetworkSpec;
  train: ByteData;
  batchSizes: number[];
  oursExamples: number;
  tfjsSeconds: number;
  floatCount: number;
}

/** Worker -> main: ready (with what the setup measured), a measurement, or a failure. */
export type ContenderReply =
  | { kind: 'ready'; nonzeroListSeconds: number | null }
  | { kind: 'measured'; name: string; value: number }
  | { kind: 'failed'; message: string };

const now = () => performance.now() / 1000;

async function setUp(
  s: ContenderSetup,
): Promise<{ contenders: Map<string, Contender>; nonzeroListSeconds: number | null }> {
  const contenders = new Map<string, Contender>();
  if (s.role !== 'ours') {
    // Float32 inputs for the contract and tfjs (ours reads the bytes; it built these unused)
    const x = toFloats(s.train, s.floatCount);
    const labels = s.train.labels.slice(0, s.floatCount);
    if (s.role === 'contract') {
      contenders.set('lag32', lossAndGradientContender(s.spec, x, labels, 32, s.oursExamples));
      return { contenders, nonzeroListSeconds: null };
    }
    for (const b of s.batchSizes)
      contenders.set(`b${b}`, await tfjsContender(s.role, s.spec, x, labels, b, s.tfjsSeconds));
    return { contenders, nonzeroListSeconds: null };
  }
  const t0 = now();
  const epochTrainer = new BatchTrainer(createNetwork(s.spec), s.train);
  const nonzeroListSeconds = now() - t0;
  const epochOrder = shuffledOrder(s.train.count, createRng(2));
  epochTrainer.trainEpoch(epochOrder.subarray(0, 3000), 32, LR, 0); // warm-up
  // "examples/s" of an epoch contender is its seconds: engine.ts reads it as such
  contenders.set('epoch', {
    measure() {
      const e0 = now();
      epochTrainer.trainEpoch(epochOrder, 32, LR, 0);
      return now() - e0;
    },
  });
  for (const b of s.batchSizes) contenders.set(`b${b}`, oursContender(s.spec, s.train, b, s.oursExamples, 0));
  contenders.set('momentum32', oursContender(s.spec, s.train, 32, s.oursExamples, 0.9));
  return { contenders, nonzeroListSeconds };
}

const port = parentPort!;
const send = (reply: ContenderReply) => port.postMessage(reply);
try {
  const { contenders, nonzeroListSeconds } = await setUp(workerData as ContenderSetup);
  port.on('message', (name: string) => {
    const c = contenders.get(name);
    if (!c) {
      send({ kind: 'failed', message: `no contender '${name}' in this worker` });
      return;
    }
    Promise.resolve(c.measure()).then(
      (value) => send({ kind: 'measured', name, value }),
      (e: unknown) => send({ kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
  send({ kind: 'ready', nonzeroListSeconds });
} catch (e) {
  send({ kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
