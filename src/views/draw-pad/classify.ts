/** The draw pad's small computations on the UI thread: one forward pass, one SGD step. */
import { exampleGradient, predict, sgdStep, type Network } from '../../engine';
import { brightest, outputsAreProbabilities as areProbabilities } from '../outputs';

export interface Reading {
  /** Output activations a^(L): probabilities for softmax, sigmoid activations otherwise. */
  outputs: Float32Array;
  /** The digit with the largest output. */
  digit: number;
}

/** One forward pass (microseconds for 784-16-16-10). */
export function readDigit(net: Network, input: Float32Array): Reading {
  const outputs = predict(net, input, 1);
  return { outputs, digit: brightest(outputs) };
}

/** Only softmax outputs are probabilities; sigmoid outputs (mse, binary-ce) are activations. */
export function outputsAreProbabilities(net: Network): boolean {
  return areProbabilities(net.spec);
}

/** theta <- theta - alpha * dC_x/dtheta for this one example; a new parameter vector (the input net is untouched). */
export function teachStep(net: Network, input: Float32Array, label: number, learningRate: number): Float32Array {
  const { grad } = exampleGradient(net, input, label);
  const params = net.params.slice();
  sgdStep(params, grad, learningRate, 0, null);
  return params;
}

/** The red channel of RGBA pixels (the pad draws white on black, so r = g = b). */
export function redChannel(rgba: Uint8ClampedArray, out?: Uint8Array): Uint8Array {
  const n = rgba.length >> 2;
  const grey = out && out.length === n ? out : new Uint8Array(n);
  for (let i = 0; i < n; i++) grey[i] = rgba[i << 2];
  return grey;
}
