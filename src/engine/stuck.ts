/**
 * Stuck neurons: neurons whose slope f′(z) is (nearly) 0 on almost every image, so backprop
 * sends almost nothing through them and their incoming weights stop learning: ReLUs that are
 * always off (dead), σ or tanh units pinned at their flat ends (saturated). Output neurons count
 * only under mse, the one cost whose dC/dz has the factor σ′(z) (with cross-entropy it is a − y,
 * which a saturated output does not silence). A network that still guesses after an epoch has
 * either such neurons (steps too big wrecked it) or healthy ones (steps too small to get
 * anywhere); the app tells the student which.
 */
import { workspaceFor } from './batch';
import type { Activation, ByteData, Network } from './types';

/** A slope under this share of f′'s largest value counts as flat. */
export const FLAT_SLOPE = 0.01;
/** A neuron flat on at least this share of the images is stuck. */
export const STUCK_SHARE = 0.99;

/** The largest value of f′: σ′(0) = 1/4; ReLU and tanh have slope 1. */
const PEAK_SLOPE: Record<Activation, number> = { sigmoid: 0.25, relu: 1, tanh: 1 };

/**
 * For each layer 1..L, how many of its neurons are stuck on images [start, end) of `data`: f′(z)
 * under FLAT_SLOPE of its peak on at least STUCK_SHARE of them. The output layer's count is 0
 * unless the loss is mse (its σ outputs' slope is a factor of dC/dz only there).
 */
export function stuckNeurons(net: Network, data: ByteData, start = 0, end = data.count): number[] {
  const s = Math.max(0, Math.min(start, data.count));
  const e = Math.max(s, Math.min(end, data.count));
  const ws = workspaceFor(net.spec);
  ws.bind(net.params);
  const { sizes, L, act } = ws;
  const flatBelow = FLAT_SLOPE * PEAK_SLOPE[net.spec.activation];
  const outputs = net.spec.loss === 'mse';
  const sigmoidFlatBelow = FLAT_SLOPE * PEAK_SLOPE.sigmoid;
  // per neuron, the images on which its slope was not flat
  const lively = sizes.slice(1).map((n) => new Uint32Array(n));
  for (let i = s; i < e; i++) {
    ws.setByteInput(data.images, i * sizes[0]);
    ws.forward();
    for (let l = 1; l < L; l++) {
      const z = ws.z[l];
      const count = lively[l - 1];
      for (let j = 0; j < z.length; j++) if (act.derivative(z[j]) >= flatBelow) count[j]++;
    }
    if (outputs) {
      const a = ws.a[L];
      const count = lively[L - 1];
      for (let j = 0; j < a.length; j++) if (a[j] * (1 - a[j]) >= sigmoidFlatBelow) count[j]++;
    }
  }
  const images = e - s;
  // flat on at least STUCK_SHARE of the images: lively on at most the rest
  const allowed = Math.floor(images * (1 - STUCK_SHARE) + 1e-9);
  return lively.map((count, l) =>
    l === L - 1 && !outputs ? 0 : count.reduce((n, c) => n + (images > 0 && c <= allowed ? 1 : 0), 0),
  );
}

/**
 * The first layer (1-based; L is the output layer) with at least half of its neurons stuck, with
 * their count and the layer's size, or null. With fewer stuck, a network can still learn on the
 * rest; the stuck counts of the two kinds of failure (steps too big, too small) sit at the two ends.
 */
export function mostlyStuckLayer(
  stuck: readonly number[],
  sizes: readonly number[],
): { layer: number; stuck: number; size: number } | null {
  for (let l = 1; l < sizes.length; l++) {
    const n = stuck[l - 1];
    if (typeof n === 'number' && n * 2 >= sizes[l] && n > 0) return { layer: l, stuck: n, size: sizes[l] };
  }
  return null;
}

/** The f whose flat ends a stuck neuron of `layer` sits at: the hidden layers' own, σ for the output layer (counted under mse only). */
export function stuckActivationOf(layer: number, sizes: readonly number[], activation: Activation): Activation {
  return layer === sizes.length - 1 ? 'sigmoid' : activation;
}
