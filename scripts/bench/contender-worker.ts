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
 *
 * Each thread reads the MNIST files itself, as the app's trainer worker fetches its own data.
 * Handed over as workerData (a structured clone), the same bytes made this thread's every new
 * typed array slow to allocate (V8 counts the clone as external memory; 2026-12-04, Node 20:
 * `new Float32Array(13002)` 46-114 us against 2-5 us), which halved the contract's
 * lossAndGradient (a new gradient array per call, 91k examples/s against 165k) and taxed tfjs
 * (a tensor per op), while ours, which allocates nothing per batch, ran the same either way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchTrainer, createNetwork, createRng, shuffledOrder, type NetworkSpec } from '../../src/engine/index.ts';
import { loadMnistTrainFrom } from '../../tests/helpers/mnist.ts';
import { LR, lossAndGradientContender, oursContender, tfjsContender, toFloats, type Contender } from './contenders.ts';

export interface ContenderSetup {
  /** 'contract': the contract's lossAndGradient alone, in a thread that holds nothing else. */
  role: 'ours' | 'contract' | 'cpu' | 'wasm';
  spec: NetworkSpec;
  /** The directory of the prepared MNIST files (absolute), which the thread reads itself. */
  dataDir: string;
  batchSizes: number[];
  oursExamples: number;
  tfjsSeconds: number;
  floatCount: number;
}

/** Worker -> main: ready (with what the setup measured), a measurement, or a failure. */
export type ContenderReply =
  | { kind: 'ready'; nonzeroListSeconds: number | null; trainCount: number }
  | { kind: 'measured'; name: string; value: number }
  | { kind: 'failed'; message: string };

const now = () => performance.now() / 1000;

async function setUp(
  s: ContenderSetup,
): Promise<{ contenders: Map<string, Contender>; nonzeroListSeconds: number | null; trainCount: number }> {
  const contenders = new Map<string, Contender>();
  const train = loadMnistTrainFrom(s.dataDir);
  const trainCount = train.count;
  if (s.role !== 'ours') {
    // Float32 inputs for the contract and tfjs (ours reads the bytes; it built these unused)
    const x = toFloats(train, s.floatCount);
    const labels = train.labels.slice(0, s.floatCount);
    if (s.role === 'contract') {
      contenders.set('lag32', lossAndGradientContender(s.spec, x, labels, 32, s.oursExamples));
      return { contenders, nonzeroListSeconds: null, trainCount };
    }
    for (const b of s.batchSizes)
      contenders.set(`b${b}`, await tfjsContender(s.role, s.spec, x, labels, b, s.tfjsSeconds));
    return { contenders, nonzeroListSeconds: null, trainCount };
  }
  const t0 = now();
  const epochTrainer = new BatchTrainer(createNetwork(s.spec), train);
  const nonzeroListSeconds = now() - t0;
  const epochOrder = shuffledOrder(train.count, createRng(2));
  epochTrainer.trainEpoch(epochOrder.subarray(0, 3000), 32, LR, 0); // warm-up
  // "examples/s" of an epoch contender is its seconds: engine.ts reads it as such
  contenders.set('epoch', {
    measure() {
      const e0 = now();
      epochTrainer.trainEpoch(epochOrder, 32, LR, 0);
      return now() - e0;
    },
  });
  for (const b of s.batchSizes) contenders.set(`b${b}`, oursContender(s.spec, train, b, s.oursExamples, 0));
  contenders.set('momentum32', oursContender(s.spec, train, 32, s.oursExamples, 0.9));
  return { contenders, nonzeroListSeconds, trainCount };
}

const port = parentPort!;
const send = (reply: ContenderReply) => port.postMessage(reply);
try {
  const { contenders, nonzeroListSeconds, trainCount } = await setUp(workerData as ContenderSetup);
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
  send({ kind: 'ready', nonzeroListSeconds, trainCount });
} catch (e) {
  send({ kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
