/**
 * The contract between the network view and the edge worker, which paints the network's edges
 * as CPU pixels where the browser's WebGL is software (or absent): a page without a GPU then
 * only puts finished pixels on a 2D canvas. The worker's object `satisfies EdgeRasterApi`; the
 * bridge wraps it with comlink's `wrap<EdgeRasterApi>`. The request's arrays are cloned; the
 * result's pixels, a new array each time, are handed over: the app's one transfer
 * (docs/ARCHITECTURE.md, "No transfers").
 */

/**
 * Numbers per segment in `EdgeRasterRequest.segments` (an edge, or one dash of a dashed edge):
 * from (ax, ay) to (bx, by) in CSS px, its colour r, g, b in 0..1, its opacity in 0..1 and its
 * width in CSS px. Drawn in this order, each over the ones before.
 */
export const SEGMENT_FLOATS = 9;

export interface EdgeRasterRequest {
  /** The canvas in device pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS px (the segments are in CSS px). */
  scale: number;
  /**
   * Names the base, `count` segments in `segments` (every edge, as drawn with no neuron in focus):
   * the worker keeps their pixels, and a request with the same id and size paints only its
   * overlay on them (hovering a neuron repaints a few hundred edges, not 12,960).
   */
  baseId: number;
  count: number;
  segments: Float32Array;
  /** The base's opacity (the edges away from the neuron in focus fade), else 1. */
  baseOpacity: number;
  /** Edges painted over the base (the neuron in focus's, the chosen weight), in the same layout. */
  overlayCount: number;
  overlay: Float32Array;
}

export interface EdgeRasterResult {
  width: number;
  height: number;
  /** RGBA, not premultiplied (ImageData's layout), width x height; a new array, the page's to keep. */
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

export interface EdgeRasterApi {
  raster(request: EdgeRasterRequest): EdgeRasterResult | Promise<EdgeRasterResult>;
}
