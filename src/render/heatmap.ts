/** A 28x28 map of signed values (weights, nudges) on the shared diverging scale. */
import { signedScale } from './palette';

export function drawSignedHeatmap(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  x: number,
  y: number,
  scale: number,
  side = 28,
): number {
  // scaled to the largest however small (its caption names it): a floor of 10⁻¹² left a
  // saturated network's 10⁻²⁶ blank
  let max = 0;
  for (let i = 0; i < side * side; i++) max = Math.max(max, Math.abs(values[i]));
  // (NaN stays NaN, as before: a diverged map is one colour under its caption)
  if (max === 0) max = 1;
  for (let i = 0; i < side * side; i++) {
    ctx.fillStyle = signedScale(values[i] / max);
    ctx.fillRect(x + (i % side) * scale, y + Math.floor(i / side) * scale, scale, scale);
  }
  return max;
}
