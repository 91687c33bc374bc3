/** The trainer's lookups in the data: pages of images, a label's images, a confusion-matrix cell's digits. */
import { predict, type Network } from '../engine';
import type { Dataset } from '../data/idx';

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
