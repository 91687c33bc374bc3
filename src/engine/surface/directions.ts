/**
 * The three ways to choose a slice's directions d1, d2:
 *  (a) two chosen parameters: unit vectors, so the slice is literally C(w1, w2);
 *  (b) two random directions, filter-normalised (Li et al. 2018, "Visualizing the Loss
 *      Landscape of Neural Nets"): each neuron's row of incoming weights is rescaled to
 *      the norm of the same row of the centre, biases zero, so the picture does not
 *      depend on how the weights happen to be scaled;
 *  (c) the top two principal directions of a recorded path (PCA of theta_i - theta_final),
 *      found through the small Gram matrix since there are far fewer checkpoints than
 *      parameters;
 *  (d) for walks from one start (GD vs SGD), the plane through the start and the ends of the
 *      two walks that went farthest, so those two ends lie in it exactly.
 */
import { layerOffsets } from '../layout';
import type { Rng } from '../rng';
import type { NetworkSpec } from '../types';
import { dot, norm, type Plane } from './plane';

/** (a) Unit vectors on parameters `first` and `second`: theta(alpha, beta) changes only those two. */
export function weightPlane(centre: Float32Array, first: number, second: number): Plane {
  const n = centre.length;
  for (const i of [first, second]) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`parameter ${i} is not in 0..${n - 1}`);
  }
  if (first === second) throw new RangeError('choose two different weights for the slice');
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  d1[first] = 1;
  d2[second] = 1;
  return { centre: centre.slice(), d1, d2 };
}

/** A standard normal number (Box-Muller) from a uniform generator. */
export function gaussian(rng: Rng): number {
  let u = rng.next();
  while (u <= 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * (b) A random direction, filter-normalised: for every neuron j of every layer l,
 * d_row(l, j) <- d_row / ||d_row|| * ||theta_row(l, j)||; bias entries 0.
 */
export function filterNormalisedDirection(
  spec: Pick<NetworkSpec, 'sizes'>,
  centre: Float32Array,
  rng: Rng,
): Float64Array {
  const { sizes } = spec;
  const offsets = layerOffsets(sizes);
  if (centre.length !== offsets.total)
    throw new RangeError(`centre holds ${centre.length} values, the spec needs ${offsets.total}`);
  const d = new Float64Array(offsets.total);
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1];
    for (let j = 0; j < sizes[l]; j++) {
      const row = offsets.weights[l] + j * nIn;
      let dd = 0;
      let tt = 0;
      for (let k = 0; k < nIn; k++) {
        const r = gaussian(rng);
        d[row + k] = r;
        dd += r * r;
        tt += centre[row + k] * centre[row + k];
      }
      const scale = dd > 0 ? Math.sqrt(tt / dd) : 0;
      for (let k = 0; k < nIn; k++) d[row + k] *= scale;
    }
  }
  return d;
}

/** (b) The plane through `centre` spanned by two independent filter-normalised random directions. */
export function randomPlane(spec: Pick<NetworkSpec, 'sizes'>, centre: Float32Array, rng: Rng): Plane {
  const d1 = filterNormalisedDirection(spec, centre, rng);
  const d2 = filterNormalisedDirection(spec, centre, rng);
  return { centre: centre.slice(), d1, d2 };
}

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix (cyclic Jacobi rotations),
 * sorted by decreasing eigenvalue. `a` is m*m row-major and is not modified.
 */
export function symmetricEigen(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array[] } {
  const A = Float64Array.from(a);
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < m; p++) {
      diag += A[p * m + p] * A[p * m + p];
      for (let q = p + 1; q < m; q++) off += A[p * m + q] * A[p * m + q];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q];
        if (apq === 0) continue;
        // the rotation that zeroes A[p][q]: tan(2 phi) = 2 apq / (aqq - app)
        const theta = (A[q * m + q] - A[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = A[k * m + p];
          const akq = A[k * m + q];
          A[k * m + p] = c * akp - s * akq;
          A[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = A[p * m + k];
          const aqk = A[q * m + k];
          A[p * m + k] = c * apk - s * aqk;
          A[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = V[k * m + p];
          const vkq = V[k * m + q];
          V[k * m + p] = c * vkp - s * vkq;
          V[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => A[j * m + j] - A[i * m + i]);
  const values = Float64Array.from(order, (i) => A[i * m + i]);
  const vectors = order.map((i) => Float64Array.from({ length: m }, (_, k) => V[k * m + i]));
  return { values, vectors };
}

export interface PrincipalPlane {
  plane: Plane;
  /** Share of the rows' total squared length (variance, when centred) along d1 and d2. */
  explained: [number, number];
}

export interface PrincipalOptions {
  /**
   * Subtract the mean row before the PCA, as Li et al. do (sklearn's PCA centres).
   * Without it the plane through `origin` is the least-squares best fit to the points.
   */
  meanCentred?: boolean;
  /** Used only when the points span fewer than two directions, to complete the plane. */
  rng?: Rng;
}

/**
 * (c) The top two principal directions of the rows theta_i - origin, orthonormal, and
 * the plane through `origin` they span. With m points of n parameters (m << n) it
 * diagonalises the m x m Gram matrix G = M M^T: if G u = lambda u then M^T u / sqrt(lambda)
 * is a unit principal direction.
 */
export function principalPlane(
  points: readonly ArrayLike<number>[],
  origin: Float32Array,
  options: PrincipalOptions = {},
): PrincipalPlane {
  const n = origin.length;
  const rows: Float64Array[] = [];
  for (const p of points) {
    if (p.length !== n) throw new RangeError(`a checkpoint holds ${p.length} values, the centre ${n}`);
    const r = new Float64Array(n);
    let finite = true;
    for (let i = 0; i < n; i++) {
      r[i] = p[i] - origin[i];
      if (!Number.isFinite(r[i])) finite = false;
    }
    if (finite) rows.push(r);
  }
  if (options.meanCentred && rows.length > 0) {
    const mean = new Float64Array(n);
    for (const r of rows) for (let i = 0; i < n; i++) mean[i] += r[i] / rows.length;
    for (const r of rows) for (let i = 0; i < n; i++) r[i] -= mean[i];
  }
  const m = rows.length;
  const G = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const g = dot(rows[i], rows[j]);
      G[i * m + j] = g;
      G[j * m + i] = g;
    }
  }
  const total = G.reduce((s, _, k) => (k % (m + 1) === 0 ? s + G[k] : s), 0);
  const { values, vectors } = m > 0 ? symmetricEigen(G, m) : { values: new Float64Array(0), vectors: [] };
  const directions: Float64Array[] = [];
  const explained: number[] = [];
  for (let k = 0; k < m && directions.length < 2; k++) {
    if (!(values[k] > total * 1e-12) || values[k] <= 0) break;
    const d = new Float64Array(n);
    const u = vectors[k];
    for (let i = 0; i < m; i++) {
      const ui = u[i];
      if (ui === 0) continue;
      const r = rows[i];
      for (let p = 0; p < n; p++) d[p] += ui * r[p];
    }
    if (orthonormalise(d, directions)) {
      directions.push(d);
      explained.push(values[k] / total);
    }
  }
  // Fewer than two directions in the data (a path of one or two steps): complete the plane at random.
  while (directions.length < 2) {
    const rng = options.rng;
    if (!rng) throw new RangeError('the path spans fewer than two directions: train a few more steps');
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = gaussian(rng);
    if (orthonormalise(d, directions)) {
      directions.push(d);
      explained.push(0);
    }
  }
  return {
    plane: { centre: origin.slice(), d1: directions[0], d2: directions[1] },
    explained: [explained[0], explained[1]],
  };
}

/** Gram-Schmidt (twice, for accuracy) against unit `basis`, then normalise; false if nothing is left. */
function orthonormalise(d: Float64Array, basis: readonly Float64Array[]): boolean {
  const before = norm(d);
  if (!(before > 0)) return false;
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      const c = dot(d, b);
      for (let i = 0; i < d.length; i++) d[i] -= c * b[i];
    }
  }
  const after = norm(d);
  if (!(after > before * 1e-9)) return false;
  for (let i = 0; i < d.length; i++) d[i] /= after;
  return true;
}

export interface EndsPlane {
  plane: Plane;
  /** Which of the ends d1 and d2 point toward (-1: a random direction completed the plane). */
  spannedBy: [number, number];
}

/**
 * (d) The plane through `origin` that holds two of `ends` exactly: d1 points to the end farthest
 * from the origin, d2 to the next farthest, less its part along d1 (an end lying along d1, or
 * not finite, is passed over). Where the ends span fewer than two directions, the plane is
 * completed at random. Both directions are unit vectors at right angles, so the map's distances
 * are the parameters' distances.
 *
 * Why not the PCA of the walks (c): its plane fits the points' squared distances, so the longest
 * walk decides it. In GD vs SGD at the lesson's settings (1,000 images, alpha 0.5, 10 epochs) it
 * held 85% of one-example SGD's walk, and mini-batch SGD's end, 3.2 off the plane, landed near the
 * start on ground of cost 0.108 while its real cost was 0.054: the map said the opposite of the
 * walkers' own numbers. Through the ends, the colour under each of the two end dots is its cost.
 */
export function endsPlane(ends: readonly ArrayLike<number>[], origin: Float32Array, rng: Rng): EndsPlane {
  const n = origin.length;
  const rows = ends.map((p) => {
    if (p.length !== n) throw new RangeError(`an end holds ${p.length} values, the start ${n}`);
    return Float64Array.from({ length: n }, (_, i) => p[i] - origin[i]);
  });
  const lengths = rows.map((r) => norm(r));
  const order = rows
    .map((_, i) => i)
    .filter((i) => lengths[i] > 0)
    .sort((a, b) => lengths[b] - lengths[a]);
  const directions: Float64Array[] = [];
  const spannedBy: number[] = [];
  for (const i of order) {
    if (directions.length === 2) break;
    const d = rows[i];
    for (const b of directions) {
      const c = dot(d, b);
      for (let k = 0; k < n; k++) d[k] -= c * b[k];
    }
    // what is left must be more than Float32 rounding of the end (1e-7 of its length)
    if (!(norm(d) > lengths[i] * 1e-5)) continue;
    if (orthonormalise(d, directions)) {
      directions.push(d);
      spannedBy.push(i);
    }
  }
  while (directions.length < 2) {
    const d = new Float64Array(n);
    for (let k = 0; k < n; k++) d[k] = gaussian(rng);
    if (orthonormalise(d, directions)) {
      directions.push(d);
      spannedBy.push(-1);
    }
  }
  return {
    plane: { centre: origin.slice(), d1: directions[0], d2: directions[1] },
    spannedBy: [spannedBy[0], spannedBy[1]],
  };
}
