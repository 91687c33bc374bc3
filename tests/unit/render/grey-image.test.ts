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

/** Grid values: a checkerboard, so every row and every column shows. */
const stripes = Array.from({ length: DIGIT_SIZE * DIGIT_SIZE }, (_, i) => (Math.floor(i / DIGIT_SIZE) + i) % 2);

/** The value (0 or 1) each device column of the image's device row `row` shows. */
function columns(image: ImageData, row = 0): number[] {
  return Array.from({ length: image.width }, (_, c) => (image.data[(row * image.width + c) * 4] === 255 ? 1 : 0));
}

/** The value each device row of the image's device column `col` shows. */
function rows(image: ImageData, col = 0): number[] {
  return Array.from({ length: image.height }, (_, r) => (image.data[(r * image.width + col) * 4] === 255 ? 1 : 0));
}

/** The lengths of the runs of equal values. */
function runs(values: number[]): number[] {
  const out: number[] = [];
  values.forEach((v, i) => (i > 0 && values[i - 1] === v ? out[out.length - 1]++ : out.push(1)));
  return out;
}

describe('drawGreyImage (the network’s input image, the digits’ thumbnails)', () => {
  it('covers exactly its size in device pixels at a ratio like 1.5 (it drew 14 px past its frame)', () => {
    const { ctx, put } = screen(1.5);
    drawGreyImage(ctx, stripes, 1, 10, 20, 7);
    const { image, x, y } = put[0];
    expect(image.width).toBe(Math.round(DIGIT_SIZE * 7 * 1.5));
    expect(image.height).toBe(image.width);
    expect([x, y]).toEqual([15, 30]);
    // every source column and row is shown, as a run of 10 or 11 device pixels, in order, from the
    // first device pixel to the last
    const last = image.width - 1;
    for (const line of [columns(image), columns(image, last), rows(image), rows(image, last)]) {
      expect(runs(line).length).toBe(DIGIT_SIZE);
      expect(new Set(runs(line))).toEqual(new Set([10, 11]));
    }
    // the checkerboard's corners: (0, 0) is 0, (0, 27) and (27, 0) are 1, (27, 27) is 0
    expect([columns(image)[0], columns(image)[last], rows(image)[last], columns(image, last)[last]]).toEqual([
      0, 1, 1, 0,
    ]);
  });

  it('at a whole ratio every square is the same size, as before', () => {
    const { ctx, put } = screen(2);
    drawGreyImage(ctx, stripes, 1, 0, 0, 3);
    const { image } = put[0];
    expect(image.width).toBe(DIGIT_SIZE * 6);
    for (const r of [0, 7, image.height - 1]) {
      const shown = columns(image, r);
      for (let c = 0; c < image.width; c++) expect(shown[c]).toBe((Math.floor(c / 6) + Math.floor(r / 6)) % 2);
    }
  });

  it('a thumbnail of 1 CSS pixel a square at 1.5 fits its 42-pixel canvas (it was 56 px, cut short)', () => {
    const { ctx, put } = screen(1.5);
    drawGreyImage(ctx, stripes, 1, 0, 0, 1);
    expect(put[0].image.width).toBe(42);
  });
});
