/**
 * Parameter names as the lecture writes them, for every view and worker that names one:
 * w⁽ᴸ⁾ with the layer as a superscript (its chain rule), neuron indices as a subscript.
 * Plain text (Unicode super- and subscripts), so canvases and titles can use it too.
 */
import { describeParam, type Activation, type NetworkSpec } from '../engine';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

const digits = (n: number, table: string) =>
  String(n)
    .split('')
    .map((d) => table[Number(d)])
    .join('');

/** The lecture's layer superscript: 3 -> "⁽³⁾", as in w⁽ᴸ⁾ and a⁽ᴸ⁻¹⁾. */
export function layerSup(layer: number): string {
  return `⁽${digits(layer, SUPERSCRIPT)}⁾`;
}

/** w⁽ˡ⁾ⱼ,ₖ: the weight into neuron j of layer l from neuron k of layer l − 1. */
export function weightName(layer: number, j: number, k: number): string {
  return `w${layerSup(layer)}${digits(j, SUBSCRIPT)},${digits(k, SUBSCRIPT)}`;
}

/** a⁽ˡ⁾ₖ: the activation of neuron k of layer l. */
export function activationName(layer: number, k: number): string {
  return `a${layerSup(layer)}${digits(k, SUBSCRIPT)}`;
}

/** b⁽ˡ⁾ⱼ: the bias of neuron j of layer l. */
export function biasName(layer: number, j: number): string {
  return `b${layerSup(layer)}${digits(j, SUBSCRIPT)}`;
}

/** The name of parameter `index` of the flat vector (layout in docs/ARCHITECTURE.md). */
export function paramName(spec: NetworkSpec, index: number): string {
  const d = describeParam(spec, index);
  return d.kind === 'weight' ? weightName(d.layer, d.j, d.k) : biasName(d.layer, d.j);
}

/** A layer in words: "hidden layer 2", or "the output layer" (layer L, `sizes.length - 1`). */
export function layerName(layer: number, sizes: readonly number[]): string {
  return layer === sizes.length - 1 ? 'the output layer' : `hidden layer ${layer}`;
}

/** A squashing activation by the name the notices use: "tanh", or "σ" (ReLU has no flat ends to name). */
export function curveName(activation: Activation): string {
  return activation === 'tanh' ? 'tanh' : 'σ';
}

/**
 * The slope of a hidden layer's activation as the chain rule writes it: σ′, ReLU′ or tanh′ (an output
 * layer's is σ′ or the softmax's, which the panels write as the single factor a − y).
 */
export function slopeName(activation: Activation): string {
  return activation === 'sigmoid' ? 'σ′' : activation === 'relu' ? 'ReLU′' : 'tanh′';
}

/** What stuck neurons are for an activation, and how: dead ReLUs are always off, σ and tanh saturated at a flat end. */
export function stuckWords(activation: Activation): { word: string; how: string } {
  if (activation === 'relu') return { word: 'dead', how: 'always off' };
  return { word: 'saturated', how: `pinned at a flat end of ${curveName(activation)}` };
}

/**
 * A stuck neuron's slope by its own name: ReLU′(z) = 0 (exactly, where it is off), σ′(z) ≈ 0 or
 * tanh′(z) ≈ 0 (nearly, at a flat end). The notices said f′(z) = 0 for all three.
 */
export function flatSlope(activation: Activation): string {
  return `${slopeName(activation)}(z) ${activation === 'relu' ? '=' : '≈'} 0`;
}

/**
 * A stuck neuron of `activation` in the notices' words: "dead (ReLUs that are always off)" or
 * "saturated (at the flat ends of σ)"; `slope` adds ", where ReLU′(z) = 0" (or σ′(z) ≈ 0) inside
 * the parenthesis.
 */
export function stuckPhrase(activation: Activation, slope: boolean): string {
  const where = slope ? `, where ${flatSlope(activation)}` : '';
  return activation === 'relu'
    ? `dead (ReLUs that are always off${where})`
    : `saturated (at the flat ends of ${curveName(activation)}${where})`;
}
