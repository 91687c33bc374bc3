/**
 * Which training notice speaks, and the words the notices share: pure, so the order of precedence
 * and the sentences about momentum and steps too big are tested without rendering.
 */
import type { Settings } from '../../protocol/settings';
import { curveName } from '../../protocol/names';
import { count } from './format';
import { saferRate } from './stall';

/** Above this momentum a training notice says it multiplies the steps, and starting again lowers it to USUAL_MOMENTUM. */
export const HIGH_MOMENTUM = 0.95;
export const USUAL_MOMENTUM = 0.9;

/** The training notices, one at a time, in this order of precedence (a divergence silences them all). */
export type NoticeKind = 'stalled' | 'not-learning' | 'few-updates' | 'overshooting' | 'stuck-layer';

/** The first notice whose condition holds, or null (none while the worker reports a divergence). */
export function chooseNotice(shows: Record<NoticeKind, boolean>, fault: boolean): NoticeKind | null {
  if (fault) return null;
  const order: NoticeKind[] = ['stalled', 'not-learning', 'few-updates', 'overshooting', 'stuck-layer'];
  return order.find((kind) => shows[kind]) ?? null;
}

/**
 * Steps too big: a rate that takes the usual step, and with momentum over HIGH_MOMENTUM (each step
 * up to 1 / (1 − μ) times) μ = USUAL_MOMENTUM too (σ at μ 0.99 went round "too big" and "too small":
 * a review).
 */
export function calmerSettings(settings: Settings): { learningRate: number; momentum?: number } {
  return settings.momentum > HIGH_MOMENTUM
    ? { learningRate: saferRate({ ...settings, momentum: USUAL_MOMENTUM }), momentum: USUAL_MOMENTUM }
    : { learningRate: saferRate(settings) };
}

/** "α₀ = 0.02" or "α₀ = 0.02 and μ = 0.9": what starting calmer sets. */
export function calmerWords(calmer: { learningRate: number; momentum?: number }): string {
  return `α₀ = ${calmer.learningRate}${calmer.momentum === undefined ? '' : ` and μ = ${calmer.momentum}`}`;
}

/**
 * What momentum does to the step, in the notices' words. `grows`: a sentence for momentum over
 * HIGH_MOMENTUM, else null (the divergence's notice adds ": lower it too"); `note`: the same as
 * the end of a paragraph; `parenthesis`: for momentum up to HIGH_MOMENTUM, where `note` is empty.
 */
export function momentumWords(momentum: number): { grows: string | null; note: string; parenthesis: string } {
  const grows =
    momentum > HIGH_MOMENTUM
      ? `Momentum μ = ${momentum} lets each step grow up to 1 / (1 − μ) = ${Math.round(1 / (1 - momentum))} times`
      : null;
  return {
    grows,
    note: grows ? ` ${grows}.` : '',
    parenthesis:
      momentum > 0 && !grows ? ` (with momentum μ = ${momentum} each step grows up to 1 / (1 − μ) times)` : '',
  };
}

/** What steps too big do to this activation's neurons ("saturation" is not a ReLU's way of failing). */
export function overshotWords(activation: Settings['activation']): string {
  return activation === 'relu'
    ? 'switch ReLUs off for every image, where their slope is 0 and they stop learning'
    : `push neurons onto the flat ends of ${curveName(activation)}, where its slope is nearly 0 and they learn slowly`;
}

/** "an epoch", "12 epochs" (it said "after an epoch" at epoch 12: a review). */
export function afterEpochs(epochs: number): string {
  return epochs === 1 ? 'an epoch' : `${count(epochs)} epochs`;
}

/** " with momentum 0.9" when training with momentum, else nothing: after a rate. */
export function withMomentum(momentum: number): string {
  return momentum > 0 ? ` with momentum ${momentum}` : '';
}
