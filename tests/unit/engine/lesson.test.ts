/** Nudges, layer wishes and chain-rule factors agree with the gradient (finite differences for dC/da). */
import { describe, expect, it } from 'vitest';
import {
  biasIndex,
  chainRule,
  createNetwork,
  exampleGradient,
  layerWishes,
  neuronNudges,
  paramIndex,
  type Activation,
  type Loss,
  type NetworkSpec,
} from '../../../src/engine';
import { referenceOutput, testRandom } from './reference';

const PAIRS: [Activation, Loss][] = [];
for (const a of ['sigmoid', 'relu', 'tanh'] as Activation[])
  for (const l of ['mse', 'binary-ce', 'categorical-ce'] as Loss[]) PAIRS.push([a, l]);

function setup(activation: Activation, loss: Loss) {
  const spec: NetworkSpec = { sizes: [6, 5, 4, 3], activation, loss, seed: 13 };
  const net = createNetwork(spec);
  for (let i = 0; i < net.params.length; i++) net.params[i] += Math.fround(0.1 * Math.sin(3 * i));
  const rnd = testRandom(17);
  const input = new Float32Array(6).map(() => rnd());
  const label = 2;
  return { spec, net, input, label, ...exampleGradient(net, input, label) };
}

/** dC/da_k of a hidden layer by finite differences: perturb a_k and run the remaining layers in float64. */
function dCdaByFiniteDifference(
  spec: NetworkSpec,
  params: Float32Array,
  a: Float32Array,
  layer: number,
  k: number,
  label: number,
): number {
  // the layers after `layer` form a network of their own with input a^(layer)
  const sub: NetworkSpec = { ...spec, sizes: spec.sizes.slice(layer) };
  let skip = 0;
  for (let l = 1; l <= layer; l++) skip += spec.sizes[l] * spec.sizes[l - 1] + spec.sizes[l];
  const p = Float64Array.from(params.subarray(skip));
  const cost = (x: Float64Array) => {
    const out = referenceOutput(sub, p, x);
    if (spec.loss === 'categorical-ce') return -Math.log(out[label]);
    if (spec.loss === 'mse') return out.reduce((s, o, j) => s + (o - (j === label ? 1 : 0)) ** 2, 0);
    return -out.reduce((s, o, j) => s + (j === label ? Math.log(o) : Math.log(1 - o)), 0);
  };
  const h = 1e-6;
  const plus = Float64Array.from(a);
  plus[k] += h;
  const minus = Float64Array.from(a);
  minus[k] -= h;
  return (cost(plus) - cost(minus)) / (2 * h);
}

describe('nudges', () => {
  for (const [activation, loss] of PAIRS) {
    it(`${activation} + ${loss}: bias and weight nudges are minus the gradient`, () => {
      const { spec, net, trace, delta, grad } = setup(activation, loss);
      for (let layer = 1; layer <= 3; layer++) {
        for (let j = 0; j < spec.sizes[layer]; j++) {
          const n = neuronNudges(net, trace, delta, layer, j);
          expect(n.bias).toBeCloseTo(-grad[biasIndex(spec, layer, j)], 7);
          expect(n.desired).toBe(n.bias);
          for (let k = 0; k < spec.sizes[layer - 1]; k++) {
            expect(n.weights[k]).toBeCloseTo(-grad[paramIndex(spec, layer, j, k)], 7);
            // "in proportion to w": the share asked of a_k is -w_jk delta_j
            expect(n.activations[k]).toBeCloseTo(-net.params[paramIndex(spec, layer, j, k)] * delta[layer][j], 7);
          }
        }
      }
    });

    it(`${activation} + ${loss}: layer wishes = -dC/da of the previous layer (finite differences), = the sum of the neurons' shares`, () => {
      const { spec, net, trace, delta, label } = setup(activation, loss);
      for (let layer = 2; layer <= 3; layer++) {
        const wishes = layerWishes(net, delta, layer);
        expect(wishes.length).toBe(spec.sizes[layer - 1]);
        for (let k = 0; k < spec.sizes[layer - 1]; k++) {
          const fd = dCdaByFiniteDifference(spec, net.params, trace.a[layer - 1], layer - 1, k, label);
          expect(Math.abs(wishes[k] + fd)).toBeLessThan(1e-5 + 1e-4 * Math.abs(fd));
          let sum = 0;
          for (let j = 0; j < spec.sizes[layer]; j++) sum += neuronNudges(net, trace, delta, layer, j).activations[k];
          expect(wishes[k]).toBeCloseTo(sum, 6);
        }
      }
    });
  }
});

describe('summed wishes that cancel', () => {
  it('keep their digits where the terms cancel to a hundred-millionth of their size (the deltas are float64)', () => {
    // 1-1-2, sigmoid + mse, label 0: the two outputs' deltas are equal and opposite when z_1 = -z_0
    // (2(a - 1)a(1 - a) at z against 2a'·a'(1 - a') at -z, a' = 1 - a), and both weights from the
    // hidden neuron are 1, so its summed wish -(δ₀ + δ₁) is only what float32 left of z_0 + z_1
    const spec: NetworkSpec = { sizes: [1, 1, 2], activation: 'sigmoid', loss: 'mse', seed: 1 };
    const net = createNetwork(spec);
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const [wh, bh, b0] = [0.7, 0.1, 0.3].map(Math.fround);
    const input = Float32Array.of(0.5);
    const ah = sigma(bh + wh * input[0]);
    const b1 = Math.fround(-2 * ah - b0);
    net.params.set([wh, bh, 1, 1, b0, b1]);
    // the reference, in float64 from the same float32 parameters
    const z = [b0 + 1 * ah, b1 + 1 * ah];
    const a = z.map(sigma);
    const d = [2 * (a[0] - 1) * a[0] * (1 - a[0]), 2 * a[1] * a[1] * (1 - a[1])];
    const expected = -(1 * d[0] + 1 * d[1]);
    expect(Math.abs(expected)).toBeLessThan(1e-6 * Math.abs(d[0]));
    expect(Math.abs(expected)).toBeGreaterThan(0);
    const { delta } = exampleGradient(net, input, 0);
    // (float32 deltas, each off by up to 6×10⁻⁸ of itself, gave the sum wrong from its first digit)
    expect(Math.abs(layerWishes(net, delta, 2)[0] - expected)).toBeLessThan(1e-3 * Math.abs(expected));
  });
});

describe('chain rule', () => {
  for (const [activation, loss] of PAIRS) {
    it(`${activation} + ${loss}: product = gradient entry for every weight and bias; paths sum to dC/da`, () => {
      const { spec, net, trace, delta, grad, label } = setup(activation, loss);
      for (let layer = 1; layer <= 3; layer++) {
        for (let j = 0; j < spec.sizes[layer]; j++) {
          for (let k = -1; k < spec.sizes[layer - 1]; k++) {
            const f = chainRule(net, trace, delta, layer, j, k < 0 ? undefined : k, label);
            const g = grad[k < 0 ? biasIndex(spec, layer, j) : paramIndex(spec, layer, j, k)];
            expect(Math.abs(f.product - g)).toBeLessThan(1e-7 + 1e-5 * Math.abs(g));
            expect(f.dzdw).toBe(k < 0 ? 1 : trace.a[layer - 1][k]);
            expect(f.dCdz).toBe(delta[layer][j]);
            if (layer === 3) {
              expect(f.paths).toBeNull();
              if (loss === 'mse') {
                expect(f.folded).toBe(false);
                expect(f.dCda).toBeCloseTo(2 * (trace.a[3][j] - (j === label ? 1 : 0)), 6);
                expect(f.dadz).toBeCloseTo(trace.a[3][j] * (1 - trace.a[3][j]), 6);
                // without the label, y is read off the sign of delta
                expect(chainRule(net, trace, delta, layer, j, k < 0 ? undefined : k).dCda).toBeCloseTo(f.dCda!, 6);
              } else {
                expect(f.folded).toBe(true);
                expect(f.dadz).toBeNull();
                expect(f.dCda).toBeNull();
                expect(f.dCdz).toBeCloseTo(trace.a[3][j] - (j === label ? 1 : 0), 6);
              }
            } else {
              expect(f.paths!.length).toBe(spec.sizes[layer + 1]);
              const sum = f.paths!.reduce((s, p) => s + p.term, 0);
              expect(f.dCda).toBeCloseTo(sum, 10);
              const fd = dCdaByFiniteDifference(spec, net.params, trace.a[layer], layer, j, label);
              expect(Math.abs(f.dCda! - fd)).toBeLessThan(1e-5 + 1e-4 * Math.abs(fd));
              expect(f.dadz! * f.dCda!).toBeCloseTo(delta[layer][j], 6);
            }
          }
        }
      }
    });
  }
});

describe('saturated neurons (a within float32 rounding of its bound)', () => {
  // 1-1-1: z1 = w1 x + b1, a1 = f(z1); z2 = w2 a1 + b2; mse output a2 = sigmoid(z2); input x = 1, label 0 (y = 1)
  function saturated(activation: Activation, z1: number, z2: number) {
    const spec: NetworkSpec = { sizes: [1, 1, 1], activation, loss: 'mse', seed: 1 };
    const net = createNetwork(spec);
    // params layout: w1, b1, w2, b2
    net.params.set([Math.fround(z1), 0, 0.5, Math.fround(z2)]);
    const input = Float32Array.of(1);
    return { net, input, ...exampleGradient(net, input, 0) };
  }

  it("takes f'(z) of a saturated tanh or sigmoid hidden neuron from z, in float64", () => {
    for (const [activation, f, fPrime] of [
      // 1 / cosh^2: 1 - tanh^2 is itself rounding noise at z = 17.5 (tanh = 1 - 1.3e-15)
      ['tanh', Math.tanh, (z: number) => 1 / Math.cosh(z) ** 2],
      ['sigmoid', (z: number) => 1 / (1 + Math.exp(-z)), (z: number) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2],
    ] as const) {
      // z = 8.514: tanh' = 1.61e-7, but 1 - a^2 of the float32 a is 1.19e-7; at 17.5, 2.5e-15 against 0
      for (const z1 of [8.514, 17.5, 40]) {
        const { net, trace, delta, grad } = saturated(activation, z1, 0.3);
        const z = Math.fround(z1);
        const a2 = 1 / (1 + Math.exp(-(0.5 * f(z) + Math.fround(0.3))));
        const delta2 = 2 * (a2 - 1) * a2 * (1 - a2);
        const expected = 0.5 * delta2 * fPrime(z);
        expect(delta[1][0] / expected, `${activation} z ${z1}`).toBeCloseTo(1, 5);
        expect(grad[0] / expected).toBeCloseTo(1, 5);
        const factors = chainRule(net, trace, delta, 1, 0, 0, 0);
        expect(factors.dadz! / fPrime(z)).toBeCloseTo(1, 6);
        expect(factors.product / expected).toBeCloseTo(1, 5);
      }
    }
  });

  it('takes an mse output pushed to a = 0 as dC/da = 2(a - y) = -2 with the label given', () => {
    // z2 = -133.6: a2 = 9.5e-59 is 0 in float32, so delta = -0 and y could not be read off its sign
    const { net, trace, delta } = saturated('relu', 1, -133.6);
    const f = chainRule(net, trace, delta, 2, 0, 0, 0);
    expect(f.dCda).toBeCloseTo(-2, 12);
    const a2 = 1 / (1 + Math.exp(-(0.5 + Math.fround(-133.6))));
    expect(f.dadz! / (a2 * (1 - a2))).toBeCloseTo(1, 4);
  });
});
