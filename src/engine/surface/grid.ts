/**
 * The cost over a plane, fast: C(alpha, beta) = mean over examples of C_x(centre + alpha d1 + beta d2).
 *
 * The first layer's weighted input is linear in (alpha, beta):
 *   z1 = (W + alpha D1 + beta D2) x + (b + alpha e1 + beta e2) = P0 + alpha P1 + beta P2,
 * so P0, P1, P2 (16 numbers each for the lecture's net) are computed once per example,
 * and each grid point only runs the small layers above (16x16 and 16x10). The costs
 * come from the engine's own loss functions, so they are the numbers lossAndGradient gives.
 */
import { BYTE_INPUT } from '../kernel';
import { layerOffsets, type LayerOffsets } from '../layout';
import { LOSS_FUNCTIONS, type LossFunction } from '../losses';
import { nonzeroLists } from '../sparse';
import type { ByteData, NetworkSpec } from '../types';
import type { Plane } from './plane';

export interface GridAxes {
  /** Points per side (31 by default). */
  resolution: number;
  alphaMin: number;
  alphaMax: number;
  betaMin: number;
  betaMax: number;
}

/** alpha_i = alphaMin + i (alphaMax - alphaMin) / (n - 1), i = 0..n-1 (likewise beta). */
export function axisValues(min: number, max: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (n === 1 ? min : min + ((max - min) * i) / (n - 1)));
}

const enum Act {
  Sigmoid,
  Relu,
  Tanh,
}

export class SurfaceEvaluator {
  readonly spec: NetworkSpec;
  readonly count: number;
  private readonly sizes: number[];
  private readonly L: number;
  private readonly offsets: LayerOffsets;
  private readonly act: Act;
  private readonly loss: LossFunction;
  private readonly labels: Uint8Array;
  private readonly data: ByteData;
  /** Per example: P0 (n1), P1 (n1), P2 (n1). */
  private proj = new Float64Array(0);
  private plane: Plane | null = null;
  /** Working copies of theta(alpha, beta) for layers 2..L. */
  private readonly w: Float64Array[] = [];
  private readonly b: Float64Array[] = [];
  private readonly z: Float64Array[] = [];
  private readonly a: Float64Array[] = [];

  constructor(spec: NetworkSpec, data: ByteData) {
    this.spec = { ...spec, sizes: spec.sizes.slice() };
    this.sizes = this.spec.sizes;
    this.L = this.sizes.length - 1;
    if (this.L < 1) throw new RangeError('a network needs at least one layer of weights');
    this.offsets = layerOffsets(this.sizes);
    this.act = spec.activation === 'relu' ? Act.Relu : spec.activation === 'tanh' ? Act.Tanh : Act.Sigmoid;
    this.loss = LOSS_FUNCTIONS[spec.loss];
    const n0 = this.sizes[0];
    if (data.images.length < data.count * n0)
      throw new RangeError(`data holds ${data.images.length} bytes, ${data.count} images need ${data.count * n0}`);
    const classes = this.sizes[this.L];
    for (let i = 0; i < data.count; i++) {
      if (data.labels[i] >= classes)
        throw new RangeError(`label ${data.labels[i]} of image ${i} is not in 0..${classes - 1}`);
    }
    this.data = data;
    this.labels = data.labels;
    this.count = data.count;
    for (let l = 0; l <= this.L; l++) {
      const n = l === 0 ? 0 : this.sizes[l];
      this.w.push(new Float64Array(l >= 2 ? n * this.sizes[l - 1] : 0));
      this.b.push(new Float64Array(l >= 2 ? n : 0));
      this.z.push(new Float64Array(n));
      this.a.push(new Float64Array(n));
    }
  }

  /** Precomputes P0, P1, P2 for every example: one sparse pass over the images. */
  setPlane(plane: Plane): void {
    const total = this.offsets.total;
    if (plane.centre.length !== total || plane.d1.length !== total || plane.d2.length !== total) {
      throw new RangeError(`the plane's vectors must hold ${total} values for this network`);
    }
    this.plane = plane;
    const n0 = this.sizes[0];
    const n1 = this.sizes[1];
    const wo = this.offsets.weights[1];
    const bo = this.offsets.biases[1];
    // T[k][m][j]: input k's weight into neuron j, for m = centre, d1, d2 (3 n1 numbers per input, contiguous)
    const width = 3 * n1;
    const T = new Float64Array(n0 * width);
    const vecs = [plane.centre, plane.d1, plane.d2];
    for (let m = 0; m < 3; m++) {
      const v = vecs[m];
      for (let j = 0; j < n1; j++) for (let k = 0; k < n0; k++) T[k * width + m * n1 + j] = v[wo + j * n0 + k];
    }
    const bias = new Float64Array(width);
    for (let m = 0; m < 3; m++) for (let j = 0; j < n1; j++) bias[m * n1 + j] = vecs[m][bo + j];
    const { offsets, pixels } = nonzeroLists(this.data.images, this.count, n0);
    const images = this.data.images;
    const proj = new Float64Array(this.count * width);
    for (let e = 0; e < this.count; e++) {
      const out = e * width;
      for (let q = 0; q < width; q++) proj[out + q] = bias[q];
      const base = e * n0;
      for (let i = offsets[e]; i < offsets[e + 1]; i++) {
        const k = pixels[i];
        const x = BYTE_INPUT[images[base + k]];
        const t = k * width;
        for (let q = 0; q < width; q++) proj[out + q] += x * T[t + q];
      }
    }
    this.proj = proj;
  }

  /** Mean cost over the examples at theta(alpha, beta). */
  costAt(alpha: number, beta: number): number {
    const plane = this.plane;
    if (!plane) throw new Error('setPlane before costAt');
    const { sizes, L, offsets, w, b, z, a, act, loss, labels, proj } = this;
    const { centre, d1, d2 } = plane;
    for (let l = 2; l <= L; l++) {
      const wo = offsets.weights[l];
      const wl = w[l];
      for (let i = 0; i < wl.length; i++) wl[i] = centre[wo + i] + alpha * d1[wo + i] + beta * d2[wo + i];
      const bo = offsets.biases[l];
      const bl = b[l];
      for (let i = 0; i < bl.length; i++) bl[i] = centre[bo + i] + alpha * d1[bo + i] + beta * d2[bo + i];
    }
    const n1 = sizes[1];
    const width = 3 * n1;
    const nL = sizes[L];
    const zL = z[L];
    const aL = a[L];
    let total = 0;
    for (let e = 0; e < this.count; e++) {
      const p = e * width;
      const z1 = z[1];
      for (let j = 0; j < n1; j++) z1[j] = proj[p + j] + alpha * proj[p + n1 + j] + beta * proj[p + 2 * n1 + j];
      for (let l = 1; l <= L; l++) {
        const n = sizes[l];
        const zl = z[l];
        if (l > 1) {
          const nIn = sizes[l - 1];
          const wl = w[l];
          const bl = b[l];
          const prev = a[l - 1];
          for (let j = 0; j < n; j++) {
            let s = bl[j];
            const row = j * nIn;
            for (let k = 0; k < nIn; k++) s += wl[row + k] * prev[k];
            zl[j] = s;
          }
        }
        if (l < L) {
          const al = a[l];
          if (act === Act.Relu) for (let j = 0; j < n; j++) al[j] = zl[j] > 0 ? zl[j] : 0;
          else if (act === Act.Tanh) for (let j = 0; j < n; j++) al[j] = Math.tanh(zl[j]);
          else for (let j = 0; j < n; j++) al[j] = 1 / (1 + Math.exp(-zl[j]));
        }
      }
      // binary-ce and categorical-ce costs read z only; mse needs the sigmoid output
      if (loss.name === 'mse') loss.activate(zL, aL, nL);
      total += loss.cost(zL, aL, nL, labels[e]);
    }
    return this.count > 0 ? total / this.count : 0;
  }
}

/** One level of a progressive grid: the points first computed at this stride. */
export interface GridLevel {
  stride: number;
  /** Flat indices j * n + i (i along alpha, j along beta) new at this level. */
  points: number[];
}

/** Indices 0, s, 2s, ... along one side, always including the last one (n - 1). */
export function latticeIndices(n: number, stride: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/**
 * Coarse to fine: a lattice of about 6 x 6 points first, then strides halved down to 1;
 * every point appears exactly once.
 */
export function progressiveLevels(n: number): GridLevel[] {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`a grid needs at least 2 points per side, got ${n}`);
  const strides: number[] = [];
  let s = Math.max(1, Math.round((n - 1) / 5));
  for (;;) {
    strides.push(s);
    if (s === 1) break;
    s = Math.max(1, Math.floor(s / 2));
  }
  const seen = new Uint8Array(n * n);
  return strides.map((stride) => {
    const idx = latticeIndices(n, stride);
    const points: number[] = [];
    for (const j of idx) {
      for (const i of idx) {
        const q = j * n + i;
        if (!seen[q]) {
          seen[q] = 1;
          points.push(q);
        }
      }
    }
    return { stride, points };
  });
}

/**
 * Fills a preview: every point gets the bilinear interpolation of the lattice of
 * `stride` (whose values must already be in `values`); lattice points keep theirs.
 */
export function fillFromLattice(values: Float32Array, n: number, stride: number): Float32Array {
  const out = new Float32Array(n * n);
  const idx = latticeIndices(n, stride);
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let t = 0, i = 0; i < n; i++) {
    while (t + 1 < idx.length && idx[t + 1] <= i) t++;
    lo[i] = idx[t];
    hi[i] = idx[Math.min(t + 1, idx.length - 1)];
  }
  for (let j = 0; j < n; j++) {
    const j0 = lo[j];
    const j1 = hi[j];
    const v = j1 === j0 ? 0 : (j - j0) / (j1 - j0);
    for (let i = 0; i < n; i++) {
      const i0 = lo[i];
      const i1 = hi[i];
      const u = i1 === i0 ? 0 : (i - i0) / (i1 - i0);
      const a = values[j0 * n + i0];
      const b = values[j0 * n + i1];
      const c = values[j1 * n + i0];
      const d = values[j1 * n + i1];
      out[j * n + i] = (1 - v) * ((1 - u) * a + u * b) + v * ((1 - u) * c + u * d);
    }
  }
  return out;
}

/**
 * The grid's values level by level: yields after every point so the caller can slice
 * the work, report progress and stop. values[j * n + i] = C(alpha_i, beta_j).
 */
export function* evaluateGrid(
  evaluator: SurfaceEvaluator,
  axes: GridAxes,
  values: Float32Array,
): Generator<{ done: number; total: number; level: GridLevel; levelDone: boolean }, void, void> {
  const n = axes.resolution;
  const alphas = axisValues(axes.alphaMin, axes.alphaMax, n);
  const betas = axisValues(axes.betaMin, axes.betaMax, n);
  const levels = progressiveLevels(n);
  const total = n * n;
  let done = 0;
  for (const level of levels) {
    for (let t = 0; t < level.points.length; t++) {
      const q = level.points[t];
      values[q] = evaluator.costAt(alphas[q % n], betas[Math.floor(q / n)]);
      done++;
      yield { done, total, level, levelDone: t === level.points.length - 1 };
    }
  }
}

/** A map's longer side at most this many times its shorter, in plane units (see axesCovering). */
export const MAX_MAP_ASPECT = 2;

/**
 * Axes that show every point (plus a margin) and at least [-minHalfSpan, minHalfSpan]
 * around (0, 0), the centre; spans are capped at maxHalfSpan so one wild point cannot
 * shrink the valley to a dot. The shorter span is widened about its middle to at least
 * 1 / `maxAspect` of the longer: the map is drawn at equal scales (so a walk's angle to the
 * contours is true), and a PCA plane's second axis, with a seventh of the movement, made a strip.
 */
export function axesCovering(
  points: readonly { alpha: number; beta: number }[],
  resolution: number,
  minHalfSpan: number,
  maxHalfSpan = Infinity,
  margin = 0.15,
  maxAspect = MAX_MAP_ASPECT,
): GridAxes {
  let a0 = -minHalfSpan;
  let a1 = minHalfSpan;
  let b0 = -minHalfSpan;
  let b1 = minHalfSpan;
  for (const p of points) {
    if (!Number.isFinite(p.alpha) || !Number.isFinite(p.beta)) continue;
    a0 = Math.min(a0, p.alpha);
    a1 = Math.max(a1, p.alpha);
    b0 = Math.min(b0, p.beta);
    b1 = Math.max(b1, p.beta);
  }
  const pad = (lo: number, hi: number): [number, number] => {
    const m = (hi - lo) * margin;
    return [Math.max(-maxHalfSpan, lo - m), Math.min(maxHalfSpan, hi + m)];
  };
  let [alphaMin, alphaMax] = pad(a0, a1);
  let [betaMin, betaMax] = pad(b0, b1);
  const widen = (lo: number, hi: number, to: number): [number, number] => {
    const mid = (lo + hi) / 2;
    return [mid - to / 2, mid + to / 2];
  };
  const spanA = alphaMax - alphaMin;
  const spanB = betaMax - betaMin;
  if (spanA > maxAspect * spanB) [betaMin, betaMax] = widen(betaMin, betaMax, spanA / maxAspect);
  else if (spanB > maxAspect * spanA) [alphaMin, alphaMax] = widen(alphaMin, alphaMax, spanB / maxAspect);
  return { resolution, alphaMin, alphaMax, betaMin, betaMax };
}
