/**
 * The colour scales, one meaning each (docs/ARCHITECTURE.md, UI.md):
 * signed quantities (weights, gradients, nudges) orange (-) / grey (0) / blue (+);
 * activations black to white (the MNIST look); cost a sequential scale.
 */
import { interpolateRgb, rgb, scaleDiverging, scaleSequentialLog, interpolateViridis } from 'd3';

/** Secondary text and captions (the CSS --muted): 5.1:1 on the page, 5.7:1 on white. */
export const MUTED_INK = '#62676e';

export const NEGATIVE = '#e8710a';
export const ZERO = '#c4c4c4';
export const POSITIVE = '#1a73c8';

/** Maps t in [-1, 1] to the diverging colour. */
export const signedScale = scaleDiverging<string>()
  .domain([-1, 0, 1])
  .interpolator((t: number) =>
    t < 0.5 ? interpolateRgb(NEGATIVE, ZERO)(t * 2) : interpolateRgb(ZERO, POSITIVE)(t * 2 - 1),
  )
  .clamp(true);

/** 256 entries of [r, g, b] in 0..1 for t = -1..1, for WebGL colour buffers. */
export const SIGNED_LUT: Float32Array = (() => {
  const lut = new Float32Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(signedScale((i / 255) * 2 - 1));
    lut[i * 3] = c.r / 255;
    lut[i * 3 + 1] = c.g / 255;
    lut[i * 3 + 2] = c.b / 255;
  }
  return lut;
})();

/** Index into SIGNED_LUT for t in [-1, 1]. */
export function signedIndex(t: number): number {
  const i = Math.round(((t + 1) / 2) * 255);
  return i < 0 ? 0 : i > 255 ? 255 : i;
}

/** An activation in [0, 1] as a grey level (black = 0, white = 1). */
export function activationColor(a: number): string {
  const v = Math.round(Math.max(0, Math.min(1, a)) * 255);
  return `rgb(${v},${v},${v})`;
}

/** Sequential log scale for cost values (the surface, the confusion matrix uses its own). */
export function costScale(min: number, max: number): (c: number) => string {
  const lo = Math.max(min, 1e-6);
  const s = scaleSequentialLog(interpolateViridis).domain([Math.max(max, lo * 1.0001), lo]);
  return (c: number) => s(Math.max(c, lo));
}
