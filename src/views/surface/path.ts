/** The training path a surface is computed with (pure: unit-tested in Node). */

/**
 * The training path to draw: the worker's checkpoints, then the current weights as the last
 * point when they are newer. The panels' snapshot lags the worker while training plays, so
 * the checkpoints may already hold later updates; the path stays in update order.
 */
export function pathWithCurrent(
  steps: readonly number[],
  params: readonly Float32Array[],
  step: number,
  current: Float32Array,
): { steps: number[]; checkpoints: Float32Array[] } {
  const out = { steps: steps.slice(), checkpoints: params.slice() };
  if (step > (steps.at(-1) ?? -1)) {
    out.steps.push(step);
    out.checkpoints.push(current.slice());
  }
  return out;
}
