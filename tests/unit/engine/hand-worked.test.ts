/**
 * A 2-2-2 sigmoid + mse network worked by hand. Every number below was computed with
 * the formulas in the comments (sigma(z) = 1/(1+e^-z), C = sum_j (a_j - y_j)^2), not
 * with the engine.
 */
import { describe, expect, it } from 'vitest';
import {
  backwardTrace,
  chainRule,
  exampleGradient,
  forwardTrace,
  lossAndGradient,
  type Network,
} from '../../../src/engine';

// params layout: W1 [[w00, w01], [w10, w11]], b1, W2, b2
//   W1 = [[0.5, -1], [1, 2]], b1 = [0, -1], W2 = [[1, -1], [2, 0]], b2 = [0.25, -1]
const net: Network = {
  spec: { sizes: [2, 2, 2], activation: 'sigmoid', loss: 'mse', seed: 0 },
  params: new Float32Array([0.5, -1, 1, 2, 0, -1, 1, -1, 2, 0, 0.25, -1]),
};
const x = new Float32Array([1, 0.5]);
const label = 1; // y = [0, 1]

// Layer 1: z1_0 = 0.5*1 + (-1)*0.5 + 0 = 0;  z1_1 = 1*1 + 2*0.5 - 1 = 1
//          a1_0 = sigma(0) = 0.5;          a1_1 = sigma(1) = 1/(1+e^-1) = 0.7310585786300049
// Layer 2: z2_0 = 1*0.5 + (-1)*0.7310585786 + 0.25 = 0.0189414213699951
//          z2_1 = 2*0.5 + 0*0.7310585786 - 1 = 0
//          a2_0 = sigma(0.0189414213699951) = 0.5047352137693545;  a2_1 = sigma(0) = 0.5
// Cost:    C = (0.5047352137693545 - 0)^2 + (0.5 - 1)^2 = 0.254757636018796 + 0.25 = 0.504757636018796
// Output deltas, delta = 2(a - y) sigma'(z), sigma'(z) = a(1 - a):
//   delta2_0 = 2*0.5047352138 * 0.5047352138*0.4952647862 = 1.0094704275 * 0.2499775783 = 0.2523449722869472
//   delta2_1 = 2*(0.5 - 1) * 0.5*0.5 = -1 * 0.25 = -0.25
// Hidden: dC/da1_k = sum_j w2_jk delta2_j (sum over paths)
//   dC/da1_0 = 1*0.2523449723 + 2*(-0.25) = -0.2476550277130528
//   dC/da1_1 = (-1)*0.2523449723 + 0*(-0.25) = -0.2523449722869472
//   delta1_0 = -0.2476550277 * 0.5*0.5 = -0.0619137569282632
//   delta1_1 = -0.2523449723 * 0.7310585786*0.2689414214 = -0.2523449723 * 0.1966119332 = -0.04961403284510484
// Gradient: dC/dw_jk = a_k delta_j, dC/db_j = delta_j
//   W1: [[-0.0619137569*1, -0.0619137569*0.5], [-0.0496140328*1, -0.0496140328*0.5]]
//     = [[-0.0619137569282632, -0.0309568784641316], [-0.04961403284510484, -0.02480701642255242]]
//   b1: [-0.0619137569282632, -0.04961403284510484]
//   W2: [[0.2523449723*0.5, 0.2523449723*0.7310585786], [-0.25*0.5, -0.25*0.7310585786]]
//     = [[0.1261724861434736, 0.18447895676452358], [-0.125, -0.18276464465750122]]
//   b2: [0.2523449722869472, -0.25]
const expectedGrad = [
  -0.0619137569282632, -0.0309568784641316, -0.04961403284510484, -0.02480701642255242, -0.0619137569282632,
  -0.04961403284510484, 0.1261724861434736, 0.18447895676452358, -0.125, -0.18276464465750122, 0.2523449722869472,
  -0.25,
];

describe('hand-worked 2-2-2 sigmoid + mse example', () => {
  it('forward trace', () => {
    const t = forwardTrace(net, x);
    expect(Array.from(t.a[0])).toEqual([1, 0.5]);
    expect(t.z[1][0]).toBeCloseTo(0, 7);
    expect(t.z[1][1]).toBeCloseTo(1, 7);
    expect(t.a[1][1]).toBeCloseTo(0.7310585786300049, 7);
    expect(t.z[2][0]).toBeCloseTo(0.0189414213699951, 7);
    expect(t.a[2][0]).toBeCloseTo(0.5047352137693545, 7);
    expect(t.a[2][1]).toBeCloseTo(0.5, 7);
  });

  it('deltas and cost', () => {
    const { delta, cost } = backwardTrace(net, forwardTrace(net, x), label);
    expect(cost).toBeCloseTo(0.504757636018796, 6);
    expect(delta[2][0]).toBeCloseTo(0.2523449722869472, 7);
    expect(delta[2][1]).toBeCloseTo(-0.25, 7);
    expect(delta[1][0]).toBeCloseTo(-0.0619137569282632, 7);
    expect(delta[1][1]).toBeCloseTo(-0.04961403284510484, 7);
  });

  it('gradient, by the lesson path and by the contract', () => {
    const lesson = exampleGradient(net, x, label);
    const batch = lossAndGradient(net, x, new Uint8Array([label]), 1);
    expect(batch.loss).toBeCloseTo(0.504757636018796, 6);
    expectedGrad.forEach((g, i) => {
      expect(lesson.grad[i]).toBeCloseTo(g, 7);
      expect(batch.grad[i]).toBeCloseTo(g, 7);
    });
  });

  it("chain-rule factors of the lecture: dC/dw2_01 = a1_1 * sigma'(z2_0) * 2(a2_0 - y_0)", () => {
    const { trace, delta } = exampleGradient(net, x, label);
    const f = chainRule(net, trace, delta, 2, 0, 1, label);
    expect(f.dzdw).toBeCloseTo(0.7310585786300049, 7); // a1_1
    expect(f.dadz).toBeCloseTo(0.2499775783, 7); // 0.5047352138 * 0.4952647862
    expect(f.dCda).toBeCloseTo(1.009470427538709, 6); // 2 * 0.5047352138
    expect(f.product).toBeCloseTo(0.18447895676452358, 7);
    // hidden weight w1_10 (from x_0 to neuron 1): paths through both outputs
    const h = chainRule(net, trace, delta, 1, 1, 0);
    expect(h.paths!.map((p) => p.term)).toEqual([expect.closeTo(-0.2523449723, 7), expect.closeTo(0, 7)]);
    expect(h.dCda).toBeCloseTo(-0.2523449722869472, 7);
    expect(h.product).toBeCloseTo(-0.04961403284510484, 7);
  });
});
