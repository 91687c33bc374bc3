/**
 * All edges of the network (12,960 for 784-16-16-10): colour for the weight's sign, width
 * and opacity for its size. What every way of drawing them shares: each edge's look
 * (`eachEdge`), the renderers' interface and the canvas's sizing. The renderers: WebGL where it
 * runs on a GPU (edges-webgl.ts), else CPU pixels painted by the edge worker (edges-cpu.ts),
 * else canvas 2D on the page (edges-2d.ts); edge-renderer.ts chooses.
 */
import type { NetworkLayout } from './network-layout';
import { signedIndex } from './palette';
import type { EdgeRasterRequest, EdgeRasterResult } from '../protocol/edge-raster-api';

export type EdgeKind = 'webgl' | 'webgl-lost' | 'cpu' | '2d' | 'none';

/** How the edges are drawn: 'auto' chooses (a GPU's WebGL, else the edge worker); the others force one (`?edges=`). */
export type EdgeMode = 'auto' | 'webgl' | 'cpu' | '2d';

/** The edge worker's service: the edges as pixels (rejects when the worker dies). */
export type RasterEdges = (request: EdgeRasterRequest) => Promise<EdgeRasterResult>;

export interface EdgeStyle {
  /** Neuron whose edges stay bright while the rest fade (hover or selection). */
  focus: { layer: number; index: number } | null;
  /** A single weight to emphasise (chosen in the chain-rule panel). */
  weight: { layer: number; to: number; from: number } | null;
}

export interface EdgeRenderer {
  /**
   * 'webgl' (a GPU's); 'webgl-lost' while the browser has taken the context away (the edges come
   * back when it is restored); 'cpu' painted by the edge worker (WebGL software or absent); '2d'
   * drawn with canvas 2D on this thread (the edge worker failed, or asked for); 'none' when no
   * context at all.
   */
  readonly kind: EdgeKind;
  /** Sizes the canvas to `layout` (CSS px) times `dpr`, and draws (or asks for) the edges. */
  draw(layout: NetworkLayout, params: Float32Array, style: EdgeStyle, dpr: number): void;
  dispose(): void;
}
/**
 * Sizes `canvas` to `cssWidth` x `cssHeight` CSS px at `width` x `height` device px, only when they
 * change (reassigning a size, even the same, clears a canvas and reallocates WebGL buffers).
 */
export function sizeCanvas(
  canvas: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
  width: number,
  height: number,
): void {
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const w = `${cssWidth}px`;
  const h = `${cssHeight}px`;
  if (canvas.style.width !== w) canvas.style.width = w;
  if (canvas.style.height !== h) canvas.style.height = h;
}

/** `layout`'s size in device px at `dpr`. */
export function deviceSize(layout: NetworkLayout, dpr: number): { width: number; height: number } {
  return { width: Math.round(layout.width * dpr), height: Math.round(layout.height * dpr) };
}
/**
 * One edge as drawn: from a to b, SIGNED_LUT index, opacity and width (CSS px), `into`, which
 * neuron it ends at (a number unique over the whole network), `lit`: it touches the neuron in
 * focus, or it is the chosen weight, and `dashed`: a lit negative weight, drawn as EDGE_DASH.
 */
export type EdgeSink = (
  ax: number,
  ay: number,
  bx: number,
  by: number,
  colour: number,
  alpha: number,
  width: number,
  into: number,
  lit: boolean,
  dashed: boolean,
) => void;

/**
 * The dash of a lit negative weight (CSS px on, off): the weights of the neuron in focus, and the
 * chain rule's, carry their sign by more than hue, which a reader without colour vision, or a
 * greyscale projector, loses (a colour-vision review). The rest of the network keeps its colours
 * alone: 12,960 dashed lines would be a grey mesh.
 */
export const EDGE_DASH: readonly [number, number] = [6, 4];

/** The pieces of a dashed edge from a to b (EDGE_DASH, starting with a dash at a), each handed to `piece`. */
export function eachDash(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  piece: (ax: number, ay: number, bx: number, by: number) => void,
): void {
  const length = Math.hypot(bx - ax, by - ay);
  if (!(length > 0)) return;
  const [on, off] = EDGE_DASH;
  const ux = (bx - ax) / length;
  const uy = (by - ay) / length;
  for (let t = 0; t < length; t += on + off) {
    const end = Math.min(length, t + on);
    piece(ax + ux * t, ay + uy * t, ax + ux * end, ay + uy * end);
  }
}
/** The opacity kept by the edges away from the neuron in focus (hovered or selected). */
export const FOCUS_FADE = 0.08;

/** Largest |w| of each layer's weights, so every layer uses the full colour range. */
function layerScales(sizes: number[], params: Float32Array): number[] {
  const scales = [0];
  let offset = 0;
  for (let l = 1; l < sizes.length; l++) {
    const n = sizes[l] * sizes[l - 1];
    let max = 1e-9;
    for (let i = offset; i < offset + n; i++) {
      const a = Math.abs(params[i]);
      if (a > max) max = a;
    }
    scales.push(max);
    offset += n + sizes[l];
  }
  return scales;
}

/** Number of edges between the layers of `sizes`. */
export function edgeCount(sizes: number[]): number {
  let edges = 0;
  for (let l = 1; l < sizes.length; l++) edges += sizes[l] * sizes[l - 1];
  return edges;
}

/**
 * Each edge's look, in drawing order (layer by layer, neuron by neuron), handed to `sink`.
 * A chain-rule weight is handed over last (drawn on top), and the other weights into its
 * neuron, its rivals there, fade; the edges out of that neuron (the paths the sum runs over) stay.
 */
export function eachEdge(layout: NetworkLayout, params: Float32Array, style: EdgeStyle, sink: EdgeSink): void {
  const { sizes, neurons } = layout;
  const scales = layerScales(sizes, params);
  const focus = style.focus;
  const chosen = style.weight;
  let chosenEdge: Parameters<EdgeSink> | null = null;
  let offset = 0;
  let into = 0;
  for (let l = 1; l < sizes.length; l++) {
    const inN = sizes[l - 1];
    const outN = sizes[l];
    // the input layer has 49x more edges than the others: draw them fainter and thinner; and
    // a layer with more edges than the default's (784x16, 16x16) fainter again, so 64x64
    // stays readable instead of a solid block
    const dense = Math.min(1, Math.sqrt((l === 1 ? 784 * 16 : 16 * 16) / (inN * outN)));
    const baseAlpha = (l === 1 ? 0.22 : 0.85) * dense;
    const maxWidth = Math.max(0.8, (l === 1 ? 1.2 : 3.2) * dense);
    for (let j = 0; j < outN; j++) {
      const b = neurons[l][j];
      const rivals = chosen !== null && chosen.layer === l && chosen.to === j;
      for (let k = 0; k < inN; k++) {
        const w = params[offset + j * inN + k] / scales[l];
        const a = neurons[l - 1][k];
        const mag = Math.min(1, Math.abs(w));
        let alpha = baseAlpha * (0.12 + 0.88 * mag);
        let width = 0.35 + (maxWidth - 0.35) * mag;
        if (rivals && chosen.from === k) {
          // its sign's full colour: a small weight's own is the palette's grey middle, lost among the rest
          chosenEdge = [
            a.x,
            a.y,
            b.x,
            b.y,
            signedIndex(w < 0 ? -1 : 1),
            1,
            Math.max(width + 2, 3.5),
            into + j,
            true,
            w < 0,
          ];
          continue;
        }
        const touches =
          focus !== null && ((focus.layer === l && focus.index === j) || (focus.layer === l - 1 && focus.index === k));
        if (touches && rivals) alpha = Math.min(1, 0.12 + 0.3 * mag);
        else if (touches) {
          alpha = Math.min(1, 0.35 + 0.65 * mag);
          width = Math.max(width, l === 1 ? 0.9 : 1.2);
        } else {
          // an edge away from the focus is its unfocused look faded by FOCUS_FADE, no more: the
          // edge worker fades the pixels of the unfocused drawing it kept (edges-cpu.ts)
          if (rivals) alpha *= 0.4;
          if (focus) alpha *= FOCUS_FADE;
        }
        sink(a.x, a.y, b.x, b.y, signedIndex(w), alpha, width, into + j, touches, touches && w < 0);
      }
    }
    into += outN;
    offset += inN * outN + outN;
  }
  if (chosenEdge) sink(...chosenEdge);
}
