/**
 * The trainer's lookups in the data: pages of images, a label's images, a confusion-matrix cell's
 * digits; an image as the network's input or as the UI's example; a batch's mean cost.
 */
import { lossAndGradient, predict, type Network } from '../engine';
import type { Dataset } from '../data/idx';
import type { ExampleRef } from '../protocol/snapshot';

const PIXELS = 784;

/** Images start..start+count (clipped to the set) with their labels. */
export function imagesBetween(set: Dataset, start: number, count: number): { pixels: Uint8Array; labels: Uint8Array } {
  const s = Math.max(0, Math.min(start, set.count));
  const e = Math.max(s, Math.min(s + count, set.count));
  return { pixels: set.images.slice(s * PIXELS, e * PIXELS), labels: set.labels.slice(s, e) };
}

/** The images at `indices`, in that order, with their labels. */
export function imagesAt(set: Dataset, indices: number[]): { pixels: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((idx, i) => {
    pixels.set(set.images.subarray(idx * PIXELS, (idx + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[idx];
  });
  return { pixels, labels };
}

/** Up to `limit` indices of images labelled `label` that `net` reads as `predicted`, first first. */
export function confusionCellOf(net: Network, set: Dataset, label: number, predicted: number, limit: number): number[] {
  const out: number[] = [];
  const input = new Float32Array(PIXELS);
  const classes = net.spec.sizes.at(-1)!;
  for (let i = 0; i < set.count && out.length < limit; i++) {
    if (set.labels[i] !== label) continue;
    const px = set.images.subarray(i * PIXELS, (i + 1) * PIXELS);
    for (let p = 0; p < PIXELS; p++) input[p] = px[p] / 255;
    const a = predict(net, input, 1);
    let best = 0;
    for (let c = 1; c < classes; c++) if (a[c] > a[best]) best = c;
    if (best === predicted) out.push(i);
  }
  return out;
}

/** Up to `limit` indices from `from` on of images labelled `label`. */
export function indicesOfLabel(set: Dataset, label: number, from: number, limit: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < set.count && out.length < limit; i++) {
    if (set.labels[i] === label) out.push(i);
  }
  return out;
}

/** Pixel bytes as inputs in [0, 1]. */
export function toFloatInput(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

/** Image `index` of the set, as the UI shows an example: its index, label and pixels (a copy). */
export function exampleOf(set: Dataset, index: number): ExampleRef {
  return { index, label: set.labels[index], pixels: set.images.slice(index * PIXELS, (index + 1) * PIXELS) };
}

/** Mean cost of `net` on the images order[start..end) of `set` (in chunks of 256). */
export function meanCostOf(net: Network, set: Dataset, order: Uint32Array, start: number, end: number): number {
  const count = end - start;
  const chunk = 256;
  let sum = 0;
  for (let s = 0; s < count; s += chunk) {
    const n = Math.min(chunk, count - s);
    const inputs = new Float32Array(n * PIXELS);
    const labels = new Uint8Array(n);
    for (let e = 0; e < n; e++) {
      const idx = order[start + s + e];
      const px = set.images.subarray(idx * PIXELS, (idx + 1) * PIXELS);
      for (let p = 0; p < PIXELS; p++) inputs[e * PIXELS + p] = px[p] / 255;
      labels[e] = set.labels[idx];
    }
    sum += lossAndGradient(net, inputs, labels, n).loss * n;
  }
  return sum / count;
}
