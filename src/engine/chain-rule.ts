/**
 * The chain rule with real numbers, for one weight (or bias) of one example:
 *   dC/dw_jk = dz_j/dw_jk * da_j/dz_j * dC/da_j = a_k^(l-1) * f'(z_j) * dC/da_j.
 * At an output whose loss folds the nonlinearity in (sigmoid + binary-ce, softmax +
 * categorical-ce) the last two factors are one: dC/dz_j = a_j - y_j. In a hidden layer
 * dC/da_j is a sum over paths through the next layer: sum_j2 w_j2j delta_j2.
 */
import { ACTIVATION_FUNCTIONS, sigmoid } from './activations';
import type { ForwardTrace } from './forward';
import { layerOffsets } from './layout';
import { LOSS_FUNCTIONS } from './losses';
import type { Network } from './types';

export interface ChainPath {
  /** Neuron of the next layer the path goes through. */
  j2: number;
  /** w_(j2, j) of the next layer. */
  weight: number;
  /** delta_j2 of the next layer. */
  delta: number;
  /** weight * delta: this path's share of dC/da_j. */
  term: number;
}

export interface ChainRuleFactors {
  layer: number;
  j: number;
  /** The weight's input neuron k in layer-1, or null for the bias b_j. */
  k: number | null;
  /** dz_j/dw_jk = a_k^(l-1) (1 for a bias). */
  dzdw: number;
  /** da_j/dz_j = f'(z_j); null when the output loss folds it into dCdz. */
  dadz: number | null;
  /** dC/da_j: 2(a_j - y_j) at an mse output; the sum over paths in a hidden layer; null when folded. */
  dCda: number | null;
  /** dC/dz_j = delta_j. */
  dCdz: number;
  /** dC/dw_jk, the product of the factors (equals the example's gradient entry). */
  product: number;
  /** Hidden layers: the paths whose terms sum to dCda. */
  paths: ChainPath[] | null;
  /** True at an output layer of sigmoid + binary-ce or softmax + categorical-ce. */
  folded: boolean;
}

/**
 * The factors of dC/dw_jk for weight (layer, j, k), or of dC/db_j when k is omitted.
 * `label` makes the mse output's dC/da = 2(a - y) exact; without it y_j is read off the
 * sign of delta_j (a is strictly between 0 and 1, so a - y has the sign of delta).
 */
export function chainRule(
  net: Network,
  trace: ForwardTrace,
  delta: readonly ArrayLike<number>[],
  layer: number,
  j: number,
  k?: number | null,
  label?: number,
): ChainRuleFactors {
  const { sizes } = net.spec;
  const L = sizes.length - 1;
  if (!Number.isInteger(layer) || layer < 1 || layer > L) throw new RangeError(`layer ${layer} is not in 1..${L}`);
  if (!Number.isInteger(j) || j < 0 || j >= sizes[layer])
    throw new RangeError(`neuron ${j} is not in 0..${sizes[layer] - 1}`);
  const kk = k ?? null;
  if (kk !== null && (!Number.isInteger(kk) || kk < 0 || kk >= sizes[layer - 1])) {
    throw new RangeError(`input ${kk} is not in 0..${sizes[layer - 1] - 1}`);
  }
  const dzdw = kk === null ? 1 : trace.a[layer - 1][kk];
  const dCdz = delta[layer][j];
  const zj = trace.z[layer][j];
  if (layer === L) {
    const loss = LOSS_FUNCTIONS[net.spec.loss];
    if (loss.folded) {
      return { layer, j, k: kk, dzdw, dadz: null, dCda: null, dCdz, product: dzdw * dCdz, paths: null, folded: true };
    }
    const y = label !== undefined ? (label === j ? 1 : 0) : dCdz < 0 ? 1 : 0;
    // the mse output is a sigmoid; a from z in float64 (as backwardTrace), not the trace's float32 a
    const aj = sigmoid(zj);
    const dadz = aj * (1 - aj);
    const dCda = 2 * (aj - y);
    return { layer, j, k: kk, dzdw, dadz, dCda, dCdz, product: dzdw * dadz * dCda, paths: null, folded: false };
  }
  const act = ACTIVATION_FUNCTIONS[net.spec.activation];
  const dadz = act.derivative(zj);
  const n = sizes[layer];
  const w = layerOffsets(sizes).weights[layer + 1];
  const paths: ChainPath[] = [];
  let dCda = 0;
  for (let j2 = 0; j2 < sizes[layer + 1]; j2++) {
    const weight = net.params[w + j2 * n + j];
    const d = delta[layer + 1][j2];
    const term = weight * d;
    paths.push({ j2, weight, delta: d, term });
    dCda += term;
  }
  return { layer, j, k: kk, dzdw, dadz, dCda, dCdz, product: dzdw * dadz * dCda, paths, folded: false };
}
