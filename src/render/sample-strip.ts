/** The training-set strip: a row of digits, each with its label under it. */
import { DIGIT_SIZE, drawDigit, fitCanvas } from './digit';
import { MUTED_INK } from './palette';
import { canvasFont } from './font';

/** CSS pixels per image pixel. */
export const STRIP_SCALE = 2;
export const STRIP_DIGIT = DIGIT_SIZE * STRIP_SCALE;
/** A digit and the gap after it. */
export const STRIP_SLOT = STRIP_DIGIT + 4;
const LABEL_HEIGHT = 16;

/** Paints the first `shown` digits of `pixels` (784 bytes each) with their `labels`, sizing the canvas to them. */
export function drawSampleStrip(
  canvas: HTMLCanvasElement,
  pixels: Uint8Array,
  labels: Uint8Array,
  shown: number,
): void {
  const width = Math.max(1, shown * STRIP_SLOT - 4);
  const height = STRIP_DIGIT + LABEL_HEIGHT;
  const ctx = fitCanvas(canvas, width, height);
  // the canvas keeps its size from page to page: clear the last page's labels
  ctx.clearRect(0, 0, width, height);
  ctx.font = canvasFont(12);
  ctx.textAlign = 'center';
  ctx.fillStyle = MUTED_INK;
  const n = DIGIT_SIZE * DIGIT_SIZE;
  for (let i = 0; i < shown; i++) {
    drawDigit(ctx, pixels.subarray(i * n, (i + 1) * n), i * STRIP_SLOT, 0, STRIP_SCALE);
    ctx.fillText(String(labels[i]), i * STRIP_SLOT + STRIP_DIGIT / 2, STRIP_DIGIT + 13);
  }
}
