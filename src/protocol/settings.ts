/**
 * Every user setting, declared once. The controls, the worker, the URL hash and the
 * saved session all walk this table (like TensorFlow Playground's PROPS).
 */
import {
  DEFAULT_SPEC,
  DEFAULT_TRAINING,
  LECTURE_SETTINGS,
  type Activation,
  type LearningRateSchedule,
  type Loss,
} from '../engine';
import { count } from './numbers';

export type ScheduleKind = 'constant' | 'step' | 'exponential';

/** The settings that set the learning rate per epoch. */
export interface ScheduleSettings {
  learningRate: number;
  schedule: ScheduleKind;
  decay: number;
  decayEvery: number;
}

/** The engine's schedule for these settings: the trainer's, and the learning-rate chart's "next". */
export function toSchedule(s: ScheduleSettings): LearningRateSchedule {
  if (s.schedule === 'step') return { kind: 'step', every: s.decayEvery, factor: s.decay };
  if (s.schedule === 'exponential') return { kind: 'exponential', decay: s.decay };
  return { kind: 'constant' };
}
/** Updates per second while playing; 'max' is as fast as the engine runs. */
export type Speed = 1 | 10 | 100 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

export interface Settings {
  /** Neurons per hidden layer, e.g. [16, 16] for the lecture's 784-16-16-10. */
  hiddenLayers: number[];
  activation: Activation;
  loss: Loss;
  /** alpha, the step size at epoch 0. */
  learningRate: number;
  schedule: ScheduleKind;
  /** Factor the learning rate is multiplied by per epoch (exponential) or every `decayEvery` epochs (step). */
  decay: number;
  decayEvery: number;
  momentum: number;
  /** Examples per update: 1 is one-example SGD, 50,000 is full-batch GD. */
  batchSize: number;
  seed: number;
  speed: Speed;
}

interface SettingDef<K extends keyof Settings> {
  label: string;
  /** Its short name in the URL hash (stable: shared links depend on it). */
  hash: string;
  /** Parses a URL/hash value; returns undefined if malformed or out of range. */
  parse: (text: string) => Settings[K] | undefined;
  format: (value: Settings[K]) => string;
  resets: boolean;
  /** What values are accepted, for messages that refuse one. */
  allowed: string;
}

/**
 * The longest value a setting is read from (a link's, a model file's, a saved session's): every
 * valid one is far shorter, and a 100,000-digit value cost a backtracking pattern seconds a parse.
 */
export const MAX_SETTING_CHARS = 64;

const number =
  (min: number, max: number, integer = false) =>
  (text: string): number | undefined => {
    const t = text.trim();
    if (t === '' || t.length > MAX_SETTING_CHARS) return undefined;
    // whole numbers may group thousands (50,000); elsewhere a decimal comma (0,05) is how
    // many students write 0.05. "1,000" or "2,500" there may mean either: refused (it read as
    // 1, and a thousand is out of every decimal setting's range anyway)
    if (!integer && /^[+-]?[1-9]\d{0,2}(,\d{3})+$/.test(t)) return undefined;
    const plain = integer
      ? /^\d{1,3}(,\d{3})+$/.test(t)
        ? t.replace(/,/g, '')
        : t
      : t.replace(/^(-?\d+),(\d+)$/, '$1.$2');
    // decimal notation only: Number() also reads "0x10" as 16 and "0b11" as 3
    // (one way to match each text: `\d+\.?\d*` could split a run of digits n ways, n² steps to refuse)
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(plain)) return undefined;
    const v = Number(plain);
    if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) return undefined;
    return v;
  };

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (text: string): T | undefined =>
    (values as readonly string[]).includes(text) ? (text as T) : undefined;

export const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'relu', 'tanh'];
export const LOSSES: readonly Loss[] = ['mse', 'binary-ce', 'categorical-ce'];
export const SCHEDULES: readonly ScheduleKind[] = ['constant', 'step', 'exponential'];
export const TRAINING_SET_SIZE = 50_000;
export const MIN_LEARNING_RATE = 1e-5;
export const MAX_LEARNING_RATE = 100;

export const SETTINGS: { [K in keyof Settings]: SettingDef<K> } = {
  hiddenLayers: {
    label: 'hidden layers',
    hash: 'hidden',
    parse: (text) => {
      if (text.length > MAX_SETTING_CHARS) return undefined;
      const parts = text
        .trim()
        .split(/\s*[-,\s]\s*/)
        .map((p) => number(4, 64, true)(p));
      if (parts.length < 1 || parts.length > 4 || parts.some((p) => p === undefined)) return undefined;
      return parts as number[];
    },
    format: (v) => v.join('-'),
    resets: true,
    allowed: '1 to 4 layer sizes from 4 to 64, like 16-16',
  },
  activation: {
    label: 'activation',
    hash: 'activation',
    parse: oneOf(ACTIVATIONS),
    format: String,
    resets: true,
    allowed: ACTIVATIONS.join(', '),
  },
  loss: {
    label: 'cost function',
    hash: 'loss',
    parse: oneOf(LOSSES),
    format: String,
    resets: true,
    allowed: LOSSES.join(', '),
  },
  learningRate: {
    label: 'learning rate',
    hash: 'lr',
    parse: number(MIN_LEARNING_RATE, MAX_LEARNING_RATE),
    format: String,
    resets: false,
    allowed: 'a number from 0.00001 to 100',
  },
  schedule: {
    label: 'schedule',
    hash: 'schedule',
    parse: oneOf(SCHEDULES),
    format: String,
    resets: false,
    allowed: SCHEDULES.join(', '),
  },
  decay: {
    label: 'decay',
    hash: 'decay',
    parse: number(0.01, 1),
    format: String,
    resets: false,
    allowed: 'a factor from 0.01 to 1',
  },
  decayEvery: {
    label: 'decay every',
    hash: 'decayEvery',
    parse: number(1, 100, true),
    format: String,
    resets: false,
    allowed: 'a whole number of epochs from 1 to 100',
  },
  momentum: {
    label: 'momentum',
    hash: 'momentum',
    parse: number(0, 0.99),
    format: String,
    resets: false,
    allowed: 'a number from 0 (none) to 0.99',
  },
  batchSize: {
    label: 'batch size',
    hash: 'batch',
    parse: number(1, TRAINING_SET_SIZE, true),
    format: String,
    resets: true,
    // no brackets of its own: it is written inside the notices' "(use …)"
    allowed: `a whole number from 1 to ${TRAINING_SET_SIZE.toLocaleString('en')}, all the training images, as MNIST’s other 10,000 are held out for validation`,
  },
  seed: {
    label: 'seed',
    hash: 'seed',
    parse: number(0, 2 ** 31 - 1, true),
    format: String,
    resets: true,
    allowed: 'a whole number from 0 to 2147483647',
  },
  speed: {
    label: 'speed',
    hash: 'speed',
    parse: (t) =>
      t === 'max'
        ? 'max'
        : /^\d+$/.test(t) && (SPEEDS as readonly (Speed | number)[]).includes(Number(t))
          ? (Number(t) as Speed)
          : undefined,
    format: String,
    resets: false,
    allowed: SPEEDS.join(', '),
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as (keyof Settings)[];

/** The settings of `wanted` whose values differ from `current` (a patch that changes only what must). */
export function changedSettings(wanted: Partial<Settings>, current: Settings): Partial<Settings> {
  const patch: Partial<Settings> = {};
  for (const key of SETTING_KEYS) {
    if (key in wanted && JSON.stringify(wanted[key]) !== JSON.stringify(current[key])) {
      (patch as Record<string, unknown>)[key] = wanted[key];
    }
  }
  return patch;
}

/**
 * A setting's value in a sentence: as the address writes it, but a whole number grouped as every
 * count on screen is ("batch size to 50,000" beside the controls' "3 of 50,000"; it said 50000).
 */
export function spokenValue<K extends keyof Settings>(key: K, value: Settings[K]): string {
  return typeof value === 'number' && Number.isInteger(value)
    ? count(value)
    : (SETTINGS[key].format as (v: unknown) => string)(value);
}

/** A patch in words: "hidden layers to 24, learning rate to 0.05". */
export function describeSettings(patch: Partial<Settings>, between = ' to '): string {
  return (Object.keys(patch) as (keyof Settings)[])
    .filter((k) => k in SETTINGS)
    .map((k) =>
      k === 'loss' && patch.loss
        ? `${SETTINGS.loss.label}${between}${LOSS_NAMES[patch.loss]}`
        : `${SETTINGS[k].label}${between}${spokenValue(k, patch[k] as Settings[typeof k])}`,
    )
    .join(', ');
}

/** The cost functions in words, as the settings bar names them (the address keeps the short names). */
export const LOSS_NAMES: Record<Loss, string> = {
  mse: 'squared error Σ(a − y)²',
  'binary-ce': 'binary cross-entropy',
  'categorical-ce': 'categorical cross-entropy',
};

export function resetsNetwork(patch: Partial<Settings>, current: Settings): boolean {
  return SETTING_KEYS.some(
    (k) => SETTINGS[k].resets && k in patch && JSON.stringify(patch[k]) !== JSON.stringify(current[k]),
  );
}

/** `patch` without the settings that would rebuild the network from `current` (a lesson step sets those itself). */
export function withoutRebuilds(patch: Partial<Settings>, current: Settings): Partial<Settings> {
  return Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => !resetsNetwork({ [k]: v }, current)),
  ) as Partial<Settings>;
}

/** The lecture's network: sigmoid everywhere, C = sum (a - y)^2, plain SGD, "start high and lower it". */
export const LECTURE_PATCH: Partial<Settings> = {
  hiddenLayers: LECTURE_SETTINGS.spec.sizes.slice(1, -1),
  activation: LECTURE_SETTINGS.spec.activation,
  loss: LECTURE_SETTINGS.spec.loss,
  learningRate: LECTURE_SETTINGS.learningRate,
  schedule: 'exponential',
  decay: LECTURE_SETTINGS.schedule.kind === 'exponential' ? LECTURE_SETTINGS.schedule.decay : 0.7,
  // unused by an exponential schedule; set so no step schedule's period lingers in the address
  decayEvery: 1,
  momentum: LECTURE_SETTINGS.momentum,
  batchSize: LECTURE_SETTINGS.batchSize,
};

/** Defaults chosen on the validation split by the engine's measurements (src/engine/defaults.ts). */
export const DEFAULT_SETTINGS: Settings = {
  hiddenLayers: DEFAULT_SPEC.sizes.slice(1, -1),
  activation: DEFAULT_SPEC.activation,
  loss: DEFAULT_SPEC.loss,
  learningRate: DEFAULT_TRAINING.learningRate,
  schedule: DEFAULT_TRAINING.schedule.kind,
  decay:
    DEFAULT_TRAINING.schedule.kind === 'exponential'
      ? DEFAULT_TRAINING.schedule.decay
      : DEFAULT_TRAINING.schedule.kind === 'step'
        ? DEFAULT_TRAINING.schedule.factor
        : 1,
  decayEvery: DEFAULT_TRAINING.schedule.kind === 'step' ? DEFAULT_TRAINING.schedule.every : 1,
  momentum: DEFAULT_TRAINING.momentum,
  batchSize: DEFAULT_TRAINING.batchSize,
  seed: DEFAULT_SPEC.seed,
  speed: 'max',
};

/** DEFAULT_SETTINGS without the seed and the speed, which a preset leaves as they are. */
function trainingDefaults(): Partial<Settings> {
  const rest: Partial<Settings> = { ...DEFAULT_SETTINGS };
  delete rest.seed;
  delete rest.speed;
  return rest;
}

/**
 * Whole sets of training settings a teacher switches between in free play (the header's Presets).
 * The two ends of the batch size, each with a rate that works there (`npm run train`, seed 1): one
 * example per update learns in one epoch at a small α without momentum (93.2% test after 1 epoch;
 * the defaults' momentum 0.9 at batch 1 turned every ReLU of a layer off, 9.7%); the whole
 * training set per update needs a larger α kept constant (the defaults' ×0.7 per epoch froze it at
 * 68% after 30 updates; α 0.2 with momentum 0.9 reaches 88.9% after 30, α 0.5 and 1 diverge).
 */
export const PRESETS: { name: string; settings: Partial<Settings> }[] = [
  { name: 'the lesson’s network: the lecture’s σ and (a − y)²; batch 16, α₀ 2, no momentum', settings: LECTURE_PATCH },
  { name: 'the defaults: ReLU, cross-entropy, batch 32, α₀ 0.02, momentum 0.9', settings: trainingDefaults() },
  {
    name: 'one-example SGD: batch 1 (50,000 updates an epoch), α₀ 0.005, no momentum',
    settings: { ...trainingDefaults(), batchSize: 1, learningRate: 0.005, momentum: 0 },
  },
  {
    name: 'full-batch GD: batch 50,000 (one update an epoch), α 0.2 constant, momentum 0.9',
    settings: { ...trainingDefaults(), batchSize: 50_000, learningRate: 0.2, schedule: 'constant', momentum: 0.9 },
  },
];
