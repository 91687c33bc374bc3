/**
 * All edges of the network (12,960 for 784-16-16-10) in WebGL: one quad per edge,
 * colour for the weight's sign, width and opacity for its size. Canvas 2D takes
 * ~50 ms for this many lines under software rendering; WebGL takes a few.
 */
import type { NetworkLayout } from './network-layout';
import { SIGNED_LUT, signedIndex } from './palette';

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

export interface EdgeStyle {
  /** Neuron whose edges stay bright while the rest fade (hover or selection). */
  focus: { layer: number; index: number } | null;
  /** A single weight to emphasise (chosen in the chain-rule panel). */
  weight: { layer: number; to: number; from: number } | null;
}

export interface EdgeRenderer {
  draw(layout: NetworkLayout, params: Float32Array, style: EdgeStyle, dpr: number): void;
  dispose(): void;
}

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader | null {
  const shader = gl.createShader(type);
  if (!shader) return null;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  return gl.getShaderParameter(shader, gl.COMPILE_STATUS) ? shader : null;
}

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

export function createEdgeRenderer(canvas: HTMLCanvasElement): EdgeRenderer | null {
  const gl = canvas.getContext('webgl', { premultipliedAlpha: true, antialias: false, preserveDrawingBuffer: true });
  if (!gl || gl.isContextLost()) return null;
  const program = gl.createProgram();
  const vertex = compile(gl, gl.VERTEX_SHADER, VERTEX);
  const fragment = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT);
  if (!program || !vertex || !fragment) return null;
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) return null;
  const aPos = gl.getAttribLocation(program, 'a_pos');
  const aColor = gl.getAttribLocation(program, 'a_color');
  const uSize = gl.getUniformLocation(program, 'u_size');
  const posBuffer = gl.createBuffer();
  const colorBuffer = gl.createBuffer();
  let positions = new Float32Array(0);
  let colors = new Float32Array(0);

  return {
    draw(layout, params, style, dpr) {
      const { sizes, neurons } = layout;
      let edges = 0;
      for (let l = 1; l < sizes.length; l++) edges += sizes[l] * sizes[l - 1];
      if (positions.length !== edges * 12) {
        positions = new Float32Array(edges * 12);
        colors = new Float32Array(edges * 24);
      }
      const scales = layerScales(sizes, params);
      const focus = style.focus;
      let e = 0;
      let offset = 0;
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
          for (let k = 0; k < inN; k++) {
            const w = params[offset + j * inN + k] / scales[l];
            const a = neurons[l - 1][k];
            const mag = Math.min(1, Math.abs(w));
            let alpha = baseAlpha * (0.12 + 0.88 * mag);
            let width = 0.35 + (maxWidth - 0.35) * mag;
            if (focus) {
              const touches = (focus.layer === l && focus.index === j) || (focus.layer === l - 1 && focus.index === k);
              if (touches) {
                alpha = Math.min(1, 0.35 + 0.65 * mag);
                width = Math.max(width, l === 1 ? 0.9 : 1.2);
              } else alpha *= 0.08;
            }
            if (style.weight && style.weight.layer === l && style.weight.to === j && style.weight.from === k) {
              alpha = 1;
              width = Math.max(width + 2, 3.5);
            }
            // the quad: the segment a-b widened by width/2 on each side
            const dx = b.x - a.x;
            const dy = b.y - a.y;
            const len = Math.hypot(dx, dy) || 1;
            const nx = (-dy / len) * (width / 2);
            const ny = (dx / len) * (width / 2);
            const p = e * 12;
            positions[p] = a.x + nx;
            positions[p + 1] = a.y + ny;
            positions[p + 2] = a.x - nx;
            positions[p + 3] = a.y - ny;
            positions[p + 4] = b.x + nx;
            positions[p + 5] = b.y + ny;
            positions[p + 6] = b.x + nx;
            positions[p + 7] = b.y + ny;
            positions[p + 8] = a.x - nx;
            positions[p + 9] = a.y - ny;
            positions[p + 10] = b.x - nx;
            positions[p + 11] = b.y - ny;
            const c = signedIndex(w) * 3;
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
          }
        }
        offset += inN * outN + outN;
      }
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.useProgram(program);
      gl.uniform2f(uSize, canvas.width / dpr, canvas.height / dpr);
      gl.bindBuffer(gl.ARRAY_BUFFER, posBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, positions, gl.DYNAMIC_DRAW);
      gl.enableVertexAttribArray(aPos);
      gl.vertexAttribPointer(aPos, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, colorBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, colors, gl.DYNAMIC_DRAW);
      gl.enableVertexAttribArray(aColor);
      gl.vertexAttribPointer(aColor, 4, gl.FLOAT, false, 0, 0);
      gl.drawArrays(gl.TRIANGLES, 0, edges * 6);
    },
    dispose() {
      // the canvas keeps its context (React may mount the view again on the same canvas)
      gl.deleteBuffer(posBuffer);
      gl.deleteBuffer(colorBuffer);
      gl.deleteProgram(program);
    },
  };
}
