/**
 * The edges as CPU pixels painted by the edge worker (src/worker/edge-raster.ts) and put on a 2D
 * canvas: where WebGL is software or absent, so neither the page's thread nor a software GL draws
 * them.
 */
import { SEGMENT_FLOATS, type EdgeRasterRequest } from '../protocol/edge-raster-api';
import { createCanvasEdgeRenderer } from './edges-2d';
import {
  deviceSize,
  eachDash,
  eachEdge,
  edgeCount,
  FOCUS_FADE,
  sizeCanvas,
  type EdgeRenderer,
  type EdgeStyle,
  type RasterEdges,
} from './network-edges';
import type { NetworkLayout } from './network-layout';
import { SIGNED_LUT } from './palette';

/**
 * The edges as the edge worker's list: SEGMENT_FLOATS numbers a segment, in drawing order (only
 * the lit ones with `onlyLit`: those touching the neuron in focus, and the chosen weight); an edge
 * is one segment, a dashed one (`eachDash`) one a dash. `count` is the segments'.
 */
export function edgeSegments(
  layout: NetworkLayout,
  params: Float32Array,
  style: EdgeStyle,
  out: Float32Array,
  onlyLit = false,
): { count: number; segments: Float32Array } {
  const need = edgeCount(layout.sizes) * SEGMENT_FLOATS;
  let segments = out.length >= need ? out : new Float32Array(need);
  let e = 0;
  const push = (ax: number, ay: number, bx: number, by: number, colour: number, alpha: number, width: number) => {
    // a dashed edge is several segments: grow the list where the pieces need more room
    if ((e + 1) * SEGMENT_FLOATS > segments.length) {
      const grown = new Float32Array(segments.length * 2);
      grown.set(segments);
      segments = grown;
    }
    const o = e * SEGMENT_FLOATS;
    segments[o] = ax;
    segments[o + 1] = ay;
    segments[o + 2] = bx;
    segments[o + 3] = by;
    segments[o + 4] = SIGNED_LUT[colour * 3];
    segments[o + 5] = SIGNED_LUT[colour * 3 + 1];
    segments[o + 6] = SIGNED_LUT[colour * 3 + 2];
    segments[o + 7] = alpha;
    segments[o + 8] = width;
    e++;
  };
  eachEdge(layout, params, style, (ax, ay, bx, by, colour, alpha, width, _into, lit, dashed) => {
    if (onlyLit && !lit) return;
    if (dashed) eachDash(ax, ay, bx, by, (x0, y0, x1, y1) => push(x0, y0, x1, y1, colour, alpha, width));
    else push(ax, ay, bx, by, colour, alpha, width);
  });
  return { count: e, segments };
}

/**
 * `raster(request)`, with a throw (a worker the browser refuses to make) as a failed request like
 * any other.
 */
function ask(raster: RasterEdges, request: EdgeRasterRequest): ReturnType<RasterEdges> {
  try {
    return raster(request);
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Failed requests in a row after which the edges are drawn on this thread instead. */
const MAX_RASTER_FAILURES = 3;

/**
 * The edges painted as pixels by `raster` (the edge worker) and put on a 2D canvas. One request
 * is in flight at a time; meanwhile only the newest drawing waits, and each result is put on
 * the canvas (the latest finished), with the canvas sized as it was asked. The canvas's
 * `data-painted` counts the results put. After MAX_RASTER_FAILURES failed requests in a row
 * (the worker died each time, or cannot start), canvas 2D draws them here instead ('2d').
 */
export function createRasterEdgeRenderer(
  canvas: HTMLCanvasElement,
  raster: RasterEdges,
  onChange: () => void,
): EdgeRenderer {
  const ctx = canvas.getContext('2d');
  if (!ctx) return { kind: 'none', draw() {}, dispose() {} };
  type Job = [layout: NetworkLayout, params: Float32Array, style: EdgeStyle, dpr: number];
  // the base (every edge with no neuron in focus) and what it was made from: a new focus alone
  // keeps it, and the worker paints only the overlay over the pixels it kept
  let base = { segments: new Float32Array(0) as Float32Array, count: 0, id: 0, from: [] as unknown[] };
  let overlayBuffer: Float32Array = new Float32Array(0);
  let inFlight = false;
  let waiting: Job | null = null;
  let failures = 0;
  let fallback: EdgeRenderer | null = null;
  let disposed = false;
  let painted = 0;
  const send = (job: Job) => {
    const [layout, params, style, dpr] = job;
    const { width, height } = deviceSize(layout, dpr);
    const from = [layout, params, style.weight, dpr];
    if (from.some((k, i) => k !== base.from[i])) {
      const made = edgeSegments(layout, params, { focus: null, weight: style.weight }, base.segments);
      base = { ...made, id: base.id + 1, from };
    }
    const lit = style.focus
      ? edgeSegments(layout, params, style, overlayBuffer, true)
      : { count: 0, segments: overlayBuffer };
    overlayBuffer = lit.segments;
    inFlight = true;
    // the request is cloned as it is posted, so the buffer is free again on return
    ask(raster, {
      width,
      height,
      scale: dpr,
      baseId: base.id,
      count: base.count,
      segments: base.segments,
      baseOpacity: style.focus ? FOCUS_FADE : 1,
      overlayCount: lit.count,
      overlay: lit.segments,
    })
      .then(
        (result) => {
          failures = 0;
          if (disposed || fallback) return;
          sizeCanvas(canvas, layout.width, layout.height, result.width, result.height);
          ctx.putImageData(new ImageData(result.pixels, result.width, result.height), 0, 0);
          canvas.dataset.painted = String(++painted);
        },
        () => {
          if (disposed) return;
          if (++failures < MAX_RASTER_FAILURES) waiting ??= job;
          else {
            fallback = createCanvasEdgeRenderer(canvas);
            waiting = null;
            onChange();
          }
        },
      )
      .finally(() => {
        inFlight = false;
        const next = waiting;
        waiting = null;
        if (next && !disposed && !fallback) send(next);
      });
  };
  return {
    get kind() {
      return fallback ? fallback.kind : 'cpu';
    },
    draw(layout, params, style, dpr) {
      if (fallback) return fallback.draw(layout, params, style, dpr);
      if (inFlight) waiting = [layout, params, style, dpr];
      else send([layout, params, style, dpr]);
    },
    dispose() {
      disposed = true;
      waiting = null;
    },
  };
}
