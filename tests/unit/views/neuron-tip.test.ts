import { describe, expect, it } from 'vitest';
import { createNetwork, DEFAULT_SPEC, exampleGradient, forwardTrace, paramIndex } from '../../../src/engine';
import { signed } from '../../../src/protocol/numbers';
import { edgeTip, neuronTip, tipSizer, weightedInput } from '../../../src/views/network/neuron-tip';

const net = createNetwork({ ...DEFAULT_SPEC, seed: 3 });
const input = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 11 === 0 ? ((i * 13) % 255) / 255 : 0));

it('gives each neuron’s z as the engine’s forward pass computes it', () => {
  const t = forwardTrace(net, input);
  for (const [l, j] of [
    [1, 0],
    [1, 15],
    [2, 7],
    [3, 4],
  ]) {
    const z = weightedInput(net.spec.sizes, net.params, t.a, l, j);
    expect(Math.abs(z - t.z[l][j])).toBeLessThan(1e-5 * Math.max(1, Math.abs(t.z[l][j])));
  }
});

it('names the neuron and writes z, a and the wish −∂C/∂z = −δ of the example stepped', () => {
  const g = exampleGradient(net, input, 4);
  const a = g.trace.a;
  const wishes = g.delta.map((d) => (d ? Float32Array.from(d, (v) => -v) : null));
  const tip = neuronTip(net.spec.sizes, net.params, a, wishes, { layer: 3, index: 4 })!;
  expect(tip[0]).toBe('output 4 (digit 4)');
  expect(tip[1]).toMatch(/^z = [−\d.×⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+, a = [\d.×⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
  // the true digit's output wants to rise
  expect(tip[2]).toMatch(/^wish −∂C\/∂z = \+/);
  expect(neuronTip(net.spec.sizes, net.params, a, null, { layer: 2, index: 3 })).toHaveLength(2);
  expect(neuronTip(net.spec.sizes, net.params, a, null, { layer: 0, index: 30 })![0]).toBe('pixel 30 (row 1, col 2)');
  expect(neuronTip(net.spec.sizes, net.params, a, null, { layer: 2, index: 16 })).toBeNull();
});

it('measures the tip again only when its text changes shape, or after it was hidden', () => {
  let measured = 0;
  const size = tipSizer(() => ({ width: 100 + measured++, height: 40 }));
  expect(size('a = 0.512\nz = −1.20')).toEqual({ width: 100, height: 40 });
  // new numbers of the same length: the box is the same (tabular digits), no layout asked
  expect(size('a = 0.734\nz = −3.08')).toEqual({ width: 100, height: 40 });
  expect(measured).toBe(1);
  // a longer number, or a sign, changes the shape
  expect(size('a = 0.734\nz = −13.08').width).toBe(101);
  expect(size('a = 0.734\nz = 13.08').width).toBe(102);
  size(null);
  size('a = 0.734\nz = 13.08');
  expect(measured).toBe(4);
});

describe('edgeTip: the edge under the mouse', () => {
  const sizes = [784, 16, 16, 10];
  const params = Float32Array.from({ length: 13_002 }, (_, i) => ((i % 13) - 6) / 10);

  it('names the weight with its value from the params and its two ends', () => {
    const i = paramIndex({ sizes }, 3, 4, 11);
    expect(edgeTip(sizes, params, { layer: 3, to: 4, from: 11 })).toEqual([
      `w⁽³⁾₄,₁₁ = ${signed(params[i], 3)}`,
      'layer 2, neuron 11 → output 4',
      'click: its chain rule',
    ]);
    expect(edgeTip(sizes, params, { layer: 1, to: 2, from: 300 })![1]).toBe('pixel 300 → layer 1, neuron 2');
  });

  it('says nothing of an edge the sizes lack', () => {
    expect(edgeTip(sizes, params, { layer: 4, to: 0, from: 0 })).toBeNull();
    expect(edgeTip(sizes, params, { layer: 3, to: 10, from: 0 })).toBeNull();
    expect(edgeTip(sizes, params, { layer: 2, to: 0, from: 16 })).toBeNull();
  });
});
