/**
 * Cost functions C for one example with one-hot target y (y_label = 1), each with its
 * formula and its output delta dC/dz side by side. The output nonlinearity belongs to
 * the loss: mse and binary-ce use a sigmoid output, categorical-ce a softmax.
 *
 * Costs are computed from z where that avoids log(0): binary-ce with softplus,
 * categorical-ce with log-sum-exp.
 */
import { sigmoid } from './activations';
import type { Loss } from './types';

export interface LossFunction {
  name: Loss;
  /** The output nonlinearity a^(L) = g(z^(L)). */
  output: 'sigmoid' | 'softmax';
  /**
   * True when delta = a - y already includes the output nonlinearity's derivative
   * (sigmoid + binary-ce, softmax + categorical-ce): the chain-rule view shows dC/dz as one factor.
   */
  folded: boolean;
  /** Writes a = g(z) for n outputs. */
  activate: (z: Float64Array, a: Float64Array, n: number) => void;
  /** C(a, y) for n outputs, from z and a (numerically safe). */
  cost: (z: Float64Array, a: Float64Array, n: number, label: number) => number;
  /** Writes delta_j = dC/dz_j for n outputs. */
  delta: (z: Float64Array, a: Float64Array, n: number, label: number, delta: Float64Array) => void;
}

function sigmoidAll(z: Float64Array, a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) a[j] = sigmoid(z[j]);
}

/** softplus(z) = ln(1 + e^z), without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export const MSE: LossFunction = {
  name: 'mse',
  output: 'sigmoid',
  folded: false,
  activate: sigmoidAll,
  /** C = sum_j (a_j - y_j)^2 (no 1/2, as in the lecture) */
  cost(_z, a, n, label) {
    let c = 0;
    for (let j = 0; j < n; j++) {
      const e = a[j] - (j === label ? 1 : 0);
      c += e * e;
    }
    return c;
  },
  /** delta_j = dC/da_j * sigma'(z_j) = 2 (a_j - y_j) * a_j (1 - a_j) */
  delta(_z, a, n, label, delta) {
    for (let j = 0; j < n; j++) {
      const aj = a[j];
      delta[j] = 2 * (aj - (j === label ? 1 : 0)) * aj * (1 - aj);
    }
  },
};

export const BINARY_CE: LossFunction = {
  name: 'binary-ce',
  output: 'sigmoid',
  folded: true,
  activate: sigmoidAll,
  /** C = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] = sum_j [softplus(z_j) - y_j z_j] */
  cost(z, _a, n, label) {
    let c = 0;
    for (let j = 0; j < n; j++) c += softplus(z[j]) - (j === label ? z[j] : 0);
    return c;
  },
  /** delta_j = a_j - y_j (sigma' cancels against dC/da) */
  delta(_z, a, n, label, delta) {
    for (let j = 0; j < n; j++) delta[j] = a[j] - (j === label ? 1 : 0);
  },
};

export const CATEGORICAL_CE: LossFunction = {
  name: 'categorical-ce',
  output: 'softmax',
  folded: true,
  /** a_j = e^(z_j - m) / sum_i e^(z_i - m), m = max z (softmax, shifted for safety) */
  activate(z, a, n) {
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
  },
  /** C = -ln a_label = logsumexp(z) - z_label */
  cost(z, _a, n, label) {
    let m = -Infinity;
    for (let j = 0; j < n; j++) if (z[j] > m) m = z[j];
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(z[j] - m);
    return m + Math.log(s) - z[label];
  },
  /** delta_j = a_j - y_j (the softmax Jacobian folded in) */
  delta(_z, a, n, label, delta) {
    for (let j = 0; j < n; j++) delta[j] = a[j] - (j === label ? 1 : 0);
  },
};

export const LOSS_FUNCTIONS: Record<Loss, LossFunction> = {
  mse: MSE,
  'binary-ce': BINARY_CE,
  'categorical-ce': CATEGORICAL_CE,
};
