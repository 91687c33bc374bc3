/** Draws 28x28 byte images (0 = black, 255 = white ink, the MNIST look). */

export const DIGIT_SIZE = 28;

/** Paints `pixels` (784 bytes) into a 28x28 ImageData-sized region at (x, y), scaled by `scale`. */
export function drawDigit(
  ctx: CanvasRenderingContext2D,
  pixels: ArrayLike<number>,
  x: number,
  y: number,
  scale: number,
): void {
  const image = ctx.createImageData(DIGIT_SIZE, DIGIT_SIZE);
  for (let i = 0; i < DIGIT_SIZE * DIGIT_SIZE; i++) {
    const v = pixels[i];
    image.data[i * 4] = v;
    image.data[i * 4 + 1] = v;
    image.data[i * 4 + 2] = v;
    image.data[i * 4 + 3] = 255;
  }
  const tile = getTileCanvas();
  (tile.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D).putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, x, y, DIGIT_SIZE * scale, DIGIT_SIZE * scale);
}

let tileCanvas: HTMLCanvasElement | OffscreenCanvas | null = null;

function getTileCanvas(): HTMLCanvasElement | OffscreenCanvas {
  if (!tileCanvas) {
    if (typeof OffscreenCanvas !== 'undefined') tileCanvas = new OffscreenCanvas(DIGIT_SIZE, DIGIT_SIZE);
    else {
      tileCanvas = document.createElement('canvas');
      tileCanvas.width = DIGIT_SIZE;
      tileCanvas.height = DIGIT_SIZE;
    }
  }
  return tileCanvas;
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
