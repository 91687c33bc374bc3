/**
 * The pretrained network shipped in public/models/pretrained.json (made by
 * `npm run make-pretrained`, scripts/pretrain.ts), so that a drawn digit is read at once,
 * before any training. Every field is checked; a bad file fails with a message that
 * names the file and what is wrong.
 */
import type { Activation, Loss, Network, NetworkSpec } from '../engine';
import { quote } from './quote';
import { STALL_MS, Stalled, withinStall } from './time-limit';

export const MODEL_FORMAT = 'backprop-lab-model';
export const MODEL_VERSION = 1;
export const MODEL_PATH = 'models/pretrained.json';

export interface PretrainedTraining {
  learningRate: number;
  /** Per-epoch factor on the learning rate (exponential schedule); 1 for constant. */
  decay: number;
  momentum: number;
  batchSize: number;
  /** Which images it was trained on, in words (e.g. "MNIST training images 0-49,999"). */
  trainedOn: string;
}

export interface PretrainedModel {
  spec: NetworkSpec;
  params: Float32Array;
  training: PretrainedTraining;
  epochs: number;
  /** Seed of the initial weights and of the shuffling. */
  seed: number;
  /** Fraction right on the 10,000 MNIST test images, and on the 10,000 validation images. */
  testAccuracy: number;
  validationAccuracy: number;
}

/** The file's JSON shape (params as a plain number array). */
export interface PretrainedFile extends Omit<PretrainedModel, 'params'> {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  params: number[];
}

export class ModelError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, as the end of a sentence about the file ("it is not ..."). */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ModelError';
  }
}

const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'relu', 'tanh'];
const LOSSES: readonly Loss[] = ['mse', 'binary-ce', 'categorical-ce'];
/** The draw pad feeds 28x28 images and reads ten digits. */
const INPUTS = 784;
const OUTPUTS = 10;
/** Most layers a model file may list, input and output included. */
const MAX_LAYERS = 16;

/** Weights and biases of every layer: sum over l of n_l * n_(l-1) + n_l (src/data imports engine types only). */
function paramCount(sizes: readonly number[]): number {
  let n = 0;
  for (let l = 1; l < sizes.length; l++) n += sizes[l] * sizes[l - 1] + sizes[l];
  return n;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export type Fail = (problem: string) => never;

function fieldOf(fail: Fail) {
  return (obj: Record<string, unknown>, key: string, where: string): unknown => {
    if (!(key in obj)) fail(`its field "${where}${key}" is missing (the file is damaged, or was edited by hand)`);
    return obj[key];
  };
}

function numberOf(fail: Fail) {
  const field = fieldOf(fail);
  return (
    obj: Record<string, unknown>,
    key: string,
    where = '',
    check?: (v: number) => boolean,
    expect?: string,
  ): number => {
    const v = field(obj, key, where);
    if (typeof v !== 'number' || !Number.isFinite(v))
      return fail(`"${where}${key}" must be a finite number, got ${quote(v)}`);
    if (check && !check(v)) fail(`"${where}${key}" must be ${expect}, got ${v}`);
    return v;
  };
}

/** A model file is a JSON object with this `format` and `version`; `fail` throws otherwise. */
export function checkHeader(
  json: unknown,
  format: string,
  version: number,
  fail: Fail,
): asserts json is Record<string, unknown> {
  if (!isRecord(json))
    return fail(
      `it is not a Backprop Lab model (its JSON is ${Array.isArray(json) ? 'a list' : quote(json)}, not an object)`,
    );
  if (json.format !== format)
    fail(
      `it is not a Backprop Lab model (its "format" is ${json.format === undefined ? 'missing' : quote(json.format)}, not "${format}")`,
    );
  if (json.version !== version)
    fail(`unsupported "version" ${quote(json.version)} (this app reads version ${version})`);
}

/**
 * Checks the network part every model file shares: `spec` (784 inputs, 10 outputs,
 * known activation and loss) and `params` (the right count of finite float32 values).
 * `fail` throws; shared by the shipped model and the app's exported models.
 */
export function parseNetworkPart(json: Record<string, unknown>, fail: Fail): Network {
  const field = fieldOf(fail);
  const num = numberOf(fail);
  const rawSpec = field(json, 'spec', '');
  if (!isRecord(rawSpec)) return fail('"spec" must be an object {sizes, activation, loss, seed}');
  const sizes = field(rawSpec, 'sizes', 'spec.');
  // (at most 16 layers: the app trains up to 6, and a million-item list made a 4 MB message)
  if (
    !Array.isArray(sizes) ||
    sizes.length < 2 ||
    sizes.length > MAX_LAYERS ||
    !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 4096)
  ) {
    return fail(
      `"spec.sizes" must list 2 to ${MAX_LAYERS} layer sizes, each a whole number from 1 to 4,096, got ${quote(sizes)}`,
    );
  }
  if (sizes[0] !== INPUTS) fail(`"spec.sizes" must start with ${INPUTS} inputs (28x28 pixels), got ${sizes[0]}`);
  if (sizes[sizes.length - 1] !== OUTPUTS)
    fail(`"spec.sizes" must end with ${OUTPUTS} outputs (digits 0-9), got ${sizes[sizes.length - 1]}`);
  const activation = field(rawSpec, 'activation', 'spec.');
  if (!ACTIVATIONS.includes(activation as Activation))
    fail(`"spec.activation" must be one of ${ACTIVATIONS.join(', ')}, got ${quote(activation)}`);
  const loss = field(rawSpec, 'loss', 'spec.');
  if (!LOSSES.includes(loss as Loss)) fail(`"spec.loss" must be one of ${LOSSES.join(', ')}, got ${quote(loss)}`);
  const specSeed = num(rawSpec, 'seed', 'spec.', Number.isInteger, 'a whole number');
  const spec: NetworkSpec = {
    sizes: sizes as number[],
    activation: activation as Activation,
    loss: loss as Loss,
    seed: specSeed,
  };

  const rawParams = field(json, 'params', '');
  if (!Array.isArray(rawParams)) return fail(`"params" must be an array of numbers, got ${typeof rawParams}`);
  const need = paramCount(spec.sizes);
  if (rawParams.length !== need) {
    fail(
      `"params" holds ${rawParams.length.toLocaleString('en')} numbers, but a ${sizes.join('-')} network has ${need.toLocaleString('en')}`,
    );
  }
  const params = new Float32Array(need);
  for (let i = 0; i < need; i++) {
    const v = rawParams[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v))
      // (a number too large for JSON's doubles, 1e400, parses as Infinity: quoted as such)
      fail(`"params[${i}]" is ${quote(v)}, not a finite number`);
    params[i] = v as number;
    // a value beyond float32's range would silently become Infinity
    if (!Number.isFinite(params[i])) fail(`"params[${i}]" = ${String(v)} does not fit a 32-bit float`);
  }
  return { spec, params };
}

/** Checks a parsed JSON value and turns it into a model; throws ModelError naming `file`. */
export function parsePretrained(json: unknown, file = MODEL_PATH): PretrainedModel {
  const fail = (problem: string): never => {
    throw new ModelError(file, problem);
  };
  const field = fieldOf(fail);
  const num = numberOf(fail);

  checkHeader(json, MODEL_FORMAT, MODEL_VERSION, fail);
  const { spec, params } = parseNetworkPart(json, fail);

  const rawTraining = field(json, 'training', '');
  if (!isRecord(rawTraining)) return fail('"training" must be an object');
  const training: PretrainedTraining = {
    learningRate: num(rawTraining, 'learningRate', 'training.', (v) => v > 0, 'positive'),
    decay: num(rawTraining, 'decay', 'training.', (v) => v > 0 && v <= 1, 'in (0, 1]'),
    momentum: num(rawTraining, 'momentum', 'training.', (v) => v >= 0 && v < 1, 'in [0, 1)'),
    batchSize: num(rawTraining, 'batchSize', 'training.', (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1'),
    trainedOn:
      typeof rawTraining.trainedOn === 'string' ? rawTraining.trainedOn : fail('"training.trainedOn" must be a string'),
  };
  const fraction = (v: number) => v >= 0 && v <= 1;
  return {
    spec,
    params,
    training,
    epochs: num(json, 'epochs', '', (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0'),
    seed: num(json, 'seed', '', Number.isInteger, 'a whole number'),
    testAccuracy: num(json, 'testAccuracy', '', fraction, 'a fraction in [0, 1]'),
    validationAccuracy: num(json, 'validationAccuracy', '', fraction, 'a fraction in [0, 1]'),
  };
}

/** The model as the network the engine runs (params shared, not copied). */
export function toNetwork(model: PretrainedModel): Network {
  return { spec: model.spec, params: model.params };
}

let pending: Promise<PretrainedModel> | null = null;

/**
 * Fetches and checks the shipped model once per page (a failure is not remembered, so
 * a later call retries). `url` defaults to public/models/pretrained.json beside the app.
 */
export function loadPretrained(url?: string): Promise<PretrainedModel> {
  if (url !== undefined) return fetchModel(url);
  // document.baseURI on a page (this file also compiles for workers, which have only location)
  const base = (globalThis as { document?: { baseURI: string } }).document?.baseURI ?? location.href;
  pending ??= fetchModel(new URL(MODEL_PATH, base).href).catch((e: unknown) => {
    pending = null;
    throw e;
  });
  return pending;
}

async function fetchModel(url: string): Promise<PretrainedModel> {
  const file = url.slice(url.lastIndexOf('/') + 1) || url;
  // given up after STALL_MS for the headers and again for the body (the MNIST files' rule is STALL_MS
  // without data; this file is ~100 kB): a server that never answered left the draw pad at "loading
  // the pretrained network…" with no Retry (a review)
  const abort = new AbortController();
  const late = `could not be fetched: the server did not answer for ${STALL_MS / 1000} s (check the connection and retry)`;
  let response: Response;
  try {
    response = await withinStall(fetch(url, { signal: abort.signal }), late, () => abort.abort());
  } catch (e) {
    throw new ModelError(
      file,
      e instanceof Stalled ? e.message : `could not be fetched (${String(e instanceof Error ? e.message : e)})`,
    );
  }
  if (!response.ok)
    throw new ModelError(file, `could not be fetched: HTTP ${response.status} ${response.statusText}`.trim());
  let json: unknown;
  try {
    json = await withinStall(response.json(), late, () => abort.abort());
  } catch (e) {
    if (e instanceof Stalled) throw new ModelError(file, e.message);
    throw new ModelError(file, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return parsePretrained(json, file);
}
