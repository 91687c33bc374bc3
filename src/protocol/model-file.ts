/**
 * The model file a student exports and imports: spec, weights, settings and where the
 * training was (update and epoch). The importer checks every field (schema, sizes,
 * finiteness, settings that agree with the spec) and fails with a message that names
 * the file and what is wrong; it never returns a half-valid model. It also reads the
 * shipped pretrained model (public/models/pretrained.json).
 */
import { checkHeader, isRecord, MODEL_FORMAT, ModelError, parseNetworkPart, parsePretrained } from '../data/pretrained';
import type { NetworkSpec } from '../engine';
import { quote } from '../data/quote';
import { count } from './numbers';
import { DEFAULT_SETTINGS, SETTING_KEYS, SETTINGS, TRAINING_SET_SIZE, type Settings } from './settings';

export const EXPORT_FORMAT = 'backprop-lab-export';
export const EXPORT_VERSION = 1;

export interface ModelExport {
  spec: NetworkSpec;
  params: Float32Array;
  settings: Settings;
  /** Updates applied and epochs finished when it was saved. */
  step: number;
  epoch: number;
}

/** The file's JSON: params as a plain number array. */
export function modelToJson(model: ModelExport): string {
  return JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    savedAt: new Date().toISOString(),
    spec: model.spec,
    settings: model.settings,
    step: model.step,
    epoch: model.epoch,
    params: Array.from(model.params),
  });
}

/**
 * Reads a settings object: every key valid by the settings table, and present but for the speed,
 * a way of watching, not part of the model (a file without it was refused; it gets the default).
 */
export function parseSettings(raw: unknown, fail: (problem: string) => never): Settings {
  if (!isRecord(raw)) return fail('"settings" must be an object');
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    if (!(key in raw) && key === 'speed') {
      out.speed = DEFAULT_SETTINGS.speed;
      continue;
    }
    if (!(key in raw)) fail(`its field "settings.${key}" is missing (the file is damaged, or was edited by hand)`);
    const v = raw[key];
    const text = Array.isArray(v)
      ? v.every((x) => typeof x === 'number')
        ? v.join('-')
        : null
      : typeof v === 'number' || typeof v === 'string'
        ? String(v)
        : null;
    const value = text === null ? undefined : SETTINGS[key].parse(text);
    if (value === undefined)
      fail(`"settings.${key}" is not a valid ${SETTINGS[key].label} (${SETTINGS[key].allowed}): ${quote(v)}`);
    out[key] = value;
  }
  return out as unknown as Settings;
}

/**
 * Weights of a healthy MNIST network stay within a few units; past this the steps have
 * overshot and the weights are running away, and training stops as diverged. A model file with a
 * weight past it is refused: it opened, and then every Play "diverged" at any learning rate.
 */
export const RUNAWAY_WEIGHT = 1000;
/** Most epochs a model file may say it was trained for (the charts draw one point per epoch: 10⁹ froze the page). */
export const MAX_FILE_EPOCHS = 1000;
/** Most updates a model file may say were applied (1,000 epochs of one-example SGD is 5×10⁷). */
export const MAX_FILE_STEPS = 100_000_000;

/** Parses a model file's text; throws ModelError naming `file`. */
export function parseModelFile(text: string, file: string): ModelExport {
  const fail = (problem: string): never => {
    throw new ModelError(file, problem);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // the parser's own message would quote the file's bytes (a picture's, say): name the cause instead
    return fail(
      'it is not a Backprop Lab model: its text is not valid JSON, or it is cut short. Models are the .json files that “Save model” writes',
    );
  }
  if (isRecord(json) && json.format === MODEL_FORMAT) return fromPretrained(json, file);
  checkHeader(json, EXPORT_FORMAT, EXPORT_VERSION, fail);
  const { spec, params } = parseNetworkPart(json, fail);
  const settings = parseSettings(json.settings, fail);
  const hidden = spec.sizes.slice(1, -1);
  if (settings.hiddenLayers.join('-') !== hidden.join('-'))
    fail(
      `"settings.hiddenLayers" ${settings.hiddenLayers.join('-')} disagrees with "spec.sizes" ${spec.sizes.join('-')}`,
    );
  if (settings.activation !== spec.activation)
    fail(`"settings.activation" ${settings.activation} disagrees with "spec.activation" ${spec.activation}`);
  if (settings.loss !== spec.loss) fail(`"settings.loss" ${settings.loss} disagrees with "spec.loss" ${spec.loss}`);
  refuseRunaway(params, fail);
  const withSeed = { ...settings, seed: spec.seed };
  checkSettings(withSeed, fail, { seed: 'spec.seed' });
  return {
    spec,
    params,
    settings: withSeed,
    step: wholeField(json, 'step', MAX_FILE_STEPS, fail),
    epoch: wholeField(json, 'epoch', MAX_FILE_EPOCHS, fail),
  };
}

/** `fail` at the first weight past ±RUNAWAY_WEIGHT, in either kind of file. */
function refuseRunaway(params: Float32Array, fail: (problem: string) => never): void {
  for (let i = 0; i < params.length; i++) {
    if (Math.abs(params[i]) > RUNAWAY_WEIGHT) {
      fail(
        `parameter ${count(i)} is ${params[i]}: past ±${count(RUNAWAY_WEIGHT)}, where training stops as diverged, so this network could not be trained on`,
      );
    }
  }
}

/** `record[key]` as a whole number from 0 to `most`, or `fail` saying so. */
function wholeField(
  record: Record<string, unknown>,
  key: string,
  most: number,
  fail: (problem: string) => never,
): number {
  if (!(key in record)) fail(`its field "${key}" is missing (the file is damaged, or was edited by hand)`);
  const v = record[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > most)
    fail(`"${key}" must be a whole number from 0 to ${count(most)}, got ${quote(v)}`);
  return v as number;
}

/**
 * Every setting as the settings bar and a link would accept it (a file that carries one they
 * refuse opened, and then the saved session holding it was refused on the next reload).
 * `source` names the file's field a setting came from, where that is not "settings.<key>".
 */
function checkSettings(
  settings: Settings,
  fail: (problem: string) => never,
  source: Partial<Record<keyof Settings, string>> = {},
): void {
  for (const key of SETTING_KEYS) {
    const format = SETTINGS[key].format as (v: unknown) => string;
    if (SETTINGS[key].parse(format(settings[key])) === undefined)
      fail(
        `"${source[key] ?? `settings.${key}`}" is not a valid ${SETTINGS[key].label} (${SETTINGS[key].allowed}): ${quote(settings[key])}`,
      );
  }
}

/** The shipped pretrained model as an import: its training settings, at its last epoch. */
function fromPretrained(json: Record<string, unknown>, file: string): ModelExport {
  const model = parsePretrained(json, file);
  // (a file in the shipped model's format with a weight of 10⁶ opened, and every update diverged)
  refuseRunaway(model.params, (problem) => {
    throw new ModelError(file, problem);
  });
  const hiddenLayers = model.spec.sizes.slice(1, -1);
  if (hiddenLayers.length > 4 || hiddenLayers.some((n) => n < 4 || n > 64))
    throw new ModelError(file, `this app trains 1-4 hidden layers of 4-64 neurons, not ${hiddenLayers.join('-')}`);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    hiddenLayers,
    activation: model.spec.activation,
    loss: model.spec.loss,
    learningRate: model.training.learningRate,
    schedule: model.training.decay === 1 ? 'constant' : 'exponential',
    decay: model.training.decay,
    momentum: Math.min(0.99, model.training.momentum),
    batchSize: model.training.batchSize,
    seed: model.spec.seed,
  };
  checkSettings(
    settings,
    (problem) => {
      throw new ModelError(file, problem);
    },
    {
      learningRate: 'training.learningRate',
      decay: 'training.decay',
      momentum: 'training.momentum',
      batchSize: 'training.batchSize',
      seed: 'spec.seed',
    },
  );
  // as many epochs as an exported file may say (10⁹ opened without a word, and the page froze: a review)
  wholeField(json, 'epochs', MAX_FILE_EPOCHS, (problem) => {
    throw new ModelError(file, problem);
  });
  // its updates, as many as its epochs took: with 0, the app took it for an untrained network
  // that Reset or a new setting could replace without a question or an Undo
  const step = model.epochs * Math.ceil(TRAINING_SET_SIZE / settings.batchSize);
  return { spec: model.spec, params: model.params, settings, step, epoch: model.epochs };
}
