/**
 * Cases a mutation review found no test for (a helper changed one thing at a time in the engine,
 * and these changes passed every test): the first layer's neurons past a multiple of eight, an
 * eighth neuron beside seven silent ones, the "no gradient reached the first layer" flag, the
 * last smaller batch's weight in an epoch's cost, and the edges of the activations and losses.
 */
import { describe, expect, it } from 'vitest';
import {
  BatchTrainer,
  biasIndex,
  costWith,
  principalPlane,
  projectOntoPlane,
  raceOptimisers,
  stuckNeurons,
  createNetwork,
  evaluate,
  exampleGradient,
  lossAndGradient,
  SIGMOID,
  RELU,
  softplus,
  type NetworkSpec,
} from '../../../src/engine';
import { byteData, floats } from './byte-data';
import { testRandom } from './reference';

describe('a first layer of 20 neurons (two blocks of eight, then four on their own)', () => {
  const spec: NetworkSpec = { sizes: [784, 20, 10], activation: 'relu', loss: 'categorical-ce', seed: 4 };

  it('plain SGD moves every weight, the last four neurons’ too, by −α × the mean gradient', () => {
    const data = byteData(12, 784, 10, 21);
    const net = createNetwork(spec);
    const trainer = new BatchTrainer(net, data);
    const batch = [0, 1, 2, 3, 4, 5];
    const before = net.params.slice();
    const { inputs, labels } = floats(data, batch, 784);
    const ref = lossAndGradient(net, inputs, labels, batch.length);
    trainer.trainBatch(batch, 0, batch.length, 0.5, 0);
    let tail = 0;
    for (let i = 0; i < before.length; i++) {
      expect(net.params[i]).toBe(Math.fround(before[i] - 0.5 * ref.grad[i]));
      // a weight of neurons 16-19 that moved
      const j = Math.floor(i / 784);
      if (i < 20 * 784 && j >= 16 && ref.grad[i] !== 0) tail++;
    }
    expect(tail).toBeGreaterThan(100);
  });

  it('momentum: v ← μv + g and θ ← θ − αv for the last four neurons as for the first sixteen', () => {
    const data = byteData(12, 784, 10, 22);
    const net = createNetwork(spec);
    const trainer = new BatchTrainer(net, data);
    const mu = 0.9;
    const lr = 0.3;
    const g1 = lossAndGradient(net, floats(data, [0, 1, 2], 784).inputs, data.labels.slice(0, 3), 3).grad;
    trainer.trainBatch([0, 1, 2], 0, 3, lr, mu);
    const v1 = Float64Array.from(trainer.velocity()!);
    // the first step's velocity is the gradient
    for (let i = 16 * 784; i < 20 * 784; i++) expect(v1[i]).toBeCloseTo(g1[i], 7);
    const theta1 = Float64Array.from(net.params);
    const g2 = lossAndGradient(net, floats(data, [3, 4, 5], 784).inputs, data.labels.slice(3, 6), 3).grad;
    trainer.trainBatch([3, 4, 5], 0, 3, lr, mu);
    const v2 = trainer.velocity()!;
    let checked = 0;
    for (let j = 16; j < 20; j++)
      for (let k = 0; k < 784; k++) {
        const i = j * 784 + k;
        if (v1[i] === 0) continue;
        expect(v2[i]).toBeCloseTo(mu * v1[i] + g2[i], 6);
        expect(net.params[i]).toBeCloseTo(theta1[i] - lr * (mu * v1[i] + g2[i]), 6);
        checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });
});

it('an eighth neuron that fires beside seven silent ones still gets its first-layer gradient', () => {
  // 30 inputs, 8 relu neurons: 0-6 pushed far below zero (off, δ = 0), 7 on
  const spec: NetworkSpec = { sizes: [30, 8, 4], activation: 'relu', loss: 'categorical-ce', seed: 3 };
  const net = createNetwork(spec);
  for (let j = 0; j < 7; j++) net.params[biasIndex(spec, 1, j)] = -100;
  net.params[biasIndex(spec, 1, 7)] = 5;
  const rnd = testRandom(9);
  const input = Float32Array.from({ length: 30 }, () => (rnd() < 0.3 ? 0 : rnd()));
  const { grad } = lossAndGradient(net, input, new Uint8Array([2]), 1);
  const ref = exampleGradient(net, input, 2).grad;
  let moved = 0;
  for (let k = 0; k < 30; k++) {
    expect(grad[7 * 30 + k]).toBeCloseTo(ref[7 * 30 + k], 6);
    if (ref[7 * 30 + k] !== 0) moved++;
  }
  expect(moved).toBeGreaterThan(10);
});

it('“the gradient reached the first layer” is asked afresh for every batch', () => {
  const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 };
  const data = byteData(8, 784, 10, 5);
  const net = createNetwork(spec);
  const trainer = new BatchTrainer(net, data);
  trainer.trainBatch([0, 1], 0, 2, 0.01, 0);
  trainer.accumulate(2);
  expect(trainer.batchReachedFirstLayer()).toBe(true);
  trainer.applyUpdate(0.01, 0);
  // every neuron of the second hidden layer off: nothing reaches the first
  for (let j = 0; j < 16; j++) net.params[biasIndex(spec, 2, j)] = -1000;
  trainer.reloadParams();
  trainer.accumulate(3);
  trainer.accumulate(4);
  expect(trainer.batchReachedFirstLayer()).toBe(false);
});

it('an epoch’s cost weighs its last, smaller batch by its examples (10 examples in batches of 4, 4, 2)', () => {
  const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'sigmoid', loss: 'mse', seed: 2 };
  const data = byteData(10, 784, 10, 6);
  const order = Uint32Array.from([3, 1, 4, 0, 9, 2, 6, 5, 8, 7]);
  const a = createNetwork(spec);
  const epochCost = new BatchTrainer(a, data).trainEpoch(order, 4, 0.5, 0);
  // the same updates one batch at a time: each example's cost with the weights of its batch
  const b = createNetwork(spec);
  const tb = new BatchTrainer(b, data);
  let sum = 0;
  for (const [s, e] of [
    [0, 4],
    [4, 8],
    [8, 10],
  ]) {
    const { inputs, labels } = floats(data, Array.from(order.subarray(s, e)), 784);
    sum += lossAndGradient(b, inputs, labels, e - s).loss * (e - s);
    tb.trainBatch(order, s, e, 0.5, 0);
  }
  expect(epochCost).toBeCloseTo(sum / 10, 6);
});

describe('the edges of the activations and losses', () => {
  it('σ′ is even and 0 far out on both sides (exp(−|z|), not exp(−z), which is ∞ below −709)', () => {
    const s = SIGMOID;
    expect(s.derivative(-5)).toBe(s.derivative(5));
    expect(s.derivative(-800)).toBe(0);
    expect(s.derivative(800)).toBe(0);
  });

  it('ReLU′(0) is 0 in the lesson and in the kernel alike (biases start at 0)', () => {
    expect(RELU.derivative(0)).toBe(0);
    const spec: NetworkSpec = { sizes: [6, 4, 3], activation: 'relu', loss: 'categorical-ce', seed: 5 };
    const net = createNetwork(spec);
    for (let i = 0; i < 6 * 4 + 4; i++) net.params[i] = 0; // W_1 and b_1: every z⁽¹⁾ exactly 0
    const input = Float32Array.from([0.2, 0.5, 0, 0.9, 0.1, 0.3]);
    const kernel = lossAndGradient(net, input, new Uint8Array([1]), 1).grad;
    const lesson = exampleGradient(net, input, 1).grad;
    for (let i = 0; i < 6 * 4 + 4; i++) {
      expect(kernel[i] === 0 && lesson[i] === 0, `parameter ${i}: ${kernel[i]}, ${lesson[i]}`).toBe(true);
    }
  });

  it('binary cross-entropy’s softplus stays finite where z is past exp’s range (its large-z branch)', () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(710)).toBeCloseTo(710, 10);
    expect(softplus(1)).toBeCloseTo(Math.log(1 + Math.E), 12);
  });

  it('outputs that tie are read as the first of them (all-zero weights read 0, as argmax does)', () => {
    const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 };
    const net = createNetwork(spec);
    net.params.fill(0);
    const data = byteData(20, 784, 10, 7);
    const { confusion } = evaluate(net, data);
    for (let t = 0; t < 10; t++)
      for (let p = 1; p < 10; p++) expect(confusion[t * 10 + p], `true ${t}, read ${p}`).toBe(0);
  });
});

describe('more edges (the same review)', () => {
  it('the finite difference reads its weight in float64: a step far under float32’s precision still moves the cost', () => {
    const net = createNetwork({ sizes: [784, 16, 16, 10], activation: 'sigmoid', loss: 'mse', seed: 3 });
    const input = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 255) / 255);
    const i = 12_544 + 16 + 3; // a weight of layer 2
    const w = net.params[i];
    // 1e-10 is lost when rounded to float32 (its spacing near 0.1 is about 7e-9)
    expect(Math.fround(w + 1e-10)).toBe(w);
    expect(costWith(net, input, 4, i, w + 1e-10)).not.toBe(costWith(net, input, 4, i, w));
  });

  it('a label past the last output is refused by the lesson, lossAndGradient and the trainer (not a NaN cost)', () => {
    const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 };
    const net = createNetwork(spec);
    const input = new Float32Array(784).fill(0.5);
    expect(() => exampleGradient(net, input, 10)).toThrow(/label 10 is not in 0..9/);
    expect(() => lossAndGradient(net, input, new Uint8Array([10]), 1)).toThrow(/label 10 of example 0/);
    const data = byteData(3, 784, 10, 2);
    data.labels[2] = 10;
    expect(() => new BatchTrainer(net, data)).toThrow(/label 10 of image 2/);
  });

  it('no examples: a cost of 0 and a zero gradient, not NaN', () => {
    const net = createNetwork({ sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 });
    const { loss, grad } = lossAndGradient(net, new Float32Array(0), new Uint8Array(0), 0);
    expect(loss).toBe(0);
    expect(grad.every((g) => g === 0)).toBe(true);
  });

  it('outputs of a ReLU network under mse at a ≈ 0.995 are not stuck: σ′ = 0.005 is over σ’s 1% of 1/4', () => {
    const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'mse', seed: 1 };
    const net = createNetwork(spec);
    for (let j = 0; j < 10; j++) {
      for (let k = 0; k < 16; k++) net.params[12_544 + 16 + 256 + 16 + j * 16 + k] = 0;
      net.params[biasIndex(spec, 3, j)] = Math.log(0.995 / 0.005);
    }
    expect(stuckNeurons(net, byteData(20, 784, 10, 3))[2]).toBe(0);
  });

  it('projects onto a plane whose directions are not unit vectors (β from the right Gram entry)', () => {
    const plane = {
      centre: new Float32Array(3),
      d1: Float64Array.from([2, 0, 0]),
      d2: Float64Array.from([0, 1, 0]),
    };
    const at = projectOntoPlane(plane, [2, 3, 0]);
    expect(at.alpha).toBeCloseTo(1, 12);
    expect(at.beta).toBeCloseTo(3, 12);
    expect(at.distance).toBeCloseTo(0, 12);
  });

  it('the path’s PCA, mean-centred, leaves out the direction every point shares', () => {
    // every point 10 along the third axis: centred, that offset is no direction of spread
    const points = [
      [1, 0, 10],
      [-1, 0, 10],
      [0, 1, 10],
      [0, -1, 10],
    ];
    const { plane } = principalPlane(points, new Float32Array(3), { meanCentred: true });
    expect(Math.abs(plane.d1[2])).toBeLessThan(1e-9);
    expect(Math.abs(plane.d2[2])).toBeLessThan(1e-9);
  });

  it('a race at a learning rate that makes the weights NaN calls every walk diverged', () => {
    const spec: NetworkSpec = { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 };
    const start = createNetwork(spec).params;
    const race = raceOptimisers(spec, start, byteData(20, 784, 10, 4), {
      learningRate: Infinity,
      epochs: 1,
      batchSize: 5,
      seed: 1,
    });
    let step = race.next();
    while (!step.done) step = race.next();
    expect(step.value.map((p) => p.diverged)).toEqual([true, true, true]);
  });
});
