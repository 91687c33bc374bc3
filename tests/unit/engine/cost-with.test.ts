import { describe, expect, it } from 'vitest';
import { costWith, createNetwork, exampleGradient, paramIndex, type Activation, type Loss } from '../../../src/engine';
import { loadMnist } from '../../helpers/mnist';

const CASES: [Activation, Loss][] = [
  ['sigmoid', 'mse'],
  ['relu', 'categorical-ce'],
  ['tanh', 'binary-ce'],
];

describe('costWith (the chain-rule panel’s finite difference)', () => {
  const { train } = loadMnist();
  const input = Float32Array.from(train.images.subarray(0, 784), (v) => v / 255);
  const label = train.labels[0];

  for (const [activation, loss] of CASES) {
    it(`${activation} + ${loss}: is the example's cost, and its central difference is the gradient, first layer included`, () => {
      const net = createNetwork({ sizes: [784, 16, 16, 10], activation, loss, seed: 3 });
      const { cost, grad } = exampleGradient(net, input, label);
      expect(costWith(net, input, label, 0, net.params[0])).toBeCloseTo(cost, 5);
      const pixels = [...input.keys()].filter((p) => input[p] > 0.5).slice(0, 6);
      const indices = [
        ...pixels.map((p, i) => paramIndex(net.spec, 1, i, p)),
        paramIndex(net.spec, 2, 4, 7),
        paramIndex(net.spec, 3, label, 2),
      ];
      const h = 1e-4;
      let checked = 0;
      for (const i of indices) {
        const fd =
          (costWith(net, input, label, i, net.params[i] + h) - costWith(net, input, label, i, net.params[i] - h)) /
          (2 * h);
        if (grad[i] === 0) continue; // a ReLU that is off: nothing to compare
        expect(Math.abs(fd - grad[i]), `parameter ${i}`).toBeLessThanOrEqual(1e-3 * Math.abs(grad[i]) + 1e-9);
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(4);
    });
  }
});
