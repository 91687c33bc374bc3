/**
 * Headless training on real MNIST with the engine's BatchTrainer (the worker's path):
 * first 50,000 training images for training, last 10,000 for validation, 10,000 test.
 * With --all it trains on all 60,000 (the usual last step once settings have been chosen on
 * the validation split) and reports the test set only.
 *
 *   npm run train -- --epochs N [--activation A] [--loss L] [--lr X] [--batch B]
 *                    [--momentum M] [--seed S] [--schedule constant|step|exponential]
 *                    [--decay D] [--every E] [--lecture] [--all] [--json]
 *
 * Anything not given takes the app defaults (DEFAULT_SPEC, DEFAULT_TRAINING); --lecture
 * starts from LECTURE_SETTINGS (sigmoid + mse) instead. Bad flags: message, exit code 2.
 */
import {
  BatchTrainer,
  createNetwork,
  createRng,
  DEFAULT_SPEC,
  DEFAULT_TRAINING,
  evaluate,
  LECTURE_SETTINGS,
  layerOffsets,
  learningRateAt,
  shuffledOrder,
  type Activation,
  type LearningRateSchedule,
  type Loss,
  type NetworkSpec,
} from '../src/engine/index.ts';
import { loadMnist } from '../tests/helpers/mnist.ts';
import { sliceDataset, VALIDATION_SIZE } from '../src/data/idx.ts';

const USAGE =
  'usage: npm run train -- --epochs N [--activation sigmoid|relu|tanh] [--loss mse|binary-ce|categorical-ce] ' +
  '[--lr X] [--batch B] [--momentum M] [--seed S] [--schedule constant|step|exponential] [--decay D] [--every E] ' +
  '[--hidden 16,16] [--hidden-bias B] [--lecture] [--all] [--json]';

class UsageError extends Error {}
/** --help or -h: the usage on stdout, exit code 0. */
class HelpRequest extends Error {}

interface Options {
  epochs: number;
  spec: NetworkSpec;
  learningRate: number;
  batchSize: number;
  momentum: number;
  schedule: LearningRateSchedule;
  /** Initial value of every hidden-layer bias (experiments; createNetwork's default when absent). */
  hiddenBias: number | null;
  /** Train on all 60,000 training images, validation split included. */
  all: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  const booleans = new Set(['json', 'lecture', 'all']);
  const known = new Set([
    'epochs',
    'activation',
    'loss',
    'lr',
    'batch',
    'momentum',
    'seed',
    'schedule',
    'decay',
    'every',
    'hidden',
    'hidden-bias',
    ...booleans,
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new HelpRequest();
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (!known.has(name)) throw new UsageError(`unknown flag --${name}`);
    if (booleans.has(name)) {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
      flags.set(name, 'true');
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    }
    // a repeated flag is most likely a mistake in a longer command: say so rather than keep the last
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    flags.set(name, value);
  }
  const num = (name: string, min: number, max: number, integer: boolean, fallback: number): number => {
    const text = flags.get(name);
    if (text === undefined) return fallback;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new UsageError(
        `--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got '${text}'`,
      );
    }
    return v;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const text = flags.get(name);
    if (text === undefined) return fallback;
    if (!(values as readonly string[]).includes(text))
      throw new UsageError(`--${name} must be one of ${values.join(', ')}, got '${text}'`);
    return text as T;
  };
  const base = flags.has('lecture') ? LECTURE_SETTINGS : { ...DEFAULT_TRAINING, spec: DEFAULT_SPEC };
  const epochs = num('epochs', 1, 1000, true, 1);
  const activation = oneOf<Activation>('activation', ['sigmoid', 'relu', 'tanh'], base.spec.activation);
  const loss = oneOf<Loss>('loss', ['mse', 'binary-ce', 'categorical-ce'], base.spec.loss);
  let hidden = base.spec.sizes.slice(1, -1);
  const hiddenText = flags.get('hidden');
  if (hiddenText !== undefined) {
    hidden = hiddenText.split(/[,-]/).map(Number);
    if (hidden.length < 1 || hidden.some((n) => !Number.isInteger(n) || n < 1 || n > 4096)) {
      throw new UsageError(`--hidden must list layer sizes like 16,16, got '${hiddenText}'`);
    }
  }
  const seed = num('seed', 0, 2 ** 31 - 1, true, base.spec.seed);
  const kind = oneOf('schedule', ['constant', 'step', 'exponential'] as const, base.schedule.kind);
  const baseDecay =
    base.schedule.kind === 'exponential'
      ? base.schedule.decay
      : base.schedule.kind === 'step'
        ? base.schedule.factor
        : 0.8;
  const decay = num('decay', 0.0001, 1, false, baseDecay);
  const every = num('every', 1, 1000, true, base.schedule.kind === 'step' ? base.schedule.every : 1);
  const schedule: LearningRateSchedule =
    kind === 'constant' ? { kind } : kind === 'step' ? { kind, every, factor: decay } : { kind, decay };
  const options: Options = {
    epochs,
    spec: { sizes: [784, ...hidden, 10], activation, loss, seed },
    learningRate: num('lr', 1e-6, 1000, false, base.learningRate),
    batchSize: num('batch', 1, 50_000, true, base.batchSize),
    momentum: num('momentum', 0, 0.999, false, base.momentum),
    schedule,
    hiddenBias: flags.has('hidden-bias') ? num('hidden-bias', -10, 10, false, 0) : null,
    all: flags.has('all'),
    json: flags.has('json'),
  };
  // last, so that a bad value elsewhere is named even when --epochs is missing too
  if (!flags.has('epochs')) throw new UsageError('--epochs is required');
  return options;
}

function main(): void {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof HelpRequest) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (e instanceof UsageError) {
      process.stderr.write(`train: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  const { train: all, test } = loadMnist();
  const split = all.count - VALIDATION_SIZE;
  const train = opts.all ? all : sliceDataset(all, 0, split);
  const validation = opts.all ? null : sliceDataset(all, split, all.count);
  const net = createNetwork(opts.spec);
  if (opts.hiddenBias !== null) {
    const o = layerOffsets(opts.spec.sizes);
    for (let l = 1; l < opts.spec.sizes.length - 1; l++)
      net.params.fill(opts.hiddenBias, o.biases[l], o.biases[l] + opts.spec.sizes[l]);
  }
  const trainer = new BatchTrainer(net, train);
  const rng = createRng(opts.spec.seed);
  const log = (line: string) => process.stdout.write(line + '\n');
  log(
    `training ${opts.spec.sizes.join('-')} ${opts.spec.activation} + ${opts.spec.loss}, lr ${opts.learningRate} ` +
      `(${JSON.stringify(opts.schedule)}), momentum ${opts.momentum}, batch ${opts.batchSize}, seed ${opts.spec.seed}, ` +
      `on ${train.count} training images${validation ? `, ${validation.count} for validation` : ' (no validation split)'}`,
  );
  const trainCost: number[] = [];
  const validationAccuracy: (number | null)[] = [];
  const testAccuracy: number[] = [];
  const epochSeconds: number[] = [];
  let seconds = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const lr = learningRateAt(opts.learningRate, opts.schedule, epoch);
    const t0 = performance.now();
    const order = shuffledOrder(train.count, rng);
    const cost = trainer.trainEpoch(order, opts.batchSize, lr, opts.momentum);
    const s = (performance.now() - t0) / 1000;
    seconds += s;
    const v = validation ? evaluate(net, validation).accuracy : null;
    const t = evaluate(net, test);
    trainCost.push(cost);
    validationAccuracy.push(v);
    testAccuracy.push(t.accuracy);
    epochSeconds.push(s);
    log(
      `epoch ${String(epoch + 1).padStart(3)}  lr ${lr.toPrecision(3).padEnd(8)} train cost ${cost.toFixed(4)}  ` +
        `validation ${v === null ? '  --  ' : (v * 100).toFixed(2) + '%'}  test ${(t.accuracy * 100).toFixed(2)}%  ${s.toFixed(2)} s`,
    );
  }
  if (opts.json) {
    log(
      JSON.stringify({
        testAccuracy: testAccuracy[testAccuracy.length - 1],
        validationAccuracy: validationAccuracy[validationAccuracy.length - 1],
        epochs: opts.epochs,
        trainingImages: train.count,
        seconds: Math.round(seconds * 1000) / 1000,
        spec: opts.spec,
        learningRate: opts.learningRate,
        schedule: opts.schedule,
        momentum: opts.momentum,
        batchSize: opts.batchSize,
        perEpoch: { trainCost, validationAccuracy, testAccuracy, seconds: epochSeconds },
      }),
    );
  }
}

main();
