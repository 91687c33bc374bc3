/**
 * Hidden-layer activation functions, each with its formula and derivative side by side
 * (like TensorFlow Playground's nn.ts). The derivative is computed from z, which stays exact
 * where a = f(z) has rounded to its bound (the lesson shows f'(z) of saturated neurons; the
 * training kernel inlines its own from a).
 */
import type { Activation } from './types';

export interface ActivationFunction {
  name: Activation;
  /** a = f(z) */
  output: (z: number) => number;
  /** da/dz = f'(z) */
  derivative: (z: number) => number;
  /** How the incoming weights are initialised: Glorot (Xavier) or He, see network.ts. */
  init: 'glorot' | 'he';
}

/** sigma(z) = 1 / (1 + e^-z) */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export const SIGMOID: ActivationFunction = {
  name: 'sigmoid',
  output: sigmoid,
  /**
   * sigma'(z) = sigma(z) (1 - sigma(z)) = e^-|z| / (1 + e^-|z|)^2, taken from z: a(1 - a) loses
   * every digit once a rounds to 1 (z > 37 in float64)
   */
  derivative: (z) => {
    const e = Math.exp(-Math.abs(z));
    return e / ((1 + e) * (1 + e));
  },
  init: 'glorot',
};

export const RELU: ActivationFunction = {
  name: 'relu',
  /** relu(z) = max(0, z) */
  output: (z) => (z > 0 ? z : 0),
  /** relu'(z) = 1 if z > 0 else 0 */
  derivative: (z) => (z > 0 ? 1 : 0),
  init: 'he',
};

export const TANH: ActivationFunction = {
  name: 'tanh',
  /** tanh(z) */
  output: Math.tanh,
  /** tanh'(z) = 1 - tanh(z)^2 = 1 / cosh(z)^2, taken from z: 1 - a^2 is rounding noise for |z| > ~17 */
  derivative: (z) => {
    const c = Math.cosh(z);
    return 1 / (c * c);
  },
  init: 'glorot',
};

export const ACTIVATION_FUNCTIONS: Record<Activation, ActivationFunction> = {
  sigmoid: SIGMOID,
  relu: RELU,
  tanh: TANH,
};
