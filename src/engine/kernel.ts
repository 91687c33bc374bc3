/**
 * The fast path: forward pass and backprop for one example at a time, in Float64
 * working buffers, skipping zero inputs (about 81% of MNIST pixels), with the first
 * layer's weights transposed ([in][out]) so its inner loops run 16 neurons wide in
 * local variables. No allocation per example. Used by lossAndGradient, predict,
 * evaluate and BatchTrainer, so they all compute the same numbers.
 */
import { ACTIVATION_FUNCTIONS, type ActivationFunction } from './activations';
import { layerOffsets, type LayerOffsets } from './layout';
import { LOSS_FUNCTIONS, type LossFunction } from './losses';
import { flushTiny } from './optimiser';
import type { NetworkSpec } from './types';

/** Pixel byte -> input value: float32(byte / 255), exactly what a Float32Array of byte/255 holds. */
export const BYTE_INPUT: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let i = 0; i < 256; i++) t[i] = Math.fround(i / 255);
  return t;
})();

/** Inputs per tile when W_1 is transposed to or from the params layout. */
const TILE = 16;

/** z_j = b_j + sum_(nonzero inputs p) x_p w_jp, with w stored [in][out] and idx holding p * out. */
function sparseForward(
  w: Float64Array,
  b: Float64Array,
  out: number,
  idx: Int32Array,
  val: Float64Array,
  nnz: number,
  z: Float64Array,
): void {
  let j0 = 0;
  for (; j0 + 16 <= out; j0 += 16) {
    let s0 = b[j0];
    let s1 = b[j0 + 1];
    let s2 = b[j0 + 2];
    let s3 = b[j0 + 3];
    let s4 = b[j0 + 4];
    let s5 = b[j0 + 5];
    let s6 = b[j0 + 6];
    let s7 = b[j0 + 7];
    let s8 = b[j0 + 8];
    let s9 = b[j0 + 9];
    let s10 = b[j0 + 10];
    let s11 = b[j0 + 11];
    let s12 = b[j0 + 12];
    let s13 = b[j0 + 13];
    let s14 = b[j0 + 14];
    let s15 = b[j0 + 15];
    for (let e = 0; e < nnz; e++) {
      const x = val[e];
      const o = idx[e] + j0;
      s0 += x * w[o];
      s1 += x * w[o + 1];
      s2 += x * w[o + 2];
      s3 += x * w[o + 3];
      s4 += x * w[o + 4];
      s5 += x * w[o + 5];
      s6 += x * w[o + 6];
      s7 += x * w[o + 7];
      s8 += x * w[o + 8];
      s9 += x * w[o + 9];
      s10 += x * w[o + 10];
      s11 += x * w[o + 11];
      s12 += x * w[o + 12];
      s13 += x * w[o + 13];
      s14 += x * w[o + 14];
      s15 += x * w[o + 15];
    }
    z[j0] = s0;
    z[j0 + 1] = s1;
    z[j0 + 2] = s2;
    z[j0 + 3] = s3;
    z[j0 + 4] = s4;
    z[j0 + 5] = s5;
    z[j0 + 6] = s6;
    z[j0 + 7] = s7;
    z[j0 + 8] = s8;
    z[j0 + 9] = s9;
    z[j0 + 10] = s10;
    z[j0 + 11] = s11;
    z[j0 + 12] = s12;
    z[j0 + 13] = s13;
    z[j0 + 14] = s14;
    z[j0 + 15] = s15;
  }
  for (; j0 + 4 <= out; j0 += 4) {
    let s0 = b[j0],
      s1 = b[j0 + 1],
      s2 = b[j0 + 2],
      s3 = b[j0 + 3];
    for (let e = 0; e < nnz; e++) {
      const x = val[e];
      const o = idx[e] + j0;
      s0 += x * w[o];
      s1 += x * w[o + 1];
      s2 += x * w[o + 2];
      s3 += x * w[o + 3];
    }
    z[j0] = s0;
    z[j0 + 1] = s1;
    z[j0 + 2] = s2;
    z[j0 + 3] = s3;
  }
  for (; j0 < out; j0++) {
    let s = b[j0];
    for (let e = 0; e < nnz; e++) s += val[e] * w[idx[e] + j0];
    z[j0] = s;
  }
}

/** g_jp += x_p delta_j for the nonzero inputs p, with g stored [in][out] and idx holding p * out. */
function sparseGradient(
  g: Float64Array,
  out: number,
  idx: Int32Array,
  val: Float64Array,
  nnz: number,
  d: Float64Array,
): void {
  let j0 = 0;
  for (; j0 + 16 <= out; j0 += 16) {
    const d0 = d[j0];
    const d1 = d[j0 + 1];
    const d2 = d[j0 + 2];
    const d3 = d[j0 + 3];
    const d4 = d[j0 + 4];
    const d5 = d[j0 + 5];
    const d6 = d[j0 + 6];
    const d7 = d[j0 + 7];
    const d8 = d[j0 + 8];
    const d9 = d[j0 + 9];
    const d10 = d[j0 + 10];
    const d11 = d[j0 + 11];
    const d12 = d[j0 + 12];
    const d13 = d[j0 + 13];
    const d14 = d[j0 + 14];
    const d15 = d[j0 + 15];
    for (let e = 0; e < nnz; e++) {
      const x = val[e];
      const o = idx[e] + j0;
      g[o] += x * d0;
      g[o + 1] += x * d1;
      g[o + 2] += x * d2;
      g[o + 3] += x * d3;
      g[o + 4] += x * d4;
      g[o + 5] += x * d5;
      g[o + 6] += x * d6;
      g[o + 7] += x * d7;
      g[o + 8] += x * d8;
      g[o + 9] += x * d9;
      g[o + 10] += x * d10;
      g[o + 11] += x * d11;
      g[o + 12] += x * d12;
      g[o + 13] += x * d13;
      g[o + 14] += x * d14;
      g[o + 15] += x * d15;
    }
  }
  for (; j0 + 4 <= out; j0 += 4) {
    const d0 = d[j0],
      d1 = d[j0 + 1],
      d2 = d[j0 + 2],
      d3 = d[j0 + 3];
    for (let e = 0; e < nnz; e++) {
      const x = val[e];
      const o = idx[e] + j0;
      g[o] += x * d0;
      g[o + 1] += x * d1;
      g[o + 2] += x * d2;
      g[o + 3] += x * d3;
    }
  }
  for (; j0 < out; j0++) {
    const dj = d[j0];
    for (let e = 0; e < nnz; e++) g[idx[e] + j0] += val[e] * dj;
  }
}

/** Working buffers for one network shape, plus the running gradient sum. */
export class Workspace {
  readonly sizes: readonly number[];
  readonly L: number;
  readonly act: ActivationFunction;
  readonly loss: LossFunction;
  readonly offsets: LayerOffsets;
  /** w[1] is [in][out] (transposed); w[l >= 2] is row-major [out][in] like params. */
  readonly w: Float64Array[] = [new Float64Array(0)];
  readonly b: Float64Array[] = [new Float64Array(0)];
  /** Gradient sums, same shapes as w and b. */
  readonly gw: Float64Array[] = [new Float64Array(0)];
  readonly gb: Float64Array[] = [new Float64Array(0)];
  /** z, a and delta = dC/dz for layers 1..L (the input is the sparse list below). */
  readonly z: Float64Array[] = [new Float64Array(0)];
  readonly a: Float64Array[] = [new Float64Array(0)];
  readonly d: Float64Array[] = [new Float64Array(0)];
  /** The current example's nonzero inputs: pixel index p times n_1 (the row of p in the transposed W_1), and value. */
  readonly idx: Int32Array;
  readonly val: Float64Array;
  nnz = 0;

  constructor(spec: NetworkSpec) {
    this.sizes = spec.sizes.slice();
    this.L = this.sizes.length - 1;
    this.act = ACTIVATION_FUNCTIONS[spec.activation];
    this.loss = LOSS_FUNCTIONS[spec.loss];
    this.offsets = layerOffsets(spec.sizes);
    for (let l = 1; l <= this.L; l++) {
      const n = this.sizes[l] * this.sizes[l - 1];
      this.w.push(new Float64Array(n));
      this.gw.push(new Float64Array(n));
      this.b.push(new Float64Array(this.sizes[l]));
      this.gb.push(new Float64Array(this.sizes[l]));
      this.z.push(new Float64Array(this.sizes[l]));
      this.a.push(new Float64Array(this.sizes[l]));
      this.d.push(new Float64Array(this.sizes[l]));
    }
    this.idx = new Int32Array(this.sizes[0]);
    this.val = new Float64Array(this.sizes[0]);
  }

  /** Copies the parameters in (transposing W_1). */
  load(params: Float32Array): void {
    const { sizes, offsets } = this;
    for (let l = 1; l <= this.L; l++) {
      const nIn = sizes[l - 1];
      const nOut = sizes[l];
      const wo = offsets.weights[l];
      const w = this.w[l];
      if (l === 1) {
        // tiles of 16 inputs keep both the strided and the contiguous side in cache
        for (let k0 = 0; k0 < nIn; k0 += TILE) {
          const k1 = Math.min(k0 + TILE, nIn);
          for (let j = 0; j < nOut; j++) for (let k = k0; k < k1; k++) w[k * nOut + j] = params[wo + j * nIn + k];
        }
      } else {
        for (let i = 0; i < nIn * nOut; i++) w[i] = params[wo + i];
      }
      const bo = offsets.biases[l];
      const b = this.b[l];
      for (let j = 0; j < nOut; j++) b[j] = params[bo + j];
    }
  }

  clearGradient(): void {
    for (let l = 1; l <= this.L; l++) {
      this.gw[l].fill(0);
      this.gb[l].fill(0);
    }
  }

  /** out = scale * gradient sum, in the params layout. */
  writeGradient(out: Float32Array, scale: number): void {
    const { sizes, offsets } = this;
    for (let l = 1; l <= this.L; l++) {
      const nIn = sizes[l - 1];
      const nOut = sizes[l];
      const wo = offsets.weights[l];
      const g = this.gw[l];
      if (l === 1) {
        for (let k0 = 0; k0 < nIn; k0 += TILE) {
          const k1 = Math.min(k0 + TILE, nIn);
          for (let j = 0; j < nOut; j++) for (let k = k0; k < k1; k++) out[wo + j * nIn + k] = g[k * nOut + j] * scale;
        }
      } else {
        for (let i = 0; i < nIn * nOut; i++) out[wo + i] = g[i] * scale;
      }
      const bo = offsets.biases[l];
      const gb = this.gb[l];
      for (let j = 0; j < nOut; j++) out[bo + j] = gb[j] * scale;
    }
  }

  /**
   * One SGD step from the gradient sum, in a single pass: g = float32(sum * scale) (what
   * writeGradient would store), with momentum v <- float32(mu v + g) and theta <- theta - lr v,
   * else theta <- theta - lr g; writes params (Float32, the truth), copies the rounded value
   * into the working weights and zeroes the sum. Same numbers as writeGradient + sgdStep.
   */
  applySgd(
    params: Float32Array,
    scale: number,
    learningRate: number,
    momentum: number,
    velocity: Float32Array | null,
  ): void {
    const { sizes, offsets } = this;
    const v = momentum !== 0 ? velocity : null;
    for (let l = 1; l <= this.L; l++) {
      const nIn = sizes[l - 1];
      const nOut = sizes[l];
      const wo = offsets.weights[l];
      const w = this.w[l];
      const g = this.gw[l];
      // W_1 is stored transposed ([in][out]) in the working copy: visit it in tiles of 16 inputs
      const tile = l === 1 ? TILE : nIn;
      const strideK = l === 1 ? nOut : 1;
      const strideJ = l === 1 ? 1 : nIn;
      for (let k0 = 0; k0 < nIn; k0 += tile) {
        const k1 = Math.min(k0 + tile, nIn);
        for (let j = 0; j < nOut; j++) {
          const row = wo + j * nIn;
          const base = j * strideJ;
          if (v) {
            for (let k = k0; k < k1; k++) {
              const at = base + k * strideK;
              const i = row + k;
              const vi = flushTiny(Math.fround(momentum * v[i] + Math.fround(g[at] * scale)));
              g[at] = 0;
              v[i] = vi;
              const p = Math.fround(params[i] - learningRate * vi);
              params[i] = p;
              w[at] = p;
            }
          } else {
            for (let k = k0; k < k1; k++) {
              const at = base + k * strideK;
              const i = row + k;
              const gi = Math.fround(g[at] * scale);
              g[at] = 0;
              const p = Math.fround(params[i] - learningRate * gi);
              params[i] = p;
              w[at] = p;
            }
          }
        }
      }
      const bo = offsets.biases[l];
      const b = this.b[l];
      const gb = this.gb[l];
      for (let j = 0; j < nOut; j++) {
        const gi = Math.fround(gb[j] * scale);
        gb[j] = 0;
        const i = bo + j;
        if (v) {
          const vi = flushTiny(Math.fround(momentum * v[i] + gi));
          v[i] = vi;
          params[i] -= learningRate * vi;
        } else {
          params[i] -= learningRate * gi;
        }
        b[j] = params[i];
      }
    }
  }

  /** Input from floats: inputs[offset .. offset + n_0), zeros skipped. */
  setFloatInput(inputs: Float32Array, offset: number): void {
    const n = this.sizes[0];
    const stride = this.sizes[1];
    const idx = this.idx;
    const val = this.val;
    let nnz = 0;
    for (let p = 0; p < n; p++) {
      const x = inputs[offset + p];
      if (x !== 0) {
        idx[nnz] = p * stride;
        val[nnz] = x;
        nnz++;
      }
    }
    this.nnz = nnz;
  }

  /** Input from bytes: images[offset .. offset + n_0), value float32(byte / 255), zeros skipped. */
  setByteInput(images: Uint8Array, offset: number): void {
    const n = this.sizes[0];
    const stride = this.sizes[1];
    const idx = this.idx;
    const val = this.val;
    let nnz = 0;
    for (let p = 0; p < n; p++) {
      const v = images[offset + p];
      if (v !== 0) {
        idx[nnz] = p * stride;
        val[nnz] = BYTE_INPUT[v];
        nnz++;
      }
    }
    this.nnz = nnz;
  }

  /** Input from a precomputed nonzero-pixel list (pixels[start..end)) of the image at images[offset..]. */
  setListedInput(pixels: Uint16Array, start: number, end: number, images: Uint8Array, offset: number): void {
    const stride = this.sizes[1];
    const idx = this.idx;
    const val = this.val;
    let nnz = 0;
    for (let i = start; i < end; i++) {
      const p = pixels[i];
      idx[nnz] = p * stride;
      val[nnz] = BYTE_INPUT[images[offset + p]];
      nnz++;
    }
    this.nnz = nnz;
  }

  /** Forward pass: z^(l) = W^(l) a^(l-1) + b^(l), a^(l) = f(z^(l)); output a^(L) from the loss's nonlinearity. */
  forward(): void {
    const { sizes, L, act } = this;
    sparseForward(this.w[1], this.b[1], sizes[1], this.idx, this.val, this.nnz, this.z[1]);
    for (let l = 1; l <= L; l++) {
      const n = sizes[l];
      const z = this.z[l];
      const a = this.a[l];
      if (l > 1) {
        const nIn = sizes[l - 1];
        const w = this.w[l];
        const b = this.b[l];
        const prev = this.a[l - 1];
        for (let j = 0; j < n; j++) {
          let s = b[j];
          const row = j * nIn;
          for (let k = 0; k < nIn; k++) s += w[row + k] * prev[k];
          z[j] = s;
        }
      }
      if (l < L) {
        for (let j = 0; j < n; j++) a[j] = act.output(z[j]);
      } else {
        this.loss.activate(z, a, n);
      }
    }
  }

  /** After forward(): the example's cost C, and delta^(L) = dC/dz^(L) written to d[L]. */
  costAndDelta(label: number): number {
    const { L, loss } = this;
    const n = this.sizes[L];
    loss.delta(this.z[L], this.a[L], n, label, this.d[L]);
    return loss.cost(this.z[L], this.a[L], n, label);
  }

  /** After forward(): the example's cost only. */
  cost(label: number): number {
    const L = this.L;
    return this.loss.cost(this.z[L], this.a[L], this.sizes[L], label);
  }

  /**
   * After costAndDelta(): backprop. delta^(l-1)_k = f'(z_k) sum_j w_jk delta_j; adds
   * dC/dw_jk = a_k delta_j and dC/db_j = delta_j into the gradient sums.
   */
  backward(): void {
    const { sizes, L, act } = this;
    for (let l = L; l >= 2; l--) {
      const nIn = sizes[l - 1];
      const nOut = sizes[l];
      const d = this.d[l];
      const w = this.w[l];
      const g = this.gw[l];
      const gb = this.gb[l];
      const prev = this.a[l - 1];
      const zPrev = this.z[l - 1];
      const dPrev = this.d[l - 1];
      dPrev.fill(0);
      for (let j = 0; j < nOut; j++) {
        const dj = d[j];
        if (dj === 0) continue;
        gb[j] += dj;
        const row = j * nIn;
        for (let k = 0; k < nIn; k++) {
          g[row + k] += dj * prev[k];
          dPrev[k] += w[row + k] * dj;
        }
      }
      for (let k = 0; k < nIn; k++) dPrev[k] *= act.derivative(zPrev[k], prev[k]);
    }
    const d1 = this.d[1];
    const gb1 = this.gb[1];
    for (let j = 0; j < sizes[1]; j++) gb1[j] += d1[j];
    sparseGradient(this.gw[1], sizes[1], this.idx, this.val, this.nnz, d1);
  }

  /** Index of the largest output activation (first on ties). */
  argmax(): number {
    const a = this.a[this.L];
    let best = 0;
    for (let j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
    return best;
  }
}

/** Whether a workspace built for `ws` fits `spec`. */
export function fits(ws: Workspace, spec: NetworkSpec): boolean {
  return (
    ws.act.name === spec.activation &&
    ws.loss.name === spec.loss &&
    ws.sizes.length === spec.sizes.length &&
    ws.sizes.every((n, i) => n === spec.sizes[i])
  );
}
