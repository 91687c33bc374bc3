/** The engine's shared types: the contract in docs/ARCHITECTURE.md ("Engine contract"). */

/** Nonlinearity f of the hidden layers: a = f(z). */
export type Activation = 'sigmoid' | 'relu' | 'tanh';

/** Cost per example; it also fixes the output nonlinearity (mse, binary-ce: sigmoid; categorical-ce: softmax). */
export type Loss = 'mse' | 'binary-ce' | 'categorical-ce';

/** Layer sizes n_0..n_L (784-16-16-10 in the lecture), hidden activation, loss and the init seed. */
export interface NetworkSpec {
  sizes: number[];
  activation: Activation;
  loss: Loss;
  seed: number;
}

/**
 * A network is its spec and one flat parameter vector: for l = 1..L in order,
 * W_l row-major [out][in] (row j = neuron j's incoming weights), then b_l [out].
 */
export interface Network {
  spec: NetworkSpec;
  params: Float32Array;
}

/** Labelled images kept as bytes 0..255 (pixels = sizes[0] per image); a src/data Dataset fits. */
export interface ByteData {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}
