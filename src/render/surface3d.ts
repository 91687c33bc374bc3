/**
 * The cost surface in 3D with plain WebGL 1 (one tiny shader, a few buffers): height is
 * log C, colour the same log-scaled cost colour as the 2D view, lit by one fixed light;
 * the paths float at the height of their real cost (a checkpoint off the plane is not
 * drawn on a surface it does not lie on). Light enough for software rendering (SwiftShader).
 * The arrays drawn are surface3d-geometry's; the camera, orbit's.
 */
import { orbitMatrix, type OrbitView } from './orbit';
import { buildGeometry, type Geometry, type Surface3dScene } from './surface3d-geometry';

export interface Surface3d {
  /** Uploads the scene; returns each path's last point in the box (for notes beside it). */
  setScene(scene: Surface3dScene): Geometry['ends'];
  /** Draws at this size (CSS px) and device pixel ratio. */
  draw(view: OrbitView, width: number, height: number, dpr: number): void;
  dispose(): void;
}

const VERTEX = `
attribute vec3 aPos;
attribute vec3 aNormal;
attribute vec3 aColour;
uniform mat4 uMvp;
uniform float uPointSize;
varying vec3 vColour;
varying vec3 vNormal;
void main() {
  gl_Position = uMvp * vec4(aPos, 1.0);
  gl_PointSize = uPointSize;
  vColour = aColour;
  vNormal = aNormal;
}`;

const FRAGMENT = `
precision mediump float;
varying vec3 vColour;
varying vec3 vNormal;
uniform float uLit;
uniform float uRound;
uniform float uHole;
uniform float uRim;
uniform float uFade;
uniform vec3 uLight;
void main() {
  if (uRound > 0.5) {
    vec2 c = gl_PointCoord - vec2(0.5);
    float d = dot(c, c);
    if (d > 0.25 || d < uHole * uHole) discard;
  }
  float diffuse = abs(dot(normalize(vNormal), uLight));
  float shade = mix(1.0, 0.4 + 0.6 * diffuse, uLit);
  vec3 colour = vColour * shade;
  if (uRim > 0.0) {
    vec2 r = gl_PointCoord - vec2(0.5);
    if (dot(r, r) > (0.5 - uRim) * (0.5 - uRim)) colour = vec3(0.07);
  }
  gl_FragColor = vec4(mix(colour, vec3(1.0), uFade), 1.0);
}`;

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, source);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`surface shader: ${gl.getShaderInfoLog(s)}`);
  return s;
}

/**
 * A 3D renderer on `canvas`, or null when WebGL is unavailable (the caller says so).
 * preserveDrawingBuffer keeps the picture readable by tests and screenshots.
 */
export function createSurface3d(canvas: HTMLCanvasElement): Surface3d | null {
  const gl = canvas.getContext('webgl', { preserveDrawingBuffer: true, antialias: true });
  if (!gl) return null;
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS))
    throw new Error(`surface program: ${gl.getProgramInfoLog(program)}`);
  const loc = {
    pos: gl.getAttribLocation(program, 'aPos'),
    normal: gl.getAttribLocation(program, 'aNormal'),
    colour: gl.getAttribLocation(program, 'aColour'),
    mvp: gl.getUniformLocation(program, 'uMvp'),
    pointSize: gl.getUniformLocation(program, 'uPointSize'),
    lit: gl.getUniformLocation(program, 'uLit'),
    round: gl.getUniformLocation(program, 'uRound'),
    hole: gl.getUniformLocation(program, 'uHole'),
    rim: gl.getUniformLocation(program, 'uRim'),
    fade: gl.getUniformLocation(program, 'uFade'),
    light: gl.getUniformLocation(program, 'uLight'),
  };
  const buffers: WebGLBuffer[] = [];
  const buffer = (target: number, data: ArrayBufferView): WebGLBuffer => {
    const b = gl.createBuffer()!;
    gl.bindBuffer(target, b);
    gl.bufferData(target, data, gl.STATIC_DRAW);
    buffers.push(b);
    return b;
  };
  let uploaded: {
    surface: { pos: WebGLBuffer; normal: WebGLBuffer; colour: WebGLBuffer; index: WebGLBuffer; count: number };
    lines: { pos: WebGLBuffer; colour: WebGLBuffer; count: number; pathFirst: number };
    points: {
      pos: WebGLBuffer;
      colour: WebGLBuffer;
      count: number;
      size: number;
      onTop: boolean;
      path: boolean;
      square: boolean;
      hole: number;
      rim: number;
    }[];
  } | null = null;

  const attribute = (location: number, b: WebGLBuffer) => {
    gl.bindBuffer(gl.ARRAY_BUFFER, b);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, 3, gl.FLOAT, false, 0, 0);
  };

  return {
    setScene(scene) {
      for (const b of buffers.splice(0)) gl.deleteBuffer(b);
      const g = buildGeometry(scene);
      uploaded = {
        surface: {
          pos: buffer(gl.ARRAY_BUFFER, g.surface.pos),
          normal: buffer(gl.ARRAY_BUFFER, g.surface.normal),
          colour: buffer(gl.ARRAY_BUFFER, g.surface.colour),
          index: buffer(gl.ELEMENT_ARRAY_BUFFER, g.surface.index),
          count: g.surface.index.length,
        },
        lines: {
          pos: buffer(gl.ARRAY_BUFFER, g.lines.pos),
          colour: buffer(gl.ARRAY_BUFFER, g.lines.colour),
          count: g.lines.pos.length / 3,
          pathFirst: g.lines.pathFirst,
        },
        points: g.points.map((p) => ({
          pos: buffer(gl.ARRAY_BUFFER, p.pos),
          colour: buffer(gl.ARRAY_BUFFER, p.colour),
          count: p.pos.length / 3,
          size: p.size,
          onTop: p.onTop === true,
          path: p.path === true,
          square: p.square === true,
          hole: p.hole ?? 0,
          rim: p.rim ?? 0,
        })),
      };
      return g.ends;
    },
    draw(view, width, height, dpr) {
      const w = Math.max(1, Math.round(width * dpr));
      const h = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      gl.viewport(0, 0, w, h);
      gl.clearColor(1, 1, 1, 1);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      if (!uploaded) return;
      gl.enable(gl.DEPTH_TEST);
      gl.useProgram(program);
      gl.uniformMatrix4fv(loc.mvp, false, orbitMatrix(view, w / h));
      const light = [0.35, 0.85, 0.4];
      const l = Math.hypot(...light);
      gl.uniform3f(loc.light, light[0] / l, light[1] / l, light[2] / l);

      const s = uploaded.surface;
      gl.uniform1f(loc.lit, 1);
      gl.uniform1f(loc.round, 0);
      gl.uniform1f(loc.fade, 0);
      gl.uniform1f(loc.pointSize, 1);
      attribute(loc.pos, s.pos);
      attribute(loc.normal, s.normal);
      attribute(loc.colour, s.colour);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, s.index);
      gl.enable(gl.POLYGON_OFFSET_FILL);
      gl.polygonOffset(1, 1);
      gl.drawElements(gl.TRIANGLES, s.count, gl.UNSIGNED_SHORT, 0);
      gl.disable(gl.POLYGON_OFFSET_FILL);

      gl.disableVertexAttribArray(loc.normal);
      gl.vertexAttrib3f(loc.normal, 0, 1, 0);
      gl.uniform1f(loc.lit, 0);
      attribute(loc.pos, uploaded.lines.pos);
      attribute(loc.colour, uploaded.lines.colour);
      // first where the surface hides a walk (it leaves the slice's plane, and its real cost can be
      // lower than the surface there): faded, so the path never breaks into pieces
      const { pathFirst, count } = uploaded.lines;
      gl.depthFunc(gl.GREATER);
      gl.depthMask(false);
      gl.uniform1f(loc.fade, 0.6);
      gl.drawArrays(gl.LINES, pathFirst, count - pathFirst);
      gl.uniform1f(loc.round, 1);
      for (const p of uploaded.points) {
        if (!p.path) continue;
        gl.uniform1f(loc.rim, p.rim / p.size);
        gl.uniform1f(loc.pointSize, p.size * dpr);
        attribute(loc.pos, p.pos);
        attribute(loc.colour, p.colour);
        gl.drawArrays(gl.POINTS, 0, p.count);
      }
      gl.depthFunc(gl.LESS);
      gl.depthMask(true);
      gl.uniform1f(loc.fade, 0);
      gl.uniform1f(loc.round, 0);
      // (gl_PointCoord means nothing on a line)
      gl.uniform1f(loc.rim, 0);
      attribute(loc.pos, uploaded.lines.pos);
      attribute(loc.colour, uploaded.lines.colour);
      gl.drawArrays(gl.LINES, 0, count);
      for (const p of uploaded.points) {
        if (p.onTop) gl.disable(gl.DEPTH_TEST);
        gl.uniform1f(loc.round, p.square ? 0 : 1);
        // as a share of the point's size: gl_PointCoord runs 0..1 across it
        gl.uniform1f(loc.hole, p.hole / p.size);
        gl.uniform1f(loc.rim, p.rim / p.size);
        gl.uniform1f(loc.pointSize, p.size * dpr);
        attribute(loc.pos, p.pos);
        attribute(loc.colour, p.colour);
        gl.drawArrays(gl.POINTS, 0, p.count);
        gl.enable(gl.DEPTH_TEST);
      }
      gl.uniform1f(loc.hole, 0);
      gl.uniform1f(loc.rim, 0);
    },
    dispose() {
      for (const b of buffers.splice(0)) gl.deleteBuffer(b);
      gl.deleteProgram(program);
      uploaded = null;
    },
  };
}
