/**
 * The edges as WebGL quads, one per edge, or per dash of a dashed one (no anti-aliasing): a few ms
 * on a GPU. A lost context is rebuilt when the browser restores it.
 */
import { deviceSize, eachDash, eachEdge, edgeCount, sizeCanvas, type EdgeRenderer } from './network-edges';
import { SIGNED_LUT } from './palette';

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
function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader | null {
  const shader = gl.createShader(type);
  if (!shader) return null;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  return gl.getShaderParameter(shader, gl.COMPILE_STATUS) ? shader : null;
}
/**
 * Whether this browser's WebGL runs on a GPU: asked on a canvas of its own (a canvas holds the
 * first kind of context it gives), with `failIfMajorPerformanceCaveat`, and the renderer's name
 * checked for the software ones where the browser says it.
 */
export function hasGpuWebgl(): boolean {
  gpuWebgl ??= probeGpuWebgl();
  return gpuWebgl;
}

/** hasGpuWebgl's answer, asked once per page (each probe is a context, of the browser's ~16). */
let gpuWebgl: boolean | undefined;

function probeGpuWebgl(): boolean {
  const probe = document.createElement('canvas');
  const gl = probe.getContext('webgl', { failIfMajorPerformanceCaveat: true });
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
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
      if (positions.length < edges * 12) {
        positions = new Float32Array(edges * 12);
        colors = new Float32Array(edges * 24);
      }
      let e = 0;
      const quad = (ax: number, ay: number, bx: number, by: number, colour: number, alpha: number, width: number) => {
        // a dashed edge is several quads: grow the arrays where the pieces need more room
        if ((e + 1) * 12 > positions.length) {
          const p2 = new Float32Array(positions.length * 2);
          p2.set(positions);
          positions = p2;
          const c2 = new Float32Array(colors.length * 2);
          c2.set(colors);
          colors = c2;
        }
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
      };
      eachEdge(layout, params, style, (ax, ay, bx, by, colour, alpha, width, _into, _lit, dashed) => {
        if (dashed) eachDash(ax, ay, bx, by, (x0, y0, x1, y1) => quad(x0, y0, x1, y1, colour, alpha, width));
        else quad(ax, ay, bx, by, colour, alpha, width);
      });
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.useProgram(res.program);
      gl.uniform2f(res.uSize, canvas.width / dpr, canvas.height / dpr);
      gl.bindBuffer(gl.ARRAY_BUFFER, res.posBuffer);
      // only the quads drawn: the arrays keep the room a dashed focus once needed
      gl.bufferData(gl.ARRAY_BUFFER, positions.subarray(0, e * 12), gl.DYNAMIC_DRAW);
      gl.enableVertexAttribArray(res.aPos);
      gl.vertexAttribPointer(res.aPos, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, res.colorBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, colors.subarray(0, e * 24), gl.DYNAMIC_DRAW);
      gl.enableVertexAttribArray(res.aColor);
      gl.vertexAttribPointer(res.aColor, 4, gl.FLOAT, false, 0, 0);
      gl.drawArrays(gl.TRIANGLES, 0, e * 6);
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
