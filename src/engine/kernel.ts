/**
 * The fast path: forward pass and backprop for one example at a time, skipping zero
 * inputs (about 81% of MNIST pixels). Weights are read straight from the network's
 * Float32 params (the contract's layout, W_l row-major [out][in]), so there is no working
 * copy to keep in sync: net.params is always the truth. Activations, deltas and the
 * gradient sum are Float64 working buffers; no allocation per example. Used by
 * lossAndGradient, predict, evaluate and BatchTrainer, so they all compute the same numbers.
 *
 * Layer 1 on a sparse input: z_j = b_j + sum over the nonzero pixels k of W_1[j][k] x_k,
 * eight rows at a time so each (k, x_k) is loaded once per eight neurons. Its gradient
 * dW_1[j][k] += delta_j x_k visits only the nonzero pixels, into a sum kept transposed
 * ([k][j]: one pixel's sixteen sums side by side, updated in one pass of sixteen locals);
 * the update and writeGradient read it back in blocks of eight neurons. The indices of the
 * first layer's forward for 784 pixels, of its 16-neuron gradient block and of the dense
 * layers' 16-input rows are masked with 0xfffffff, INDEX_MASK (layout.ts says why; the
 * Workspace refuses a larger network), written as a literal: under Node, V8 read an imported
 * constant from its module each time, and its value was then unknown to the optimiser, which
 * kept the overflow checks (seen in --print-opt-code). The numbers are
 * bit-for-bit those of the earlier kernel that kept a transposed Float64 copy of W_1
 * (the same summation order everywhere).
 */
import { ACTIVATION_FUNCTIONS, type ActivationFunction } from './activations';
import { denseBackward, denseForward } from './kernel-dense';
import { layerOffsets, MAX_PARAMS, type LayerOffsets } from './layout';
import { LOSS_FUNCTIONS, type LossFunction } from './losses';
import { flushTiny } from './optimiser';
import type { NetworkSpec } from './types';

/** Pixel byte -> input value: float32(byte / 255), exactly what a Float32Array of byte/255 holds. */
export const BYTE_INPUT: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let i = 0; i < 256; i++) t[i] = Math.fround(i / 255);
  return t;
})();

/** Hidden activations as small integers, so the hot loops inline them instead of calling through an object. */
const SIGMOID_CODE = 0;
const RELU_CODE = 1;
const TANH_CODE = 2;
const ACTIVATION_CODE = { sigmoid: SIGMOID_CODE, relu: RELU_CODE, tanh: TANH_CODE } as const;

/**
 * z_j = b_j + sum_e val[e] * W[j][idx[e]] for j in 0..out, W row-major [out][nIn] at w[wo..],
 * b at w[bo..]; the sum runs in input order for every j. For a 784-pixel input the eight rows
 * of a block are read at constant offsets (784 apart) from one masked index: no row starts
 * to keep in registers, no overflow checks (with the masks elsewhere, an epoch ran about 10%
 * faster, same numbers; ARCHITECTURE, "What the machine code showed"). Other input sizes take
 * the general loop.
 */
function sparseForward(
  w: Float32Array,
  wo: number,
  bo: number,
  nIn: number,
  out: number,
  idx: Int32Array,
  val: Float64Array,
  nnz: number,
  z: Float64Array,
): void {
  let j = 0;
  if (nIn === 784) {
    for (; j + 8 <= out; j += 8) {
      const r = (wo + j * 784) & 0xfffffff;
      let s0 = w[bo + j];
      let s1 = w[bo + j + 1];
      let s2 = w[bo + j + 2];
      let s3 = w[bo + j + 3];
      let s4 = w[bo + j + 4];
      let s5 = w[bo + j + 5];
      let s6 = w[bo + j + 6];
      let s7 = w[bo + j + 7];
      for (let e = 0; e < nnz; e++) {
        const o = r + (idx[e] & 0xfffffff);
        const x = val[e];
        s0 += x * w[o];
        s1 += x * w[o + 784];
        s2 += x * w[o + 1568];
        s3 += x * w[o + 2352];
        s4 += x * w[o + 3136];
        s5 += x * w[o + 3920];
        s6 += x * w[o + 4704];
        s7 += x * w[o + 5488];
      }
      z[j] = s0;
      z[j + 1] = s1;
      z[j + 2] = s2;
      z[j + 3] = s3;
      z[j + 4] = s4;
      z[j + 5] = s5;
      z[j + 6] = s6;
      z[j + 7] = s7;
    }
  }
  for (; j + 8 <= out; j += 8) {
    const r0 = wo + j * nIn;
    const r1 = r0 + nIn;
    const r2 = r1 + nIn;
    const r3 = r2 + nIn;
    const r4 = r3 + nIn;
    const r5 = r4 + nIn;
    const r6 = r5 + nIn;
    const r7 = r6 + nIn;
    let s0 = w[bo + j];
    let s1 = w[bo + j + 1];
    let s2 = w[bo + j + 2];
    let s3 = w[bo + j + 3];
    let s4 = w[bo + j + 4];
    let s5 = w[bo + j + 5];
    let s6 = w[bo + j + 6];
    let s7 = w[bo + j + 7];
    for (let e = 0; e < nnz; e++) {
      const k = idx[e];
      const x = val[e];
      s0 += x * w[r0 + k];
      s1 += x * w[r1 + k];
      s2 += x * w[r2 + k];
      s3 += x * w[r3 + k];
      s4 += x * w[r4 + k];
      s5 += x * w[r5 + k];
      s6 += x * w[r6 + k];
      s7 += x * w[r7 + k];
    }
    z[j] = s0;
    z[j + 1] = s1;
    z[j + 2] = s2;
    z[j + 3] = s3;
    z[j + 4] = s4;
    z[j + 5] = s5;
    z[j + 6] = s6;
    z[j + 7] = s7;
  }
  for (; j < out; j++) {
    const r = wo + j * nIn;
    let s = w[bo + j];
    for (let e = 0; e < nnz; e++) s += val[e] * w[r + idx[e]];
    z[j] = s;
  }
}

/**
 * g[k][j] += val[e] * d_j for every nonzero input e (k = idx[e]) and neuron j, with this
 * gradient block stored transposed ([in][out], at g[go..]) so each input's `out` sums are
 * contiguous: sixteen neurons at a time (one pass over the inputs for 784-16-...), then
 * eight, deltas held in locals. A block of eight zero deltas (inactive relu units) is
 * skipped; adding x * 0 = +0 elsewhere leaves a sum unchanged.
 */
function sparseGradient(
  g: Float64Array,
  go: number,
  out: number,
  idx: Int32Array,
  val: Float64Array,
  nnz: number,
  d: Float64Array,
): void {
  let j = 0;
  for (; j + 16 <= out; j += 16) {
    const d0 = d[j];
    const d1 = d[j + 1];
    const d2 = d[j + 2];
    const d3 = d[j + 3];
    const d4 = d[j + 4];
    const d5 = d[j + 5];
    const d6 = d[j + 6];
    const d7 = d[j + 7];
    const d8 = d[j + 8];
    const d9 = d[j + 9];
    const d10 = d[j + 10];
    const d11 = d[j + 11];
    const d12 = d[j + 12];
    const d13 = d[j + 13];
    const d14 = d[j + 14];
    const d15 = d[j + 15];
    const base = go + j;
    for (let e = 0; e < nnz; e++) {
      const o = (base + idx[e] * out) & 0xfffffff;
      const x = val[e];
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
  for (; j + 8 <= out; j += 8) {
    const d0 = d[j];
    const d1 = d[j + 1];
    const d2 = d[j + 2];
    const d3 = d[j + 3];
    const d4 = d[j + 4];
    const d5 = d[j + 5];
    const d6 = d[j + 6];
    const d7 = d[j + 7];
    if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0 && d5 === 0 && d6 === 0 && d7 === 0) continue;
    const base = go + j;
    for (let e = 0; e < nnz; e++) {
      const o = base + idx[e] * out;
      const x = val[e];
      g[o] += x * d0;
      g[o + 1] += x * d1;
      g[o + 2] += x * d2;
      g[o + 3] += x * d3;
      g[o + 4] += x * d4;
      g[o + 5] += x * d5;
      g[o + 6] += x * d6;
      g[o + 7] += x * d7;
    }
  }
  for (; j < out; j++) {
    const dj = d[j];
    if (dj === 0) continue;
    const base = go + j;
    for (let e = 0; e < nnz; e++) g[base + idx[e] * out] += val[e] * dj;
  }
}

/**
 * theta_i <- theta_i - lr * float32(g_at * scale) for neurons j0..j0+7 of layer 1 (params
 * [j][k] from wo, gradient sum [k][j] from wo), zeroing the sums; input k outer so the
 * eight sums of one input are read together. Only the inputs list[0..count) are visited:
 * the batch's nonzero pixels, whose sums alone can be nonzero (elsewhere theta - lr * 0 = theta).
 */
function updateBlock8(
  p: Float32Array,
  g: Float64Array,
  wo: number,
  nIn: number,
  out: number,
  j0: number,
  scale: number,
  lr: number,
  list: Int32Array,
  count: number,
): void {
  const r0 = wo + j0 * nIn;
  const r1 = r0 + nIn;
  const r2 = r1 + nIn;
  const r3 = r2 + nIn;
  const r4 = r3 + nIn;
  const r5 = r4 + nIn;
  const r6 = r5 + nIn;
  const r7 = r6 + nIn;
  for (let t = 0; t < count; t++) {
    const k = list[t];
    const at = wo + k * out + j0;
    const g0 = Math.fround(g[at] * scale);
    const g1 = Math.fround(g[at + 1] * scale);
    const g2 = Math.fround(g[at + 2] * scale);
    const g3 = Math.fround(g[at + 3] * scale);
    const g4 = Math.fround(g[at + 4] * scale);
    const g5 = Math.fround(g[at + 5] * scale);
    const g6 = Math.fround(g[at + 6] * scale);
    const g7 = Math.fround(g[at + 7] * scale);
    g[at] = 0;
    g[at + 1] = 0;
    g[at + 2] = 0;
    g[at + 3] = 0;
    g[at + 4] = 0;
    g[at + 5] = 0;
    g[at + 6] = 0;
    g[at + 7] = 0;
    p[r0 + k] -= lr * g0;
    p[r1 + k] -= lr * g1;
    p[r2 + k] -= lr * g2;
    p[r3 + k] -= lr * g3;
    p[r4 + k] -= lr * g4;
    p[r5 + k] -= lr * g5;
    p[r6 + k] -= lr * g6;
    p[r7 + k] -= lr * g7;
  }
}

/** updateBlock8 with momentum: v_i <- flushTiny(float32(mu v_i + g_i)), theta_i <- theta_i - lr v_i. */
function updateBlock8Momentum(
  p: Float32Array,
  v: Float32Array,
  g: Float64Array,
  wo: number,
  nIn: number,
  out: number,
  j0: number,
  scale: number,
  lr: number,
  mu: number,
): void {
  for (let jj = 0; jj < 8; jj += 4) {
    const r0 = wo + (j0 + jj) * nIn;
    const r1 = r0 + nIn;
    const r2 = r1 + nIn;
    const r3 = r2 + nIn;
    for (let k = 0; k < nIn; k++) {
      const at = wo + k * out + j0 + jj;
      const v0 = flushTiny(Math.fround(mu * v[r0 + k] + Math.fround(g[at] * scale)));
      const v1 = flushTiny(Math.fround(mu * v[r1 + k] + Math.fround(g[at + 1] * scale)));
      const v2 = flushTiny(Math.fround(mu * v[r2 + k] + Math.fround(g[at + 2] * scale)));
      const v3 = flushTiny(Math.fround(mu * v[r3 + k] + Math.fround(g[at + 3] * scale)));
      g[at] = 0;
      g[at + 1] = 0;
      g[at + 2] = 0;
      g[at + 3] = 0;
      v[r0 + k] = v0;
      v[r1 + k] = v1;
      v[r2 + k] = v2;
      v[r3 + k] = v3;
      p[r0 + k] -= lr * v0;
      p[r1 + k] -= lr * v1;
      p[r2 + k] -= lr * v2;
      p[r3 + k] -= lr * v3;
    }
  }
}

/** Working buffers for one network shape, plus the running gradient sum. */
export class Workspace {
  readonly sizes: readonly number[];
  readonly L: number;
  readonly act: ActivationFunction;
  readonly actCode: number;
  readonly loss: LossFunction;
  readonly offsets: LayerOffsets;
  /** The parameters the passes read (the network's own params, bound by bind()). */
  params: Float32Array;
  /** Gradient sum in the params layout, except W_1's block, which is transposed ([in][out]). */
  readonly g: Float64Array;
  /** z, a and delta = dC/dz for layers 1..L (the input is the sparse list below). */
  readonly z: Float64Array[] = [new Float64Array(0)];
  readonly a: Float64Array[] = [new Float64Array(0)];
  readonly d: Float64Array[] = [new Float64Array(0)];
  /** The current example's nonzero inputs: pixel index and value. */
  readonly idx: Int32Array;
  readonly val: Float64Array;
  nnz = 0;
  /**
   * After backward(): whether any delta of the first layer was nonzero, i.e. the gradient reached
   * the first layer's weights. False when the ReLUs of some layer are all off for this example.
   */
  reachedFirstLayer = false;
  /**
   * The inputs with a nonzero value in any example since the gradient sum was last cleared
   * (each listed once; `touched` marks them): plain SGD updates only their W_1 columns. Kept
   * only while `trackInputs`: from the first plain-SGD update on, until an update with
   * momentum (which moves every weight); lossAndGradient never updates, so never pays for it.
   */
  private trackInputs = false;
  private readonly touched: Uint8Array;
  private readonly touchedList: Int32Array;
  private touchedCount = 0;
  private readonly everyInput: Int32Array;
  /** Softmax output: max z and sum of e^(z - max), kept for the cost (categorical-ce only). */
  private softmaxMax = 0;
  private softmaxSum = 1;
  private readonly softmax: boolean;

  constructor(spec: NetworkSpec) {
    this.sizes = spec.sizes.slice();
    this.L = this.sizes.length - 1;
    this.act = ACTIVATION_FUNCTIONS[spec.activation];
    this.actCode = ACTIVATION_CODE[spec.activation];
    this.loss = LOSS_FUNCTIONS[spec.loss];
    this.offsets = layerOffsets(this.sizes);
    // the masked indices are right only below the cap; every path to the kernels comes through here
    if (!(this.offsets.total <= MAX_PARAMS))
      throw new RangeError(`a network of ${this.offsets.total} parameters is more than the engine's ${MAX_PARAMS}`);
    this.params = new Float32Array(this.offsets.total);
    this.g = new Float64Array(this.offsets.total);
    for (let l = 1; l <= this.L; l++) {
      this.z.push(new Float64Array(this.sizes[l]));
      this.a.push(new Float64Array(this.sizes[l]));
      this.d.push(new Float64Array(this.sizes[l]));
    }
    this.idx = new Int32Array(this.sizes[0]);
    this.val = new Float64Array(this.sizes[0]);
    this.touched = new Uint8Array(this.sizes[0]);
    this.touchedList = new Int32Array(this.sizes[0]);
    this.everyInput = Int32Array.from({ length: this.sizes[0] }, (_, k) => k);
    this.softmax = spec.loss === 'categorical-ce';
  }

  /** Reads the weights from `params` (params layout, not copied) from now on. */
  bind(params: Float32Array): void {
    if (params.length !== this.offsets.total)
      throw new RangeError(`params hold ${params.length} values, the network needs ${this.offsets.total}`);
    this.params = params;
  }

  clearGradient(): void {
    this.g.fill(0);
    this.forgetTouched();
  }

  private forgetTouched(): void {
    const { touched, touchedList } = this;
    for (let t = 0; t < this.touchedCount; t++) touched[touchedList[t]] = 0;
    this.touchedCount = 0;
  }

  /** out = scale * gradient sum, in the params layout; with `clear`, also zeroes the sum. */
  writeGradient(out: Float32Array, scale: number, clear = false): void {
    const g = this.g;
    const n = g.length;
    const wo = this.offsets.weights[1];
    const nIn = this.sizes[0];
    const n1 = this.sizes[1];
    // W_1's sum is [k][j]: eight neurons at a time, input k outer (reads contiguous, eight row streams)
    let j0 = 0;
    for (; j0 + 8 <= n1; j0 += 8) {
      const r0 = wo + j0 * nIn;
      const r1 = r0 + nIn;
      const r2 = r1 + nIn;
      const r3 = r2 + nIn;
      const r4 = r3 + nIn;
      const r5 = r4 + nIn;
      const r6 = r5 + nIn;
      const r7 = r6 + nIn;
      for (let k = 0; k < nIn; k++) {
        const at = wo + k * n1 + j0;
        out[r0 + k] = g[at] * scale;
        out[r1 + k] = g[at + 1] * scale;
        out[r2 + k] = g[at + 2] * scale;
        out[r3 + k] = g[at + 3] * scale;
        out[r4 + k] = g[at + 4] * scale;
        out[r5 + k] = g[at + 5] * scale;
        out[r6 + k] = g[at + 6] * scale;
        out[r7 + k] = g[at + 7] * scale;
      }
    }
    for (let j = j0; j < n1; j++) {
      const row = wo + j * nIn;
      for (let k = 0; k < nIn; k++) out[row + k] = g[wo + k * n1 + j] * scale;
    }
    for (let i = wo + nIn * n1; i < n; i++) out[i] = g[i] * scale;
    if (clear) this.clearGradient();
  }

  /**
   * One SGD step from the gradient sum into `params`, in a single pass: g = float32(sum * scale)
   * (what writeGradient would store), with momentum v <- float32(mu v + g) and theta <- theta - lr v,
   * else theta <- theta - lr g; zeroes the sum. Same numbers as writeGradient + sgdStep.
   */
  applySgd(
    params: Float32Array,
    scale: number,
    learningRate: number,
    momentum: number,
    velocity: Float32Array | null,
  ): void {
    const g = this.g;
    const n = g.length;
    const wo = this.offsets.weights[1];
    const nIn = this.sizes[0];
    const n1 = this.sizes[1];
    const v = momentum !== 0 ? velocity : null;
    // W_1: params [j][k], its gradient sum [k][j]: eight neurons at a time; without momentum
    // only the inputs some example of the batch had (a non-finite rate still visits all of
    // them, as theta - Infinity * 0 is NaN there too)
    const sparse = this.trackInputs && Number.isFinite(learningRate);
    const list = sparse ? this.touchedList : this.everyInput;
    const listed = sparse ? this.touchedCount : nIn;
    let j0 = 0;
    for (; j0 + 8 <= n1; j0 += 8) {
      if (v) updateBlock8Momentum(params, v, g, wo, nIn, n1, j0, scale, learningRate, momentum);
      else updateBlock8(params, g, wo, nIn, n1, j0, scale, learningRate, list, listed);
    }
    this.forgetTouched();
    // the next batch is listed if this update was plain SGD (the optimiser rarely changes)
    this.trackInputs = v === null;
    for (let j = j0; j < n1; j++) {
      const row = wo + j * nIn;
      for (let k = 0; k < nIn; k++) {
        const at = wo + k * n1 + j;
        const i = row + k;
        const gi = Math.fround(g[at] * scale);
        g[at] = 0;
        if (v) {
          const vi = flushTiny(Math.fround(momentum * v[i] + gi));
          v[i] = vi;
          params[i] = params[i] - learningRate * vi;
        } else {
          params[i] = params[i] - learningRate * gi;
        }
      }
    }
    const rest = wo + nIn * n1;
    if (v) {
      for (let i = rest; i < n; i++) {
        const vi = flushTiny(Math.fround(momentum * v[i] + Math.fround(g[i] * scale)));
        g[i] = 0;
        v[i] = vi;
        params[i] = params[i] - learningRate * vi;
      }
    } else {
      for (let i = rest; i < n; i++) {
        const gi = Math.fround(g[i] * scale);
        g[i] = 0;
        params[i] = params[i] - learningRate * gi;
      }
    }
  }

  /** Input from floats: inputs[offset .. offset + n_0), zeros skipped. */
  setFloatInput(inputs: Float32Array, offset: number): void {
    const n = this.sizes[0];
    const idx = this.idx;
    const val = this.val;
    let nnz = 0;
    let p = 0;
    for (; p + 8 <= n; p += 8) {
      const x0 = inputs[offset + p];
      const x1 = inputs[offset + p + 1];
      const x2 = inputs[offset + p + 2];
      const x3 = inputs[offset + p + 3];
      const x4 = inputs[offset + p + 4];
      const x5 = inputs[offset + p + 5];
      const x6 = inputs[offset + p + 6];
      const x7 = inputs[offset + p + 7];
      if (x0 !== 0) {
        idx[nnz] = p;
        val[nnz++] = x0;
      }
      if (x1 !== 0) {
        idx[nnz] = p + 1;
        val[nnz++] = x1;
      }
      if (x2 !== 0) {
        idx[nnz] = p + 2;
        val[nnz++] = x2;
      }
      if (x3 !== 0) {
        idx[nnz] = p + 3;
        val[nnz++] = x3;
      }
      if (x4 !== 0) {
        idx[nnz] = p + 4;
        val[nnz++] = x4;
      }
      if (x5 !== 0) {
        idx[nnz] = p + 5;
        val[nnz++] = x5;
      }
      if (x6 !== 0) {
        idx[nnz] = p + 6;
        val[nnz++] = x6;
      }
      if (x7 !== 0) {
        idx[nnz] = p + 7;
        val[nnz++] = x7;
      }
    }
    for (; p < n; p++) {
      const x = inputs[offset + p];
      if (x !== 0) {
        idx[nnz] = p;
        val[nnz++] = x;
      }
    }
    this.nnz = nnz;
  }

  /** Input from bytes: images[offset .. offset + n_0), value float32(byte / 255), zeros skipped. */
  setByteInput(images: Uint8Array, offset: number): void {
    const n = this.sizes[0];
    const idx = this.idx;
    const val = this.val;
    const table = BYTE_INPUT;
    let nnz = 0;
    let p = 0;
    for (; p + 8 <= n; p += 8) {
      const b0 = images[offset + p];
      const b1 = images[offset + p + 1];
      const b2 = images[offset + p + 2];
      const b3 = images[offset + p + 3];
      const b4 = images[offset + p + 4];
      const b5 = images[offset + p + 5];
      const b6 = images[offset + p + 6];
      const b7 = images[offset + p + 7];
      if (b0 !== 0) {
        idx[nnz] = p;
        val[nnz++] = table[b0];
      }
      if (b1 !== 0) {
        idx[nnz] = p + 1;
        val[nnz++] = table[b1];
      }
      if (b2 !== 0) {
        idx[nnz] = p + 2;
        val[nnz++] = table[b2];
      }
      if (b3 !== 0) {
        idx[nnz] = p + 3;
        val[nnz++] = table[b3];
      }
      if (b4 !== 0) {
        idx[nnz] = p + 4;
        val[nnz++] = table[b4];
      }
      if (b5 !== 0) {
        idx[nnz] = p + 5;
        val[nnz++] = table[b5];
      }
      if (b6 !== 0) {
        idx[nnz] = p + 6;
        val[nnz++] = table[b6];
      }
      if (b7 !== 0) {
        idx[nnz] = p + 7;
        val[nnz++] = table[b7];
      }
    }
    for (; p < n; p++) {
      const b = images[offset + p];
      if (b !== 0) {
        idx[nnz] = p;
        val[nnz++] = table[b];
      }
    }
    this.nnz = nnz;
  }

  /** Input from a precomputed nonzero-pixel list: pixels[start..end) with their bytes values[start..end). */
  setListedInput(pixels: Uint16Array, values: Uint8Array, start: number, end: number): void {
    const idx = this.idx;
    const val = this.val;
    const table = BYTE_INPUT;
    const n = end - start;
    let e = 0;
    for (; e + 4 <= n; e += 4) {
      const i = start + e;
      idx[e] = pixels[i];
      idx[e + 1] = pixels[i + 1];
      idx[e + 2] = pixels[i + 2];
      idx[e + 3] = pixels[i + 3];
      val[e] = table[values[i]];
      val[e + 1] = table[values[i + 1]];
      val[e + 2] = table[values[i + 2]];
      val[e + 3] = table[values[i + 3]];
    }
    for (; e < n; e++) {
      idx[e] = pixels[start + e];
      val[e] = table[values[start + e]];
    }
    this.nnz = n;
  }

  /** Forward pass: z^(l) = W^(l) a^(l-1) + b^(l), a^(l) = f(z^(l)); output a^(L) from the loss's nonlinearity. */
  forward(): void {
    const { sizes, L, actCode, offsets } = this;
    const p = this.params;
    sparseForward(
      p,
      offsets.weights[1],
      offsets.biases[1],
      sizes[0],
      sizes[1],
      this.idx,
      this.val,
      this.nnz,
      this.z[1],
    );
    for (let l = 1; l <= L; l++) {
      const n = sizes[l];
      const z = this.z[l];
      const a = this.a[l];
      if (l > 1) denseForward(p, offsets.weights[l], offsets.biases[l], sizes[l - 1], n, this.a[l - 1], z);
      if (l < L) {
        if (actCode === RELU_CODE) for (let j = 0; j < n; j++) a[j] = z[j] > 0 ? z[j] : 0;
        else if (actCode === SIGMOID_CODE) for (let j = 0; j < n; j++) a[j] = 1 / (1 + Math.exp(-z[j]));
        else for (let j = 0; j < n; j++) a[j] = Math.tanh(z[j]);
      } else if (this.softmax) {
        // CATEGORICAL_CE.activate, inline, keeping max and sum for the cost
        let m = -Infinity;
        for (let j = 0; j < n; j++) if (z[j] > m) m = z[j];
        let s = 0;
        for (let j = 0; j < n; j++) {
          const e = Math.exp(z[j] - m);
          a[j] = e;
          s += e;
        }
        const inv = 1 / s;
        for (let j = 0; j < n; j++) a[j] *= inv;
        this.softmaxMax = m;
        this.softmaxSum = s;
      } else {
        this.loss.activate(z, a, n);
      }
    }
  }

  /** After forward(): the example's cost C, and delta^(L) = dC/dz^(L) written to d[L]. */
  costAndDelta(label: number): number {
    const { L, loss } = this;
    const n = this.sizes[L];
    if (this.softmax) {
      const a = this.a[L];
      const d = this.d[L];
      for (let j = 0; j < n; j++) d[j] = a[j] - (j === label ? 1 : 0);
      return this.cost(label);
    }
    loss.delta(this.z[L], this.a[L], n, label, this.d[L]);
    return loss.cost(this.z[L], this.a[L], n, label);
  }

  /** After forward(): the example's cost only. */
  cost(label: number): number {
    const L = this.L;
    // categorical-ce: -ln a_label = logsumexp(z) - z_label, from the max and sum forward() kept
    if (this.softmax) return this.softmaxMax + Math.log(this.softmaxSum) - this.z[L][label];
    return this.loss.cost(this.z[L], this.a[L], this.sizes[L], label);
  }

  /**
   * After costAndDelta(): backprop. delta^(l-1)_k = f'(z_k) sum_j w_jk delta_j; adds
   * dC/dw_jk = a_k delta_j and dC/db_j = delta_j into the gradient sum.
   */
  backward(): void {
    const { sizes, L, actCode, offsets } = this;
    const p = this.params;
    const g = this.g;
    for (let l = L; l >= 2; l--) {
      const nIn = sizes[l - 1];
      const prev = this.a[l - 1];
      const zPrev = this.z[l - 1];
      const dPrev = this.d[l - 1];
      denseBackward(p, g, offsets.weights[l], offsets.biases[l], nIn, sizes[l], this.d[l], prev, dPrev);
      if (actCode === RELU_CODE) for (let k = 0; k < nIn; k++) dPrev[k] *= zPrev[k] > 0 ? 1 : 0;
      else if (actCode === SIGMOID_CODE) for (let k = 0; k < nIn; k++) dPrev[k] *= prev[k] * (1 - prev[k]);
      else for (let k = 0; k < nIn; k++) dPrev[k] *= 1 - prev[k] * prev[k];
    }
    const d1 = this.d[1];
    const bo1 = offsets.biases[1];
    let reached = false;
    for (let j = 0; j < sizes[1]; j++) {
      g[bo1 + j] += d1[j];
      if (d1[j] !== 0) reached = true;
    }
    this.reachedFirstLayer = reached;
    sparseGradient(g, offsets.weights[1], sizes[1], this.idx, this.val, this.nnz, d1);
    if (!this.trackInputs) return;
    const { idx, touched, touchedList } = this;
    let count = this.touchedCount;
    const nnz = this.nnz;
    let e = 0;
    for (; e + 4 <= nnz; e += 4) {
      const k0 = idx[e];
      const k1 = idx[e + 1];
      const k2 = idx[e + 2];
      const k3 = idx[e + 3];
      if (touched[k0] === 0) {
        touched[k0] = 1;
        touchedList[count++] = k0;
      }
      if (touched[k1] === 0) {
        touched[k1] = 1;
        touchedList[count++] = k1;
      }
      if (touched[k2] === 0) {
        touched[k2] = 1;
        touchedList[count++] = k2;
      }
      if (touched[k3] === 0) {
        touched[k3] = 1;
        touchedList[count++] = k3;
      }
    }
    for (; e < nnz; e++) {
      const k = idx[e];
      if (touched[k] === 0) {
        touched[k] = 1;
        touchedList[count++] = k;
      }
    }
    this.touchedCount = count;
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
