/**
 * Trains the default network (784-16-16-10, the engine's DEFAULT_SPEC and
 * DEFAULT_TRAINING) with the project's own engine and a fixed seed on the first 50,000
 * MNIST training images (the last 10,000 are the validation split), and writes
 * public/models/pretrained.json, which the draw pad loads on first visit.
 *
 *   npm run make-pretrained   (not "pretrain": npm would run that before every "npm run train")
 *   npx tsx scripts/pretrain.ts --epochs=20 --lr=0.05 --decay=0.9 --momentum=0.9 --dry-run
 *   (to try other settings; choose them on the validation accuracy it prints)
 *
 * Deterministic: the same engine gives the same file. Prints accuracy per epoch and the
 * final test accuracy (on the 10,000 test images, measured with the rounded weights
 * that are shipped).
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  BatchTrainer,
  DEFAULT_SPEC,
  DEFAULT_TRAINING,
  createNetwork,
  createRng,
  evaluate,
  learningRateAt,
  shuffledOrder,
} from '../src/engine/index.ts';
import { MNIST_FILES, VALIDATION_SIZE, makeDataset, sliceDataset } from '../src/data/idx.ts';
import { MODEL_FORMAT, MODEL_VERSION, parsePretrained, type PretrainedFile } from '../src/data/pretrained.ts';

const USAGE =
  'usage: npx tsx scripts/pretrain.ts [--epochs=N] [--seed=S] [--lr=X] [--momentum=M] [--decay=D] [--dry-run]';
/** A refused command line: the reason and the usage, exit code 2 (nothing written). */
function refuse(problem: string): never {
  process.stderr.write(`pretrain: ${problem}\n${USAGE}\n`);
  process.exit(2);
}
const KNOWN = new Set(['epochs', 'seed', 'lr', 'momentum', 'decay', 'dry-run']);
const args = new Map(
  process.argv.slice(2).map((a) => {
    // (a mistyped --dry-run was ignored, and the shipped model was overwritten)
    if (!a.startsWith('--')) refuse(`unexpected argument '${a}'`);
    const [k, v] = a.slice(2).split('=');
    if (!KNOWN.has(k)) refuse(`unknown option --${k}`);
    if (k === 'dry-run' ? v !== undefined : v === undefined)
      refuse(k === 'dry-run' ? '--dry-run takes no value' : `--${k} needs a value, as --${k}=N`);
    return [k, v ?? 'true'] as const;
  }),
);
function option(name: string, fallback: number): number {
  const text = args.get(name);
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0) refuse(`--${name}=${text}: expected a number >= 0`);
  return v;
}

/**
 * The engine's DEFAULT_TRAINING at the time (alpha 0.05, decay 0.8, 15 epochs; now 0.02 and 0.7)
 * reached 96.0% on validation but 95.8% on test; a little longer and gentler, chosen on the validation
 * split among a dozen runs (96.1% validation), it reaches 96.1% on test. A 16-16 network
 * sits near 96% whatever the settings, so the margin is thin.
 */
const PRETRAIN = { epochs: 20, learningRate: 0.04, decay: 0.88 };
const EPOCHS = option('epochs', PRETRAIN.epochs);
const SEED = option('seed', DEFAULT_SPEC.seed);
const DRY_RUN = args.has('dry-run');
/** Significant digits kept per parameter: float32 has ~7; 6 keeps the file small and the accuracy. */
const DIGITS = 6;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'public', 'data');
const outFile = join(root, 'public', 'models', 'pretrained.json');

function read(name: string) {
  const path = join(dataDir, `${name}.gzip`);
  try {
    return { bytes: new Uint8Array(gunzipSync(readFileSync(path))), name: `${name}.gzip` };
  } catch (e) {
    throw new Error(`${path}: cannot read (${String(e)}); run \`npm run prepare-data\` first`, { cause: e });
  }
}

const all = makeDataset(read(MNIST_FILES.trainImages), read(MNIST_FILES.trainLabels));
const test = makeDataset(read(MNIST_FILES.testImages), read(MNIST_FILES.testLabels));
const trainCount = all.count - VALIDATION_SIZE;
const train = sliceDataset(all, 0, trainCount);
const validation = sliceDataset(all, trainCount, all.count);

const spec = { ...DEFAULT_SPEC, seed: SEED };
const settings = {
  ...DEFAULT_TRAINING,
  learningRate: option('lr', PRETRAIN.learningRate),
  momentum: option('momentum', DEFAULT_TRAINING.momentum),
  schedule: { kind: 'exponential', decay: option('decay', PRETRAIN.decay) } as const,
};
const net = createNetwork(spec);
const trainer = new BatchTrainer(net, train);
const rng = createRng(SEED);

console.log(
  `pretraining ${spec.sizes.join('-')} ${spec.activation}/${spec.loss} on ${trainCount.toLocaleString('en')} images, ` +
    `batch ${settings.batchSize}, alpha ${settings.learningRate}, momentum ${settings.momentum}, seed ${SEED}`,
);
const started = performance.now();
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const lr = learningRateAt(settings.learningRate, settings.schedule, epoch);
  const order = shuffledOrder(train.count, rng);
  const cost = trainer.trainEpoch(order, settings.batchSize, lr, settings.momentum);
  const v = evaluate(net, validation);
  console.log(
    `epoch ${epoch + 1}: alpha ${lr.toPrecision(3)}, train cost ${cost.toFixed(4)}, validation ${(v.accuracy * 100).toFixed(2)}%`,
  );
}
const seconds = (performance.now() - started) / 1000;

const rounded = Array.from(net.params, (x) => Number(x.toPrecision(DIGITS)));
const shipped = { spec, params: Float32Array.from(rounded) };
const testAccuracy = evaluate(shipped, test).accuracy;
const validationAccuracy = evaluate(shipped, validation).accuracy;

const file: PretrainedFile = {
  format: MODEL_FORMAT,
  version: MODEL_VERSION,
  spec,
  training: {
    learningRate: settings.learningRate,
    decay: settings.schedule.decay,
    momentum: settings.momentum,
    batchSize: settings.batchSize,
    trainedOn: `MNIST training images 0-${(trainCount - 1).toLocaleString('en')} (the last ${VALIDATION_SIZE.toLocaleString('en')} held out for validation)`,
  },
  epochs: EPOCHS,
  seed: SEED,
  testAccuracy: Number(testAccuracy.toFixed(4)),
  validationAccuracy: Number(validationAccuracy.toFixed(4)),
  params: rounded,
};
// the file must pass the same checks the app applies when it loads it
parsePretrained(JSON.parse(JSON.stringify(file)), outFile);

if (DRY_RUN) {
  console.log(
    `test ${(testAccuracy * 100).toFixed(2)}%, validation ${(validationAccuracy * 100).toFixed(2)}% (dry run: nothing written)`,
  );
  process.exit(0);
}
mkdirSync(dirname(outFile), { recursive: true });
// one field per line, params on one line: small, and a diff shows the metadata
const { params, ...meta } = file;
const text = JSON.stringify(meta, null, 2).replace(/\n}$/, `,\n  "params": ${JSON.stringify(params)}\n}\n`);
writeFileSync(outFile, text);
console.log(
  `trained in ${seconds.toFixed(1)} s; test accuracy ${(testAccuracy * 100).toFixed(2)}% ` +
    `(validation ${(validationAccuracy * 100).toFixed(2)}%); wrote ${outFile} (${(text.length / 1024).toFixed(0)} KB)`,
);
