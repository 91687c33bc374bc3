/** The training path a surface is computed with (pure: unit-tested in Node). */
import type { SurfaceResult } from '../../protocol/surface-api';

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

/** How much longer (a share of the pictured path's span of updates) training may go before a following training-path picture is redrawn. */
const PATH_GROWTH = 0.25;

/**
 * A training-path picture that training has outgrown: the updates since its last checkpoint are
 * more than PATH_GROWTH of the updates it pictures. Following only on distance, the PCA slice
 * (wide, its plane fitted to the path) pictured updates 1,564-7,640 while training went on to
 * 48,242 (a student's review): the path and its table stopped, and "follow training" looked broken.
 * Growth by a share, not a count, keeps the redraws few (each ~3-5 s of the surface worker).
 */
export function pathGrown(shown: Pick<SurfaceResult, 'kind' | 'paths'> | null, step: number): boolean {
  if (shown?.kind !== 'trajectory') return false;
  const points = shown.paths.find((p) => p.name === 'training')?.points;
  if (!points?.length) return false;
  const first = points[0].step;
  const last = points[points.length - 1].step;
  return step - last > Math.max(1, last - first) * PATH_GROWTH;
}
