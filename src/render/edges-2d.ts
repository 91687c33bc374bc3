/**
 * The edges with canvas 2D on the page: one stroke per colour, opacity and width bucket (~50 ms
 * for this many lines under software rendering). For when the edge worker cannot paint them.
 */
import { deviceSize, eachEdge, EDGE_DASH, sizeCanvas, type EdgeRenderer } from './network-edges';
import { SIGNED_LUT } from './palette';

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

/** The edges with canvas 2D on the page (the edge worker failed, or `?edges=2d`): the same look, bucketed into strokes. */
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
      eachEdge(layout, params, style, (ax, ay, bx, by, colour, alpha, width, into, _lit, dashed) => {
        const c = Math.round((colour / 255) * (COLOURS_2D - 1));
        const a = alphaStep(alpha);
        const w = Math.min(WIDTHS_2D - 1, Math.max(1, Math.round(width / WIDTH_STEP_2D)));
        // opacity first in the key: faint buckets are drawn first, strong weights end on top
        const key = (((a * COLOURS_2D + c) * WIDTHS_2D + w) * 2 + (dashed ? 1 : 0)) * 1024 + into;
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
        const dashed = Math.floor(key / 1024) % 2 === 1;
        const style = Math.floor(key / 2048);
        const w = style % WIDTHS_2D;
        const c = Math.floor(style / WIDTHS_2D) % COLOURS_2D;
        const a = Math.floor(style / WIDTHS_2D / COLOURS_2D);
        const i = Math.round((c / (COLOURS_2D - 1)) * 255) * 3;
        const [r, g, b] = [SIGNED_LUT[i], SIGNED_LUT[i + 1], SIGNED_LUT[i + 2]].map((v) => Math.round(v * 255));
        ctx.strokeStyle = `rgba(${r},${g},${b},${2 ** ((a - (ALPHA_STEPS_2D - 1)) / 4)})`;
        ctx.lineWidth = w * WIDTH_STEP_2D;
        // (each edge a subpath of its own: the dash starts again at each)
        ctx.setLineDash(dashed ? EDGE_DASH : []);
        ctx.beginPath();
        for (let k = 0; k < list.length; k += 4) {
          ctx.moveTo(list[k], list[k + 1]);
          ctx.lineTo(list[k + 2], list[k + 3]);
        }
        ctx.stroke();
      }
      ctx.setLineDash([]);
    },
    dispose() {},
  };
}
