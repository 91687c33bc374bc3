/** A saved session's checkpoint checked before it is trusted, and the network its settings describe. */
import { paramCount, type NetworkSpec } from '../engine';
import type { Checkpoint, RateChange } from '../protocol/snapshot';
import { parseSettings } from '../protocol/model-file';
import type { Settings } from '../protocol/settings';

const PIXELS = 784;

/** The network the settings describe: 784 inputs, their hidden layers, 10 outputs. */
export function specFor(settings: Settings): NetworkSpec {
  return {
    sizes: [PIXELS, ...settings.hiddenLayers, 10],
    activation: settings.activation,
    loss: settings.loss,
    seed: settings.seed,
  };
}

/** Most epochs a saved session may have run (at 90 an minute, the app's fastest, 10⁷ is 77 days). */
export const MAX_SESSION_EPOCHS = 10_000_000;

/** A learning rate in use from `share` of an epoch on. */
function rateOk(r: RateChange): boolean {
  return typeof r === 'object' && r !== null && r.share >= 0 && r.share <= 1 && Number.isFinite(r.rate);
}

/** An epoch's record as the charts read it: whole epoch and update counts, accuracies that are shares. */
function recordOk(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const e = r as Record<string, unknown>;
  const whole = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  const share = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  const num = (v: unknown) => typeof v === 'number';
  return (
    whole(e.epoch) &&
    whole(e.step) &&
    share(e.validationAccuracy) &&
    share(e.testAccuracy) &&
    num(e.trainCost) &&
    num(e.testCost) &&
    num(e.learningRate) &&
    (e.seconds === null || e.seconds === undefined || num(e.seconds)) &&
    (e.stuck === undefined || (Array.isArray(e.stuck) && e.stuck.every(whole))) &&
    (e.rates === undefined || (Array.isArray(e.rates) && e.rates.every(rateOk)))
  );
}

/**
 * A checkpoint may come from an older saved session (IndexedDB): check its shapes
 * before trusting it, so a bad one is refused with a reason instead of training garbage.
 * Returns it with its settings as they were read: a setting saved as text ("32") passed the
 * check as 32 and was then used as text (a batch of 15,872: a fuzzing review).
 */
export function checkCheckpoint(c: Checkpoint, trainCount: number): Checkpoint {
  const bad = (what: string): never => {
    throw new Error(`The saved session is not usable: ${what}.`);
  };
  if (typeof c !== 'object' || c === null) bad('it is empty');
  const settings = parseSettings(c.settings, bad);
  const need = paramCount(specFor(settings));
  if (!(c.params instanceof Float32Array) || c.params.length !== need) bad(`it holds the wrong number of weights`);
  if (!c.params.every(Number.isFinite)) bad('a weight is not a finite number');
  if (c.velocity !== null && (!(c.velocity instanceof Float32Array) || c.velocity.length !== need))
    bad('its momentum has the wrong size');
  // (a NaN there made the first update "diverge", blamed on the learning rate)
  if (c.velocity !== null && !c.velocity.every(Number.isFinite)) bad('its momentum is not a finite number');
  if (!(c.order instanceof Uint32Array) || c.order.length !== trainCount) bad('its example order has the wrong size');
  for (const key of ['step', 'epoch', 'positionInEpoch'] as const) {
    // (safe: 10³⁰⁰ is an integer to JavaScript, and counting on from it adds nothing)
    if (!Number.isSafeInteger(c[key]) || c[key] < 0) bad(`"${key}" is not a whole number`);
  }
  // (an epoch that reaches its end starts the next at 0: a position at the end made a batch of 0)
  if (c.positionInEpoch >= trainCount) bad('its position is past the end of the epoch');
  // a permutation of the training images: a bad index threw inside every slice of training
  const seen = new Uint8Array(trainCount);
  for (const i of c.order) {
    if (i >= trainCount || seen[i]) bad('its example order is not an order of the training images');
    seen[i] = 1;
  }
  const next = c.nextExampleOverride;
  if (next !== null && !(Number.isInteger(next) && next >= 0 && next < trainCount))
    bad('its next example is not a training image');
  const place = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < trainCount;
  if (
    c.pickSwaps !== undefined &&
    !(Array.isArray(c.pickSwaps) && c.pickSwaps.every((w) => Array.isArray(w) && w.length === 2 && w.every(place)))
  )
    bad('its picked example’s places are malformed');
  if (!Array.isArray(c.rngState) || !Array.isArray(c.epochs)) bad('its random state or history is missing');
  // the shuffler's four 32-bit words (the restore's own message was a programmer's)
  if (c.rngState.length !== 4 || !c.rngState.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32))
    bad('its random state is malformed');
  // (ten million epochs is years of playing: 10⁹ built a point per epoch in the charts and crashed
  // the tab on every load; a record that is not one crashed the charts on every load: a review)
  if (c.epoch > MAX_SESSION_EPOCHS) bad(`"epoch" ${c.epoch} is past ${MAX_SESSION_EPOCHS.toLocaleString('en-US')}`);
  if (!c.epochs.every(recordOk)) bad('its accuracy history is malformed');
  if (c.epochRates !== undefined && !(Array.isArray(c.epochRates) && c.epochRates.every(rateOk)))
    bad('its learning-rate history is malformed');
  if (!(c.costSteps instanceof Float64Array) || !(c.costValues instanceof Float32Array))
    bad('its cost history is missing');
  if (c.costValues.length !== c.costSteps.length) bad('its cost history is malformed');
  if (
    c.costFirsts !== undefined &&
    !(c.costFirsts instanceof Float64Array && c.costFirsts.length === c.costSteps.length)
  )
    bad('its cost history is malformed');
  const u = c.untrained;
  const share = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  if (u !== undefined && u !== null && !(typeof u === 'object' && share(u.validationAccuracy) && share(u.testAccuracy)))
    bad('its untrained accuracy is malformed');
  const so = c.epochSoFar;
  const figure = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (so !== undefined && !(so && figure(so.costSum) && figure(so.costCount) && figure(so.trainMs)))
    bad('its epoch so far is malformed');
  const m = c.confusion;
  if (m !== undefined && m !== null && !(m instanceof Uint32Array && m.length === 100))
    bad('its confusion matrix is malformed');
  // (Number.isFinite is false for anything but a finite number)
  if (c.lastCost !== undefined && c.lastCost !== null && !Number.isFinite(c.lastCost))
    bad('its last cost is malformed');
  return { ...c, settings };
}
