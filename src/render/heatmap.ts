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
  let max = 1e-12;
  for (let i = 0; i < side * side; i++) max = Math.max(max, Math.abs(values[i]));
  for (let i = 0; i < side * side; i++) {
    ctx.fillStyle = signedScale(values[i] / max);
    ctx.fillRect(x + (i % side) * scale, y + Math.floor(i / side) * scale, scale, scale);
  }
  return max;
}
