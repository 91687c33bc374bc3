/**
 * Turns a drawn digit into the 28x28 image the network reads, the way MNIST was made
 * (LeCun, Cortes & Burges): the ink's bounding box is scaled to fit a 20x20 box keeping
 * its aspect ratio, anti-aliased (grey levels), and placed in a 28x28 field so that its
 * intensity-weighted centre of mass falls on the centre of the field.
 *
 * Coordinates: pixel (x, y) has index y * width + x; a continuous coordinate u lies in
 * pixel floor(u). The centre of mass is measured in pixel indices, where real MNIST
 * digits have theirs at (14, 14) (their mean over the 10,000 test images is
 * (14.01, 13.99)); a whole-pixel shift puts it within half a pixel of that, as in MNIST.
 * Pure: no DOM.
 */

export const FIELD = 28;
/** The longer side of the ink's box after scaling, in pixels. */
export const BOX = 20;
/** Where the centre of mass goes, in pixel indices (x and y). */
export const CENTRE = 14;

/** A grey image, row-major: values in [0, 1], or bytes 0..255 when `pixels` is a Uint8(Clamped)Array. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: ArrayLike<number>;
}

export interface PreprocessOptions {
  /** A pixel is ink when brighter than this (0..1). MNIST's boxes count every non-zero pixel. */
  threshold?: number;
}

export interface Box {
  x0: number;
  y0: number;
  /** Exclusive. */
  x1: number;
  y1: number;
}

/** The bounding box of the pixels brighter than `threshold`, or null when there are none. */
export function inkBox(image: GreyImage, threshold = 0): Box | null {
  const { width, height, pixels } = image;
  const cut = threshold * byteScale(pixels);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (pixels[row + x] > cut) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Intensity-weighted centre of mass in pixel indices, or null for an all-black image. */
export function centreOfMass(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
): { x: number; y: number } | null {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  return mass > 0 ? { x: mx / mass, y: my / mass } : null;
}

/**
 * The MNIST recipe: returns 784 values in [0, 1] (row-major 28x28), or null when the
 * image holds no ink.
 */
export function preprocessDigit(image: GreyImage, options: PreprocessOptions = {}): Float32Array | null {
  if (image.pixels.length < image.width * image.height) {
    throw new Error(
      `preprocessDigit: ${image.width}x${image.height} image needs ${image.width * image.height} pixels, got ${image.pixels.length}`,
    );
  }
  const box = inkBox(image, options.threshold ?? 0);
  if (!box) return null;
  const boxed = fitBox(image, box);
  const com = centreOfMass(boxed, BOX, BOX);
  if (!com) return null;
  const dx = Math.round(CENTRE - com.x);
  const dy = Math.round(CENTRE - com.y);
  // Whole-pixel shift, as MNIST did; ink shifted past the edge is dropped (rare: only
  // for a digit whose mass sits near one end of its box).
  const out = new Float32Array(FIELD * FIELD);
  for (let y = 0; y < BOX; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= FIELD) continue;
    for (let x = 0; x < BOX; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < FIELD) out[ty * FIELD + tx] = boxed[y * BOX + x];
    }
  }
  return out;
}

/**
 * Scales the box's content to BOX pixels on its longer side, centred in a BOX x BOX
 * grid, by area averaging: each output pixel is the mean of the source over the square
 * it covers (the anti-aliasing that gives MNIST its grey edges).
 */
function fitBox(image: GreyImage, box: Box): Float32Array {
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const scale = BOX / Math.max(bw, bh);
  const cols = coverage(box.x0, bw, scale);
  const rows = coverage(box.y0, bh, scale);
  const unit = 1 / byteScale(image.pixels);
  const { pixels, width } = image;
  // separable: first every source row resampled in x, then columns in y
  const tmp = new Float32Array(bh * BOX);
  for (let sy = 0; sy < bh; sy++) {
    const row = (box.y0 + sy) * width;
    for (let tx = 0; tx < BOX; tx++) {
      const c = cols[tx];
      let acc = 0;
      for (let k = 0; k < c.weights.length; k++) acc += c.weights[k] * pixels[row + c.first + k];
      tmp[sy * BOX + tx] = acc;
    }
  }
  const out = new Float32Array(BOX * BOX);
  for (let ty = 0; ty < BOX; ty++) {
    const r = rows[ty];
    for (let tx = 0; tx < BOX; tx++) {
      let acc = 0;
      for (let k = 0; k < r.weights.length; k++) acc += r.weights[k] * tmp[(r.first - box.y0 + k) * BOX + tx];
      out[ty * BOX + tx] = Math.min(1, acc * unit);
    }
  }
  return out;
}

/**
 * For each of the BOX output pixels along one axis: the first source pixel it overlaps
 * and the fraction of the output pixel each source pixel covers. The content (length
 * `length` source pixels starting at `start`) spans length * scale output pixels,
 * centred in the BOX to the nearest pixel.
 */
function coverage(start: number, length: number, scale: number): { first: number; weights: Float64Array }[] {
  // a whole-pixel offset keeps an already 20-pixel MNIST digit exactly as it was
  const offset = Math.round((BOX - length * scale) / 2);
  const result: { first: number; weights: Float64Array }[] = [];
  for (let t = 0; t < BOX; t++) {
    // output pixel t covers [t, t + 1); in source coordinates, relative to `start`:
    const lo = Math.max(0, (t - offset) / scale);
    const hi = Math.min(length, (t + 1 - offset) / scale);
    if (hi <= lo) {
      result.push({ first: start, weights: new Float64Array(0) });
      continue;
    }
    const first = Math.floor(lo);
    const last = Math.min(length - 1, Math.ceil(hi) - 1);
    const weights = new Float64Array(last - first + 1);
    for (let s = first; s <= last; s++) {
      const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
      weights[s - first] = Math.max(0, overlap) * scale;
    }
    result.push({ first: start + first, weights });
  }
  return result;
}

function byteScale(pixels: ArrayLike<number>): number {
  return pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray ? 255 : 1;
}

/** 784 values in [0, 1] as bytes 0..255, for drawing with render/digit's drawDigit. */
export function toBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  return out;
}
