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
