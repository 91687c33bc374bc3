/**
 * The numbers of the neuron under the pointer (or the keyboard's cursor), for the tip beside it
 * in the network view: "numbers are secondary and always one hover away" (docs/UI.md). Hovering
 * only lit the neuron's edges; its z and a were a click and a tab away.
 */
import { layerOffsets, paramIndex } from '../../engine';
import type { NeuronRef, WeightRef } from '../../store/lab-store';
import { weightName } from '../../protocol/names';
import { sig, signed } from '../../protocol/numbers';

/** z_j = b_j + Σ_k w_jk a_k of layer `layer` (1..L), from the shown activations of the layer before. */
export function weightedInput(
  sizes: readonly number[],
  params: Float32Array,
  activations: readonly Float32Array[],
  layer: number,
  index: number,
): number {
  const o = layerOffsets(sizes);
  const nIn = sizes[layer - 1];
  const prev = activations[layer - 1];
  const row = o.weights[layer] + index * nIn;
  let z = params[o.biases[layer] + index];
  for (let k = 0; k < nIn; k++) z += params[row + k] * prev[k];
  return z;
}

/** The tip's lines: which neuron, then its numbers; null for nothing to say. */
export function neuronTip(
  sizes: readonly number[],
  params: Float32Array,
  activations: readonly Float32Array[],
  wishes: readonly (Float32Array | null)[] | null,
  n: NeuronRef,
): string[] | null {
  const L = sizes.length - 1;
  if (n.layer < 0 || n.layer > L || n.index < 0 || n.index >= sizes[n.layer]) return null;
  const a = activations[n.layer]?.[n.index];
  if (a === undefined) return null;
  if (n.layer === 0) {
    const row = Math.floor(n.index / 28);
    return [`pixel ${n.index} (row ${row}, col ${n.index % 28})`, `a⁽⁰⁾ = x = ${sig(a, 3)}`];
  }
  const name = n.layer === L ? `output ${n.index} (digit ${n.index})` : `layer ${n.layer}, neuron ${n.index}`;
  const z = weightedInput(sizes, params, activations, n.layer, n.index);
  const lines = [name, `z = ${sig(z, 3)}, a = ${sig(a, 3)}`];
  const wish = wishes?.[n.layer]?.[n.index];
  if (wish !== undefined) lines.push(`wish −∂C/∂z = ${signed(wish, 3)}`);
  return lines;
}

/**
 * The tip for the edge under the mouse pointer: the weight's name and value, its two ends, and
 * what a click does. Among thousands of faint edges a click picked one the student could not see
 * coming (a laptop review); null for an edge the sizes do not have.
 */
export function edgeTip(sizes: readonly number[], params: Float32Array, edge: WeightRef): string[] | null {
  const L = sizes.length - 1;
  const { layer, to, from } = edge;
  if (layer < 1 || layer > L || to < 0 || to >= sizes[layer] || from < 0 || from >= sizes[layer - 1]) return null;
  const w = params[paramIndex({ sizes: [...sizes] }, layer, to, from)];
  const start = layer === 1 ? `pixel ${from}` : `layer ${layer - 1}, neuron ${from}`;
  const end = layer === L ? `output ${to}` : `layer ${layer}, neuron ${to}`;
  return [`${weightName(layer, to, from)} = ${signed(w, 3)}`, `${start} → ${end}`, 'click: its chain rule'];
}

export interface TipSize {
  width: number;
  height: number;
}

/**
 * The tip's box, measured (`measure`: a forced layout mid-frame) only when its text's shape
 * changes: its digits are tabular, so new numbers of the same length keep the size while training
 * plays (it was measured every frame while a neuron was hovered). `null` (the tip hidden) forgets it.
 */
export function tipSizer(measure: () => TipSize): (text: string | null) => TipSize {
  let shape: string | null = null;
  let size: TipSize = { width: 0, height: 0 };
  return (text) => {
    if (text === null) {
      shape = null;
      return size;
    }
    const now = text.replace(/\d/g, '0');
    if (now !== shape) {
      shape = now;
      size = measure();
    }
    return size;
  };
}
