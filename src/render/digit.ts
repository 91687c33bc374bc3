/** Draws 28x28 byte images (0 = black, 255 = white ink, the MNIST look). */

export const DIGIT_SIZE = 28;

/**
 * Paints `pixels` (784 bytes) as a 28x28 image at (x, y) in CSS pixels, each pixel a
 * `scale`-sized square. Writes device pixels with putImageData (nearest neighbour):
 * drawing from an intermediate canvas stalled the main thread for seconds under
 * software rendering when repeated at the snapshot rate.
 */
export function drawDigit(
  ctx: CanvasRenderingContext2D,
  pixels: ArrayLike<number>,
  x: number,
  y: number,
  scale: number,
): void {
  drawGreyImage(ctx, pixels, 255, x, y, scale);
}

/**
 * Paints a 28x28 grid of values in [0, `white`] as grey squares of `scale` CSS pixels at
 * (x, y): one putImageData in device pixels (nearest neighbour), whatever the transform. The
 * image is the grid's whole size in device pixels, rounded: at a ratio like 1.5 its squares are
 * of two sizes (10 and 11 device pixels for 7 CSS pixels) rather than all of the rounded one,
 * which drew the network's input image 14 device pixels past its frame and cut the batch table's
 * thumbnails short.
 */
export function drawGreyImage(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  white: number,
  x: number,
  y: number,
  scale: number,
): void {
  const t = ctx.getTransform();
  const side = Math.max(DIGIT_SIZE, Math.round(DIGIT_SIZE * scale * t.a));
  const image = ctx.createImageData(side, side);
  const data = image.data;
  const k = 255 / white;
  for (let row = 0; row < side; row++) {
    const srcRow = Math.floor((row * DIGIT_SIZE) / side) * DIGIT_SIZE;
    for (let col = 0; col < side; col++) {
      const v = Math.round(Math.max(0, Math.min(255, values[srcRow + Math.floor((col * DIGIT_SIZE) / side)] * k)));
      const o = (row * side + col) * 4;
      data[o] = v;
      data[o + 1] = v;
      data[o + 2] = v;
      data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, Math.round(t.e + x * t.a), Math.round(t.f + y * t.d));
}

/** Sizes a canvas for crisp drawing on high-DPI screens; returns its 2D context scaled to CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(cssWidth * dpr));
  const h = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Sizes `canvas` to one 28x28 digit of `scale` CSS pixels a pixel (crisp on high-DPI screens) and paints it. */
export function drawDigitCanvas(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, scale: number): void {
  const side = DIGIT_SIZE * scale;
  drawDigit(fitCanvas(canvas, side, side), pixels, 0, 0, scale);
}
