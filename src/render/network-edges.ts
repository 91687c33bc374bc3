/**
 * All edges of the network (12,960 for 784-16-16-10): colour for the weight's sign, width
 * and opacity for its size. Drawn in WebGL, one quad per edge, where the browser's WebGL runs
 * on a GPU; where it is software (no GPU: SwiftShader, llvmpipe) or absent, painted as CPU
 * pixels by the edge worker and put on a 2D canvas, so the page's thread and the software GL
 * do no drawing of their own; and if that worker fails, with canvas 2D here (one stroke per
 * colour, opacity and width bucket: ~50 ms for this many lines under software rendering).
 * A lost WebGL context is rebuilt when the browser restores it.
 */
import type { NetworkLayout } from './network-layout';
import { SIGNED_LUT, signedIndex } from './palette';
import { SEGMENT_FLOATS, type EdgeRasterRequest, type EdgeRasterResult } from '../protocol/edge-raster-api';

const VERTEX = `
attribute vec2 a_pos;
attribute vec4 a_color;
uniform vec2 u_size;
varying vec4 v_color;
void main() {
  vec2 p = a_pos / u_size * 2.0 - 1.0;
  gl_Position = vec4(p.x, -p.y, 0.0, 1.0);
  v_color = a_color;
}`;

const FRAGMENT = `
precision mediump float;
varying vec4 v_color;
void main() { gl_FragColor = v_color; }`;

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
function sizeCanvas(
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
function deviceSize(layout: NetworkLayout, dpr: number): { width: number; height: number } {
  return { width: Math.round(layout.width * dpr), height: Math.round(layout.height * dpr) };
}

/**
 * One edge as drawn: from a to b, SIGNED_LUT index, opacity and width (CSS px), `into`, which
 * neuron it ends at (a number unique over the whole network), and `lit`: it touches the neuron in
 * focus, or it is the chosen weight.
 */
type EdgeSink = (
  ax: number,
  ay: number,
  bx: number,
  by: number,
  colour: number,
  alpha: number,
  width: number,
  into: number,
  lit: boolean,
) => void;

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader | null {
  const shader = gl.createShader(type);
  if (!shader) return null;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  return gl.getShaderParameter(shader, gl.COMPILE_STATUS) ? shader : null;
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
function edgeCount(sizes: number[]): number {
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
          chosenEdge = [a.x, a.y, b.x, b.y, signedIndex(w < 0 ? -1 : 1), 1, Math.max(width + 2, 3.5), into + j, true];
          continue;
        }
        const touches =
          focus !== null && ((focus.layer === l && focus.index === j) || (focus.layer === l - 1 && focus.index === k));
        if (focus) {
          if (touches && rivals) alpha = Math.min(1, 0.12 + 0.3 * mag);
          else if (touches) {
            alpha = Math.min(1, 0.35 + 0.65 * mag);
            width = Math.max(width, l === 1 ? 0.9 : 1.2);
          } else alpha *= FOCUS_FADE;
        } else if (rivals) alpha *= 0.4;
        sink(a.x, a.y, b.x, b.y, signedIndex(w), alpha, width, into + j, touches);
      }
    }
    into += outN;
    offset += inN * outN + outN;
  }
  if (chosenEdge) sink(...chosenEdge);
}

/**
 * Whether this browser's WebGL runs on a GPU: asked on a canvas of its own (a canvas holds the
 * first kind of context it gives), with `failIfMajorPerformanceCaveat`, and the renderer's name
 * checked for the software ones where the browser says it.
 */
export function hasGpuWebgl(): boolean {
  const probe = document.createElement('canvas');
  const gl = probe.getContext('webgl', { failIfMajorPerformanceCaveat: true });
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}

/**
 * The edges' renderer for `mode` ('auto': WebGL on a GPU, else the edge worker's pixels).
 * `onChange` is called when `kind` changes (the browser took the WebGL context away or gave it
 * back, or the edge worker failed for good): redraw, and show `kind`.
 */
export function createEdgeRenderer(
  canvas: HTMLCanvasElement,
  onChange: () => void,
  raster: RasterEdges,
  mode: EdgeMode = 'auto',
): EdgeRenderer {
  if (mode === '2d') return createCanvasEdgeRenderer(canvas);
  const webgl = mode === 'webgl' || (mode === 'auto' && hasGpuWebgl());
  return (
    (webgl ? createWebglEdgeRenderer(canvas, onChange) : null) ?? createRasterEdgeRenderer(canvas, raster, onChange)
  );
}

/** `?edges=webgl|cpu|2d` in the page's address forces a renderer (to compare them, and for tests). */
export function edgeModeFrom(search: string): EdgeMode {
  const asked = new URLSearchParams(search).get('edges');
  return asked === 'webgl' || asked === 'cpu' || asked === '2d' ? asked : 'auto';
}

/**
 * The edges as the edge worker's list: SEGMENT_FLOATS numbers each, in drawing order (only the
 * lit ones with `onlyLit`: those touching the neuron in focus, and the chosen weight).
 */
export function edgeSegments(
  layout: NetworkLayout,
  params: Float32Array,
  style: EdgeStyle,
  out: Float32Array,
  onlyLit = false,
): { count: number; segments: Float32Array } {
  const need = edgeCount(layout.sizes) * SEGMENT_FLOATS;
  const segments = out.length >= need ? out : new Float32Array(need);
  let e = 0;
  eachEdge(layout, params, style, (ax, ay, bx, by, colour, alpha, width, _into, lit) => {
    if (onlyLit && !lit) return;
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
  });
  return { count: e, segments };
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
    raster({
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

/**
 * The edges as WebGL quads; null only when the browser gives no WebGL context (then the
 * canvas is still free for 2D). A context that is lost, now or later, waits to be restored.
 */
export function createWebglEdgeRenderer(canvas: HTMLCanvasElement, onChange: () => void): EdgeRenderer | null {
  const gl = canvas.getContext('webgl', { premultipliedAlpha: true, antialias: false, preserveDrawingBuffer: true });
  if (!gl) return null;
  interface Resources {
    program: WebGLProgram;
    aPos: number;
    aColor: number;
    uSize: WebGLUniformLocation | null;
    posBuffer: WebGLBuffer | null;
    colorBuffer: WebGLBuffer | null;
  }
  const init = (): Resources | null => {
    const program = gl.createProgram();
    const vertex = compile(gl, gl.VERTEX_SHADER, VERTEX);
    const fragment = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT);
    if (!program || !vertex || !fragment) return null;
    gl.attachShader(program, vertex);
    gl.attachShader(program, fragment);
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) return null;
    return {
      program,
      aPos: gl.getAttribLocation(program, 'a_pos'),
      aColor: gl.getAttribLocation(program, 'a_color'),
      uSize: gl.getUniformLocation(program, 'u_size'),
      posBuffer: gl.createBuffer(),
      colorBuffer: gl.createBuffer(),
    };
  };
  let res = gl.isContextLost() ? null : init();
  // a GPU reset loses the context: say we want it back, and rebuild when it returns
  const onLost = (e: Event) => {
    e.preventDefault();
    res = null;
    onChange();
  };
  const onRestore = () => {
    res = init();
    onChange();
  };
  canvas.addEventListener('webglcontextlost', onLost);
  canvas.addEventListener('webglcontextrestored', onRestore);
  let positions = new Float32Array(0);
  let colors = new Float32Array(0);

  return {
    get kind() {
      return res ? 'webgl' : 'webgl-lost';
    },
    draw(layout, params, style, dpr) {
      const size = deviceSize(layout, dpr);
      sizeCanvas(canvas, layout.width, layout.height, size.width, size.height);
      if (!res) return;
      const edges = edgeCount(layout.sizes);
      if (positions.length !== edges * 12) {
        positions = new Float32Array(edges * 12);
        colors = new Float32Array(edges * 24);
      }
      let e = 0;
      eachEdge(layout, params, style, (ax, ay, bx, by, colour, alpha, width) => {
        // the quad: the segment a-b widened by width/2 on each side
        const dx = bx - ax;
        const dy = by - ay;
        const len = Math.hypot(dx, dy) || 1;
        const nx = (-dy / len) * (width / 2);
        const ny = (dx / len) * (width / 2);
        const p = e * 12;
        positions[p] = ax + nx;
        positions[p + 1] = ay + ny;
        positions[p + 2] = ax - nx;
        positions[p + 3] = ay - ny;
        positions[p + 4] = bx + nx;
        positions[p + 5] = by + ny;
        positions[p + 6] = bx + nx;
        positions[p + 7] = by + ny;
        positions[p + 8] = ax - nx;
        positions[p + 9] = ay - ny;
        positions[p + 10] = bx - nx;
        positions[p + 11] = by - ny;
        const c = colour * 3;
        const r = SIGNED_LUT[c] * alpha;
        const g = SIGNED_LUT[c + 1] * alpha;
        const bl = SIGNED_LUT[c + 2] * alpha;
        for (let v = 0; v < 6; v++) {
          const q = e * 24 + v * 4;
          colors[q] = r;
          colors[q + 1] = g;
          colors[q + 2] = bl;
          colors[q + 3] = alpha;
        }
        e++;
      });
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.useProgram(res.program);
      gl.uniform2f(res.uSize, canvas.width / dpr, canvas.height / dpr);
      gl.bindBuffer(gl.ARRAY_BUFFER, res.posBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, positions, gl.DYNAMIC_DRAW);
      gl.enableVertexAttribArray(res.aPos);
      gl.vertexAttribPointer(res.aPos, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, res.colorBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, colors, gl.DYNAMIC_DRAW);
      gl.enableVertexAttribArray(res.aColor);
      gl.vertexAttribPointer(res.aColor, 4, gl.FLOAT, false, 0, 0);
      gl.drawArrays(gl.TRIANGLES, 0, edges * 6);
    },
    dispose() {
      canvas.removeEventListener('webglcontextlost', onLost);
      canvas.removeEventListener('webglcontextrestored', onRestore);
      // the canvas keeps its context (React may mount the view again on the same canvas)
      if (!res) return;
      gl.deleteBuffer(res.posBuffer);
      gl.deleteBuffer(res.colorBuffer);
      gl.deleteProgram(res.program);
    },
  };
}

/**
 * Buckets for the canvas-2D edges: one stroke per (neuron the edges end at, colour, opacity,
 * width). One stroked path paints overlapping lines once, where WebGL blends each: splitting
 * by the neuron they end at keeps the fans that cross each other adding up as in WebGL.
 * Opacity in quarter octaves (2^(k/4)), so faded edges keep their relative strength.
 */
const COLOURS_2D = 32;
const ALPHA_STEPS_2D = 48;
const WIDTH_STEP_2D = 0.25;
const WIDTHS_2D = 64;

function alphaStep(alpha: number): number {
  return Math.max(
    0,
    Math.min(ALPHA_STEPS_2D - 1, Math.round(ALPHA_STEPS_2D - 1 + 4 * Math.log2(Math.max(alpha, 1e-6)))),
  );
}

/** The edges with canvas 2D, for browsers without WebGL: the same look, bucketed into strokes. */
export function createCanvasEdgeRenderer(canvas: HTMLCanvasElement): EdgeRenderer {
  const ctx = canvas.getContext('2d');
  if (!ctx) return { kind: 'none', draw() {}, dispose() {} };
  return {
    kind: '2d',
    draw(layout, params, style, dpr) {
      const size = deviceSize(layout, dpr);
      sizeCanvas(canvas, layout.width, layout.height, size.width, size.height);
      // each bucket: a flat list of segment ends (ax, ay, bx, by, ...)
      const buckets = new Map<number, number[]>();
      eachEdge(layout, params, style, (ax, ay, bx, by, colour, alpha, width, into) => {
        const c = Math.round((colour / 255) * (COLOURS_2D - 1));
        const a = alphaStep(alpha);
        const w = Math.min(WIDTHS_2D - 1, Math.max(1, Math.round(width / WIDTH_STEP_2D)));
        // opacity first in the key: faint buckets are drawn first, strong weights end on top
        const key = ((a * COLOURS_2D + c) * WIDTHS_2D + w) * 1024 + into;
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push(ax, ay, bx, by);
      });
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.lineCap = 'butt';
      for (const key of [...buckets.keys()].sort((x, y) => x - y)) {
        const list = buckets.get(key)!;
        const style = Math.floor(key / 1024);
        const w = style % WIDTHS_2D;
        const c = Math.floor(style / WIDTHS_2D) % COLOURS_2D;
        const a = Math.floor(style / WIDTHS_2D / COLOURS_2D);
        const i = Math.round((c / (COLOURS_2D - 1)) * 255) * 3;
        const [r, g, b] = [SIGNED_LUT[i], SIGNED_LUT[i + 1], SIGNED_LUT[i + 2]].map((v) => Math.round(v * 255));
        ctx.strokeStyle = `rgba(${r},${g},${b},${2 ** ((a - (ALPHA_STEPS_2D - 1)) / 4)})`;
        ctx.lineWidth = w * WIDTH_STEP_2D;
        ctx.beginPath();
        for (let k = 0; k < list.length; k += 4) {
          ctx.moveTo(list[k], list[k + 1]);
          ctx.lineTo(list[k + 2], list[k + 3]);
        }
        ctx.stroke();
      }
    },
    dispose() {},
  };
}
