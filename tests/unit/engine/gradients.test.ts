/** lossAndGradient against central finite differences of an independent float64 reference. */
import { describe, expect, it } from 'vitest';
import {
  createNetwork,
  describeParam,
  exampleGradient,
  lossAndGradient,
  paramCount,
  predict,
  type Activation,
  type Loss,
  type NetworkSpec,
} from '../../../src/engine';
import { loadMnist } from '../../helpers/mnist';
import { finiteDifference, referenceMeanCost, referenceOutput, testRandom } from './reference';

const ACTIVATIONS: Activation[] = ['sigmoid', 'relu', 'tanh'];
const LOSSES: Loss[] = ['mse', 'binary-ce', 'categorical-ce'];

/** |g - fd| within float32-grade tolerance. */
function expectClose(g: number, fd: number, what: string): void {
  const tol = 2e-6 + 2e-4 * Math.abs(fd);
  if (!(Math.abs(g - fd) <= tol))
    expect.fail(`${what}: engine ${g}, finite difference ${fd}, |diff| ${Math.abs(g - fd)} > ${tol}`);
}

function randomBatch(seed: number, n0: number, count: number, classes: number, sparse = false) {
  const rnd = testRandom(seed);
  const inputs = new Float32Array(count * n0);
  for (let i = 0; i < inputs.length; i++) inputs[i] = sparse && rnd() < 0.3 ? 0 : rnd();
  const labels = new Uint8Array(count);
  for (let e = 0; e < count; e++) labels[e] = Math.floor(rnd() * classes);
  return { inputs, labels };
}

describe('gradient = finite differences (float64 reference), small nets, every parameter', () => {
  for (const activation of ACTIVATIONS) {
    for (const loss of LOSSES) {
      it(`${activation} + ${loss}, 5-4-3-3`, () => {
        const spec: NetworkSpec = { sizes: [5, 4, 3, 3], activation, loss, seed: 7 };
        const net = createNetwork(spec);
        // biases are 0 at creation; make them nonzero so their gradients are tested in general position
        for (let i = 0; i < net.params.length; i++) net.params[i] += Math.fround(0.1 * Math.sin(i * 1.7));
        const { inputs, labels } = randomBatch(3, 5, 6, 3, true);
        const { loss: cost, grad } = lossAndGradient(net, inputs, labels, 6);
        expect(grad.length).toBe(paramCount(spec));
        expect(cost).toBeCloseTo(referenceMeanCost(spec, net.params, inputs, labels, 6), 6);
        for (let i = 0; i < grad.length; i++) {
          const d = describeParam(spec, i);
          expectClose(
            grad[i],
            finiteDifference(spec, net.params, inputs, labels, 6, i),
            `param ${i} (${JSON.stringify(d)})`,
          );
        }
      });
    }
  }

  it('a deeper, wider net (3-20-7-5-4), relu + categorical-ce, exercising the 16-wide and 4-wide blocks', () => {
    const spec: NetworkSpec = { sizes: [3, 20, 7, 5, 4], activation: 'relu', loss: 'categorical-ce', seed: 11 };
    const net = createNetwork(spec);
    for (let i = 0; i < net.params.length; i++) net.params[i] += Math.fround(0.05 * Math.cos(i));
    const { inputs, labels } = randomBatch(5, 3, 5, 4);
    const { grad } = lossAndGradient(net, inputs, labels, 5);
    for (let i = 0; i < grad.length; i++)
      expectClose(grad[i], finiteDifference(spec, net.params, inputs, labels, 5, i), `param ${i}`);
  });

  it('a net with no hidden layer (4-3), sigmoid + binary-ce', () => {
    const spec: NetworkSpec = { sizes: [4, 3], activation: 'sigmoid', loss: 'binary-ce', seed: 2 };
    const net = createNetwork(spec);
    const { inputs, labels } = randomBatch(9, 4, 3, 3);
    const { grad } = lossAndGradient(net, inputs, labels, 3);
    for (let i = 0; i < grad.length; i++)
      expectClose(grad[i], finiteDifference(spec, net.params, inputs, labels, 3, i), `param ${i}`);
  });
});

describe('784-16-16-10 on real MNIST images, a sample of the 13,002 parameters', () => {
  const { train } = loadMnist();
  const count = 8;
  const inputs = new Float32Array(count * 784);
  for (let i = 0; i < inputs.length; i++) inputs[i] = train.images[i] / 255;
  const labels = train.labels.slice(0, count);

  for (const [activation, loss] of [
    ['relu', 'categorical-ce'],
    ['sigmoid', 'mse'],
    ['tanh', 'binary-ce'],
  ] as [Activation, Loss][]) {
    it(`${activation} + ${loss}: ~100 sampled parameters`, () => {
      const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation, loss, seed: 3 };
      const net = createNetwork(spec);
      for (let i = 0; i < net.params.length; i++) net.params[i] += Math.fround(0.02 * Math.sin(i));
      expect(paramCount(spec)).toBe(13_002);
      const { grad } = lossAndGradient(net, inputs, labels, count);
      const rnd = testRandom(42);
      const sample = new Set<number>();
      // layer-1 weights on pixels that are lit in some example (the others have gradient 0)
      while (sample.size < 40) {
        const i = Math.floor(rnd() * 784 * 16);
        const k = i % 784;
        let lit = false;
        for (let e = 0; e < count; e++) if (inputs[e * 784 + k] !== 0) lit = true;
        if (lit) sample.add(i);
      }
      while (sample.size < 100) sample.add(Math.floor(rnd() * 13_002));
      let nonzero = 0;
      for (const i of sample) {
        const fd = finiteDifference(spec, net.params, inputs, labels, count, i, 1e-4);
        if (Math.abs(fd) > 1e-6) nonzero++;
        expectClose(grad[i], fd, `param ${i} (${JSON.stringify(describeParam(spec, i))})`);
      }
      expect(nonzero).toBeGreaterThan(50);
    });
  }

  it('a first hidden layer that is not a multiple of eight (784-21-10): the 784-pixel path and the rest agree with the reference', () => {
    const spec: NetworkSpec = { sizes: [784, 21, 10], activation: 'sigmoid', loss: 'categorical-ce', seed: 9 };
    const net = createNetwork(spec);
    for (let i = 0; i < net.params.length; i++) net.params[i] += Math.fround(0.05 * Math.sin(i)); // biases not 0
    const out = predict(net, inputs, count);
    for (let e = 0; e < count; e++) {
      const ref = referenceOutput(spec, net.params, inputs.subarray(e * 784, (e + 1) * 784));
      for (let j = 0; j < 10; j++) expect(out[e * 10 + j]).toBeCloseTo(ref[j], 6);
    }
    const { grad } = lossAndGradient(net, inputs, labels, count);
    // weights of neurons 0, 7 and 8 (the 784-pixel blocks) and 16, 20 (the rest) on lit pixels, and their biases
    const lit = [...Array(784).keys()].filter((k) => inputs[k] !== 0).slice(0, 4);
    for (const j of [0, 7, 8, 16, 20]) {
      for (const k of lit) {
        const i = j * 784 + k;
        expectClose(grad[i], finiteDifference(spec, net.params, inputs, labels, count, i, 1e-4), `w1[${j}][${k}]`);
      }
      const b = 784 * 21 + j;
      expectClose(grad[b], finiteDifference(spec, net.params, inputs, labels, count, b, 1e-4), `b1[${j}]`);
    }
  });

  it('predict and exampleGradient agree with the reference and lossAndGradient', () => {
    const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'tanh', loss: 'categorical-ce', seed: 5 };
    const net = createNetwork(spec);
    const out = predict(net, inputs, count);
    for (let e = 0; e < count; e++) {
      const ref = referenceOutput(spec, net.params, inputs.subarray(e * 784, (e + 1) * 784));
      for (let j = 0; j < 10; j++) expect(out[e * 10 + j]).toBeCloseTo(ref[j], 6);
    }
    const x = inputs.subarray(0, 784);
    const one = lossAndGradient(net, x, labels, 1);
    const lesson = exampleGradient(net, x.slice(), labels[0]);
    expect(lesson.cost).toBeCloseTo(one.loss, 5);
    for (let i = 0; i < one.grad.length; i++) {
      expect(Math.abs(lesson.grad[i] - one.grad[i])).toBeLessThan(1e-5 + 1e-4 * Math.abs(one.grad[i]));
    }
  });
});

describe('numerical safety', () => {
  it('cross-entropy costs stay finite when outputs saturate', () => {
    for (const loss of ['binary-ce', 'categorical-ce'] as Loss[]) {
      const spec: NetworkSpec = { sizes: [2, 3], activation: 'relu', loss, seed: 1 };
      const net = createNetwork(spec);
      net.params.set([500, 0, -500, 0, 0, 500, 0, 0, 0]);
      // example 0 pushes output 0 to z = 500 but its label is 1: the right answer has a ~ e^-500
      const { loss: cost, grad } = lossAndGradient(net, new Float32Array([1, 0]), new Uint8Array([1]), 1);
      expect(Number.isFinite(cost)).toBe(true);
      expect(cost).toBeGreaterThan(400);
      expect(grad.every(Number.isFinite)).toBe(true);
    }
  });

  it('a call after others gives the same gradient as alone: no column of an earlier batch’s pixels is left over', () => {
    const spec: NetworkSpec = { sizes: [30, 8, 4], activation: 'relu', loss: 'categorical-ce', seed: 2 };
    const net = createNetwork(spec);
    const a = randomBatch(11, 30, 4, 4, true);
    const b = randomBatch(12, 30, 4, 4, true);
    // b's pixels: some that a has and b has not (so a stale column would show)
    const alone = lossAndGradient(net, b.inputs, b.labels, 4).grad;
    lossAndGradient(net, a.inputs, a.labels, 4);
    const after = lossAndGradient(net, b.inputs, b.labels, 4).grad;
    expect(Array.from(after)).toEqual(Array.from(alone));
    // and after a call that threw half way (a bad label after good examples)
    const bad = Uint8Array.from(a.labels);
    bad[3] = 9;
    expect(() => lossAndGradient(net, a.inputs, bad, 4)).toThrow(/label 9/);
    expect(Array.from(lossAndGradient(net, b.inputs, b.labels, 4).grad)).toEqual(Array.from(alone));
    // and against finite differences of the reference, every parameter
    for (let i = 0; i < after.length; i++)
      expectClose(after[i], finiteDifference(spec, net.params, b.inputs, b.labels, 4, i), `param ${i}`);
  });

  it('a gradient that would break is caught by shape checks', () => {
    const net = createNetwork({ sizes: [4, 2], activation: 'relu', loss: 'mse', seed: 1 });
    expect(() => lossAndGradient(net, new Float32Array(4), new Uint8Array([0, 1]), 2)).toThrow(/inputs hold 4/);
    expect(() => lossAndGradient(net, new Float32Array(4), new Uint8Array([5]), 1)).toThrow(/label 5/);
  });
});
