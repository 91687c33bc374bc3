/** The few 4×4 matrix operations the 3D surface's camera needs (column-major, as WebGL reads them). */

/** A 4×4 matrix, column-major as WebGL reads it. */
export type Mat4 = Float32Array;

export function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Float32Array(16);
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + r] * b[c * 4 + k];
      out[c * 4 + r] = s;
    }
  return out;
}

export function perspective(fovy: number, aspect: number, near: number, far: number): Mat4 {
  const f = 1 / Math.tan(fovy / 2);
  const nf = 1 / (near - far);
  return Float32Array.from([
    f / aspect,
    0,
    0,
    0,
    0,
    f,
    0,
    0,
    0,
    0,
    (far + near) * nf,
    -1,
    0,
    0,
    2 * far * near * nf,
    0,
  ]);
}

export function rotationX(t: number): Mat4 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float32Array.from([1, 0, 0, 0, 0, c, s, 0, 0, -s, c, 0, 0, 0, 0, 1]);
}

export function rotationY(t: number): Mat4 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float32Array.from([c, 0, -s, 0, 0, 1, 0, 0, s, 0, c, 0, 0, 0, 0, 1]);
}

export function translation(x: number, y: number, z: number): Mat4 {
  return Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1]);
}

/** A point's normalised device coordinates under `m` (column-major), null behind the camera. */
export function toClip(m: Mat4, x: number, y: number, z: number): { x: number; y: number } | null {
  const cw = m[3] * x + m[7] * y + m[11] * z + m[15];
  if (cw <= 1e-6) return null;
  return {
    x: (m[0] * x + m[4] * y + m[8] * z + m[12]) / cw,
    y: (m[1] * x + m[5] * y + m[9] * z + m[13]) / cw,
  };
}
