import { describe, expect, it } from 'vitest';
import { DIGIT_SIZE, drawGreyImage } from '../../../src/render/digit';

/** A 2D context at device pixel ratio `ratio` that keeps the one image put on it. */
function screen(ratio: number) {
  const put: { image: ImageData; x: number; y: number }[] = [];
  const ctx = {
    getTransform: () => ({ a: ratio, d: ratio, e: 0, f: 0 }),
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (image: ImageData, x: number, y: number) => put.push({ image, x, y }),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, put };
}

/** Grid values: each pixel its own index mod 2 (a checkerboard by columns), so every column shows. */
const stripes = Array.from({ length: DIGIT_SIZE * DIGIT_SIZE }, (_, i) => i % 2);

/** The source column each device column of the image's first row shows (0 or 1 here). */
function columns(image: ImageData): number[] {
  return Array.from({ length: image.width }, (_, c) => (image.data[c * 4] === 255 ? 1 : 0));
}

describe('drawGreyImage (the network’s input image, the digits’ thumbnails)', () => {
  it('covers exactly its size in device pixels at a ratio like 1.5 (it drew 14 px past its frame)', () => {
    const { ctx, put } = screen(1.5);
    drawGreyImage(ctx, stripes, 1, 10, 20, 7);
    const { image, x, y } = put[0];
    expect(image.width).toBe(Math.round(DIGIT_SIZE * 7 * 1.5));
    expect(image.height).toBe(image.width);
    expect([x, y]).toEqual([15, 30]);
    // every source column is shown, as a run of 10 or 11 device pixels, in order
    const runs: number[] = [];
    columns(image).forEach((v, c, all) => (c > 0 && all[c - 1] === v ? runs[runs.length - 1]++ : runs.push(1)));
    expect(runs.length).toBe(DIGIT_SIZE);
    expect(new Set(runs)).toEqual(new Set([10, 11]));
  });

  it('at a whole ratio every square is the same size, as before', () => {
    const { ctx, put } = screen(2);
    drawGreyImage(ctx, stripes, 1, 0, 0, 3);
    const { image } = put[0];
    expect(image.width).toBe(DIGIT_SIZE * 6);
    const shown = columns(image);
    for (let c = 0; c < image.width; c++) expect(shown[c]).toBe(Math.floor(c / 6) % 2);
  });

  it('a thumbnail of 1 CSS pixel a square at 1.5 fits its 42-pixel canvas (it was 56 px, cut short)', () => {
    const { ctx, put } = screen(1.5);
    drawGreyImage(ctx, stripes, 1, 0, 0, 1);
    expect(put[0].image.width).toBe(42);
  });
});
