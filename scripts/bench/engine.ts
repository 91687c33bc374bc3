/**
 * Engine throughput benchmark: the worker's BatchTrainer path, the contract's
 * lossAndGradient on Float32 inputs, and @tensorflow/tfjs ('cpu' and single-threaded
 * 'wasm') doing the same work (same 784-16-16-10 network, activation, loss, batch size,
 * plain SGD) in this process. Used by scripts/bench.ts.
 *
 * Each side runs in its own worker thread of this process (contender-worker.ts says why:
 * a buffer detached by one side slows the other's typed-array loops in a shared engine).
 * The worker is bundled with esbuild first, since worker threads do not get tsx's loader.
 * Robust on a busy 2-core machine: every contender is warmed up, then measured in several
 * rounds, and each round measures all of them back to back, one at a time (ours, tfjs
 * 'cpu', tfjs 'wasm' per batch size), so a burst of load from other processes hits every
 * contender alike. Figures are medians over the rounds; ratios are medians of the per-round
 * ratios.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { NetworkSpec } from '../../src/engine/index.ts';
import { DEFAULT_SPEC } from '../../src/engine/index.ts';
import { LR } from './contenders.ts';
import type { ContenderReply, ContenderSetup } from './contender-worker.ts';

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

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measured(rounds: number[]): Measured {
  return { examplesPerSecond: median(rounds), rounds };
}

const root = resolve(import.meta.dirname, '..', '..');

/** Bundles contender-worker.ts into plain JavaScript under node_modules/.cache (so tfjs resolves from node_modules). */
async function bundleWorker(): Promise<string> {
  const outfile = join(root, 'node_modules', '.cache', 'backprop-lab-bench', 'contender-worker.mjs');
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, 'scripts', 'bench', 'contender-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@tensorflow/*'],
    logLevel: 'warning',
  });
  return outfile;
}

/** One side's worker thread: measure(name) runs that contender once and resolves with its figure. */
interface Side {
  nonzeroListSeconds: number | null;
  trainCount: number;
  measure(name: string): Promise<number>;
  close(): Promise<number>;
}

function startSide(file: string, setup: ContenderSetup): Promise<Side> {
  const worker = new Worker(file, { workerData: setup });
  let waiting: { resolve: (r: ContenderReply) => void; reject: (e: Error) => void } | null = null;
  const next = () =>
    new Promise<ContenderReply>((resolve, reject) => {
      waiting = { resolve, reject };
    });
  const fail = (e: Error) => {
    const w = waiting;
    waiting = null;
    w?.reject(e);
  };
  worker.on('message', (r: ContenderReply) => {
    const w = waiting;
    waiting = null;
    w?.resolve(r);
  });
  worker.on('error', (e) => fail(new Error(`the ${setup.role} worker failed: ${e.stack ?? e.message}`)));
  worker.on('exit', (code) => fail(new Error(`the ${setup.role} worker exited (code ${code})`)));
  const expect = async <K extends ContenderReply['kind']>(kind: K) => {
    const r = await next();
    if (r.kind === 'failed') throw new Error(`the ${setup.role} worker failed: ${r.message}`);
    if (r.kind !== kind) throw new Error(`the ${setup.role} worker sent '${r.kind}', expected '${kind}'`);
    return r as Extract<ContenderReply, { kind: K }>;
  };
  const ready = expect('ready');
  return ready.then(
    (r) => ({
      nonzeroListSeconds: r.nonzeroListSeconds,
      trainCount: r.trainCount,
      async measure(name: string) {
        const reply = expect('measured');
        worker.postMessage(name);
        return (await reply).value;
      },
      close: () => worker.terminate(),
    }),
    async (e: unknown) => {
      await worker.terminate();
      throw e;
    },
  );
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

/**
 * Runs the engine benchmark on MNIST training data (60,000 images), which each contender's
 * thread reads from `dataDir` itself (contender-worker.ts says why).
 */
export async function runEngineBench(dataDir: string, options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const spec = options.spec ?? DEFAULT_SPEC;
  const batchSizes = options.batchSizes ?? [1, 10, 32, 100];
  const rounds = options.rounds ?? 5;
  const oursExamples = options.oursExamples ?? 30_000;
  const tfjsSeconds = options.tfjsSeconds ?? 0.4;
  const log = options.log ?? (() => {});
  const floatCount = 6_400;
  const fmt = (r: Measured) => `${Math.round(r.examplesPerSecond).toLocaleString('en-US').padStart(9)} examples/s`;

  log(`network ${spec.sizes.join('-')} ${spec.activation} + ${spec.loss}, plain SGD lr ${LR}`);
  log(`${rounds} rounds, each measuring every contender back to back; medians over rounds`);
  const file = await bundleWorker();
  const setup = (role: ContenderSetup['role']): ContenderSetup => ({
    role,
    spec,
    dataDir,
    batchSizes,
    oursExamples,
    tfjsSeconds,
    floatCount,
  });
  // one side at a time, so each warms up alone
  const ours = await startSide(file, setup('ours'));
  const contract = await startSide(file, setup('contract'));
  const cpu = await startSide(file, setup('cpu'));
  const wasm = await startSide(file, setup('wasm'));
  const nonzeroListSeconds = ours.nonzeroListSeconds ?? NaN;
  const trainCount = ours.trainCount;

  const oursR = new Map<number, number[]>(batchSizes.map((b) => [b, []]));
  const cpuR = new Map<number, number[]>(batchSizes.map((b) => [b, []]));
  const wasmR = new Map<number, number[]>(batchSizes.map((b) => [b, []]));
  const momR: number[] = [];
  const lagR: number[] = [];
  const epochR: number[] = [];
  const ratio32 = { cpu: [] as number[], wasm: [] as number[], lag: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const b of batchSizes) {
      oursR.get(b)!.push(await ours.measure(`b${b}`));
      cpuR.get(b)!.push(await cpu.measure(`b${b}`));
      wasmR.get(b)!.push(await wasm.measure(`b${b}`));
    }
    lagR.push(await contract.measure('lag32'));
    momR.push(await ours.measure('momentum32'));
    epochR.push(await ours.measure('epoch'));
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
  await Promise.all([ours.close(), contract.close(), cpu.close(), wasm.close()]);

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
    `one ${trainCount.toLocaleString('en-US')}-example epoch at batch 32: ${epochSeconds.toFixed(3)} s (median; nonzero lists built once: ${nonzeroListSeconds.toFixed(3)} s)`,
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
    epochExamples: trainCount,
    nonzeroListSeconds,
    ratios,
  };
}
