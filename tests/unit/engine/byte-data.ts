/** The byte datasets and their float copies that the engine's trainer tests feed it. */
import type { ByteData } from '../../../src/engine';
import { testRandom } from './reference';

/** Random byte images with ~70% zero pixels, like MNIST. */
export function byteData(count: number, pixels: number, classes: number, seed: number): ByteData {
  const rnd = testRandom(seed);
  const images = new Uint8Array(count * pixels);
  for (let i = 0; i < images.length; i++) images[i] = rnd() < 0.7 ? 0 : Math.floor(rnd() * 256);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = Math.floor(rnd() * classes);
  return { images, labels, count };
}

/** The images `indices` of `data` as the float inputs lossAndGradient takes (byte / 255), with their labels. */
export function floats(
  data: ByteData,
  indices: number[],
  pixels: number,
): { inputs: Float32Array; labels: Uint8Array } {
  const inputs = new Float32Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  indices.forEach((idx, e) => {
    for (let p = 0; p < pixels; p++) inputs[e * pixels + p] = data.images[idx * pixels + p] / 255;
    labels[e] = data.labels[idx];
  });
  return { inputs, labels };
}
