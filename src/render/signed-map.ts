/** Signed values as cells on the shared diverging scale (orange -, grey 0, blue +). */
import { fitCanvas } from './digit';
import { signedScale } from './palette';

/** Paints `values` (cols x rows, row-major) as `cell`-pixel squares, scaled so that ±`max` is the scale's end. */
export function drawSignedMap(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  cols: number,
  rows: number,
  cell: number,
  max: number,
): void {
  const ctx = fitCanvas(canvas, cols * cell, rows * cell);
  const m = max || 1;
  for (let i = 0; i < cols * rows; i++) {
    ctx.fillStyle = signedScale(values[i] / m);
    ctx.fillRect((i % cols) * cell, Math.floor(i / cols) * cell, cell, cell);
  }
}
