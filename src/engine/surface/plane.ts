/**
 * A 2D slice through parameter space: theta(alpha, beta) = centre + alpha d1 + beta d2.
 * Directions are Float64 so projecting a point that lies in the plane gives it back
 * exactly (up to the Float32 rounding of the point itself).
 */

export interface Plane {
  /** The point the slice goes through: theta(0, 0). */
  centre: Float32Array;
  d1: Float64Array;
  d2: Float64Array;
}

/** Where a parameter vector lands on the plane, and how far it is from it. */
export interface PlaneCoordinates {
  alpha: number;
  beta: number;
  /** ||theta - theta(alpha, beta)||: 0 for a point in the plane. */
  distance: number;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** theta(alpha, beta) as Float32 parameters (what the engine trains and evaluates). */
export function pointOnPlane(plane: Plane, alpha: number, beta: number, out?: Float32Array): Float32Array {
  const { centre, d1, d2 } = plane;
  const p = out ?? new Float32Array(centre.length);
  for (let i = 0; i < centre.length; i++) p[i] = centre[i] + alpha * d1[i] + beta * d2[i];
  return p;
}

/**
 * A function giving the least-squares (alpha, beta) of any parameter vector and its
 * distance from the plane. d1 and d2 need not be orthogonal or unit (filter-normalised
 * directions are neither), so it solves the 2x2 normal equations
 *   [d1.d1 d1.d2; d1.d2 d2.d2] [alpha; beta] = [d1.v; d2.v],  v = theta - centre.
 * Cost: three passes over the parameters, cheap enough for the UI thread per snapshot.
 */
export function createProjector(plane: Plane): (theta: ArrayLike<number>) => PlaneCoordinates {
  const { centre, d1, d2 } = plane;
  const n = centre.length;
  if (d1.length !== n || d2.length !== n)
    throw new RangeError(`plane directions hold ${d1.length} and ${d2.length} values, the centre ${n}`);
  const g11 = dot(d1, d1);
  const g12 = dot(d1, d2);
  const g22 = dot(d2, d2);
  const det = g11 * g22 - g12 * g12;
  if (!(det > 1e-300)) throw new RangeError('the plane directions are parallel or zero');
  return (theta) => {
    if (theta.length !== n)
      throw new RangeError(`a point with ${theta.length} values cannot lie near a plane in ${n} dimensions`);
    let r1 = 0;
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      const v = theta[i] - centre[i];
      r1 += d1[i] * v;
      r2 += d2[i] * v;
    }
    const alpha = (g22 * r1 - g12 * r2) / det;
    const beta = (g11 * r2 - g12 * r1) / det;
    let rr = 0;
    for (let i = 0; i < n; i++) {
      const r = theta[i] - centre[i] - alpha * d1[i] - beta * d2[i];
      rr += r * r;
    }
    return { alpha, beta, distance: Math.sqrt(rr) };
  };
}

/** Projects one point (builds a projector; reuse createProjector for many). */
export function projectOntoPlane(plane: Plane, theta: ArrayLike<number>): PlaneCoordinates {
  return createProjector(plane)(theta);
}
