/**
 * Hidden-layer activation functions, each with its formula and derivative side by side
 * (like TensorFlow Playground's nn.ts). The derivative gets both z and a = f(z), so
 * sigmoid and tanh can reuse the activation they already computed.
 */
import type { Activation } from './types';

export interface ActivationFunction {
  name: Activation;
  /** a = f(z) */
  output: (z: number) => number;
  /** da/dz = f'(z), given z and a = f(z) */
  derivative: (z: number, a: number) => number;
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
  /** sigma'(z) = sigma(z) (1 - sigma(z)) */
  derivative: (_z, a) => a * (1 - a),
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
  /** tanh'(z) = 1 - tanh(z)^2 */
  derivative: (_z, a) => 1 - a * a,
  init: 'glorot',
};

export const ACTIVATION_FUNCTIONS: Record<Activation, ActivationFunction> = {
  sigmoid: SIGMOID,
  relu: RELU,
  tanh: TANH,
};
