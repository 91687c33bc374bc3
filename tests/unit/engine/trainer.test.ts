/** BatchTrainer computes what lossAndGradient computes; the optimiser and schedules do what they document. */
import { describe, expect, it } from 'vitest';
import {
  BatchTrainer,
  createNetwork,
  evaluate,
  learningRateAt,
  lossAndGradient,
  predict,
  sgdStep,
  type NetworkSpec,
} from '../../../src/engine';
import { loadMnist } from '../../helpers/mnist';
import { byteData, floats } from './byte-data';

const SPECS: NetworkSpec[] = [
  { sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 },
  { sizes: [784, 16, 16, 10], activation: 'sigmoid', loss: 'mse', seed: 2 },
  { sizes: [784, 21, 7, 10], activation: 'tanh', loss: 'binary-ce', seed: 3 },
];

describe('BatchTrainer', () => {
  for (const spec of SPECS) {
    it(`${spec.sizes.join('-')} ${spec.activation} + ${spec.loss}: batch gradient and cost = lossAndGradient`, () => {
      const data = byteData(50, 784, 10, 5);
      const net = createNetwork(spec);
      const trainer = new BatchTrainer(net, data);
      const batch = [3, 17, 0, 42, 9, 9, 31];
      let costSum = 0;
      for (const i of batch) costSum += trainer.accumulate(i);
      expect(trainer.batchSize()).toBe(batch.length);
      const { inputs, labels } = floats(data, batch, 784);
      const ref = lossAndGradient(net, inputs, labels, batch.length);
      expect(costSum / batch.length).toBeCloseTo(ref.loss, 10);
      const avg = trainer.averageGradient();
      let nonzero = 0;
      for (let i = 0; i < avg.length; i++) {
        expect(avg[i]).toBe(ref.grad[i]); // same inputs (float32 of byte/255), same kernel: identical
        if (avg[i] !== 0) nonzero++;
      }
      expect(nonzero).toBeGreaterThan(1000);
    });
  }

  it('applyUpdate = theta - lr * mean gradient, then clears the batch; trainBatch is the same in one call', () => {
    const spec = SPECS[0];
    const data = byteData(40, 784, 10, 8);
    const a = createNetwork(spec);
    const b = createNetwork(spec);
    const ta = new BatchTrainer(a, data);
    const tb = new BatchTrainer(b, data);
    const order = Uint32Array.from({ length: 40 }, (_, i) => (i * 7) % 40);
    const before = a.params.slice();
    const { inputs, labels } = floats(data, Array.from(order.subarray(0, 10)), 784);
    const ref = lossAndGradient(a, inputs, labels, 10);
    for (let i = 0; i < 10; i++) ta.accumulate(order[i]);
    ta.applyUpdate(0.5, 0);
    expect(ta.batchSize()).toBe(0);
    for (let i = 0; i < before.length; i++) expect(a.params[i]).toBe(Math.fround(before[i] - 0.5 * ref.grad[i]));
    const meanCost = tb.trainBatch(order, 0, 10, 0.5, 0);
    expect(meanCost).toBeCloseTo(ref.loss, 10);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    // the next batch reads the updated weights
    const next = floats(data, Array.from(order.subarray(10, 20)), 784);
    const nextCost = lossAndGradient(b, next.inputs, next.labels, 10).loss;
    expect(tb.trainBatch(order, 10, 20, 0.5, 0)).toBeCloseTo(nextCost, 10);
  });

  it('momentum: v <- mu v + g, theta <- theta - lr v (two steps, checked by hand against lossAndGradient)', () => {
    const spec = SPECS[1];
    const data = byteData(20, 784, 10, 9);
    const net = createNetwork(spec);
    const trainer = new BatchTrainer(net, data);
    const mu = 0.9;
    const lr = 0.3;
    const theta0 = Float64Array.from(net.params);
    const g1 = lossAndGradient(net, floats(data, [0, 1, 2, 3, 4], 784).inputs, data.labels.slice(0, 5), 5).grad;
    trainer.trainBatch([0, 1, 2, 3, 4], 0, 5, lr, mu);
    const v1 = trainer.velocity()!;
    for (let i = 0; i < v1.length; i++) {
      expect(v1[i]).toBeCloseTo(g1[i], 7); // v1 = 0.9*0 + g1
      expect(net.params[i]).toBeCloseTo(theta0[i] - lr * g1[i], 6);
    }
    const theta1 = Float64Array.from(net.params);
    const v1copy = Float64Array.from(v1);
    const g2 = lossAndGradient(net, floats(data, [5, 6, 7, 8, 9], 784).inputs, data.labels.slice(5, 10), 5).grad;
    trainer.trainBatch([5, 6, 7, 8, 9], 0, 5, lr, mu);
    const v2 = trainer.velocity()!;
    for (let i = 0; i < v2.length; i++) {
      expect(v2[i]).toBeCloseTo(mu * v1copy[i] + g2[i], 6);
      expect(net.params[i]).toBeCloseTo(theta1[i] - lr * (mu * v1copy[i] + g2[i]), 6);
    }
    // momentum 0 keeps no velocity; setVelocity restores one
    trainer.trainBatch([10], 0, 1, lr, 0);
    expect(trainer.velocity()).toBeNull();
    trainer.setVelocity(v2);
    expect(Array.from(trainer.velocity()!)).toEqual(Array.from(v2));
  });

  it('sgdStep matches the documented formula', () => {
    const p = new Float32Array([1, 2]);
    const v = sgdStep(p, new Float32Array([0.5, -1]), 0.1, 0.5, new Float32Array([2, 2]));
    // v = 0.5*[2, 2] + [0.5, -1] = [1.5, 0]; p = [1, 2] - 0.1*[1.5, 0] = [0.85, 2]
    expect(Array.from(v!)).toEqual([1.5, 0]);
    expect(p[0]).toBeCloseTo(0.85, 6);
    expect(p[1]).toBe(2);
  });

  it('a checkpoint (params + velocity) continues identically', () => {
    const spec = SPECS[0];
    const data = byteData(60, 784, 10, 4);
    const a = createNetwork(spec);
    const ta = new BatchTrainer(a, data);
    const order = Uint32Array.from({ length: 60 }, (_, i) => (i * 11) % 60);
    ta.trainBatch(order, 0, 20, 0.1, 0.9);
    const b = { spec: a.spec, params: a.params.slice() };
    const tb = new BatchTrainer(b, data);
    tb.setVelocity(ta.velocity());
    ta.trainBatch(order, 20, 40, 0.1, 0.9);
    tb.trainBatch(order, 20, 40, 0.1, 0.9);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
  });

  it('params written from outside are used after reloadParams / setVelocity', () => {
    const spec = SPECS[0];
    const data = byteData(20, 784, 10, 12);
    const net = createNetwork(spec);
    const trainer = new BatchTrainer(net, data);
    trainer.trainBatch([0, 1, 2], 0, 3, 0.1, 0);
    const other = createNetwork({ ...spec, seed: 99 });
    net.params.set(other.params);
    trainer.reloadParams();
    const cost = trainer.accumulate(4);
    const ref = lossAndGradient(other, floats(data, [4], 784).inputs, data.labels.slice(4, 5), 1);
    expect(cost).toBeCloseTo(ref.loss, 10);
  });

  it('reads net.params directly: outside writes between batches are used without any call, and are never overwritten', () => {
    const spec = SPECS[0];
    const data = byteData(20, 784, 10, 13);
    const net = createNetwork(spec);
    const trainer = new BatchTrainer(net, data);
    trainer.trainBatch([0, 1, 2], 0, 3, 0.1, 0.9);
    const other = createNetwork({ ...spec, seed: 77 });
    net.params.set(other.params); // e.g. the session's NaN guard restoring good weights
    const ref = lossAndGradient(other, floats(data, [4, 5], 784).inputs, data.labels.slice(4, 6), 2);
    const before = net.params.slice();
    expect(trainer.trainBatch([4, 5], 0, 2, 0.1, 0)).toBeCloseTo(ref.loss, 10);
    for (let i = 0; i < before.length; i++) expect(net.params[i]).toBe(Math.fround(before[i] - 0.1 * ref.grad[i]));
  });

  it('a batch cleared half-way leaves nothing behind in the next batch', () => {
    const spec = SPECS[2];
    const data = byteData(20, 784, 10, 14);
    const net = createNetwork(spec);
    const trainer = new BatchTrainer(net, data);
    trainer.accumulate(7);
    trainer.accumulate(8);
    trainer.clearBatch();
    trainer.accumulate(3);
    const ref = lossAndGradient(net, floats(data, [3], 784).inputs, data.labels.slice(3, 4), 1);
    expect(Array.from(trainer.averageGradient())).toEqual(Array.from(ref.grad));
  });

  it('lossAndGradient after a call that threw half-way still starts from a zero sum', () => {
    const spec = SPECS[0];
    const data = byteData(6, 784, 10, 15);
    const net = createNetwork(spec);
    const { inputs, labels } = floats(data, [0, 1, 2], 784);
    const ref = lossAndGradient(net, inputs, labels, 3);
    const bad = labels.slice();
    bad[2] = 12;
    expect(() => lossAndGradient(net, inputs, bad, 3)).toThrow(/label 12/);
    expect(Array.from(lossAndGradient(net, inputs, labels, 3).grad)).toEqual(Array.from(ref.grad));
  });

  it('rejects bad input', () => {
    const net = createNetwork(SPECS[0]);
    const data = byteData(5, 784, 10, 1);
    expect(() => new BatchTrainer(net, { ...data, count: 6 })).toThrow(/need/);
    expect(() => new BatchTrainer(net, { ...data, labels: new Uint8Array([1, 2, 3, 4, 12]) })).toThrow(/label 12/);
    expect(() => new BatchTrainer(net, data).accumulate(5)).toThrow(/example 5/);
  });
});

describe('evaluate', () => {
  it('cost, accuracy and confusion agree with predict and lossAndGradient', () => {
    const spec = SPECS[0];
    const data = byteData(30, 784, 10, 21);
    const net = createNetwork(spec);
    const all = Array.from({ length: 30 }, (_, i) => i);
    const { inputs, labels } = floats(data, all, 784);
    const out = predict(net, inputs, 30);
    const confusion = new Uint32Array(100);
    let correct = 0;
    for (let e = 0; e < 30; e++) {
      let best = 0;
      for (let j = 1; j < 10; j++) if (out[e * 10 + j] > out[e * 10 + best]) best = j;
      confusion[labels[e] * 10 + best]++;
      if (best === labels[e]) correct++;
    }
    const ev = evaluate(net, data);
    expect(ev.accuracy).toBe(correct / 30);
    expect(Array.from(ev.confusion)).toEqual(Array.from(confusion));
    expect(ev.cost).toBeCloseTo(lossAndGradient(net, inputs, labels, 30).loss, 10);
    const part = evaluate(net, data, 10, 20);
    expect(part.count).toBe(10);
    expect(part.confusion.reduce((s, v) => s + v, 0)).toBe(10);
  });
});

describe('learning-rate schedules', () => {
  it('constant, step and exponential', () => {
    expect(learningRateAt(0.1, { kind: 'constant' }, 7)).toBe(0.1);
    const step = { kind: 'step', every: 3, factor: 0.5 } as const;
    expect([0, 1, 2, 3, 5, 6, 9].map((e) => learningRateAt(0.8, step, e))).toEqual([0.8, 0.8, 0.8, 0.4, 0.4, 0.2, 0.1]);
    const exp = { kind: 'exponential', decay: 0.9 } as const;
    expect(learningRateAt(1, exp, 0)).toBe(1);
    expect(learningRateAt(1, exp, 1)).toBeCloseTo(0.9, 12);
    expect(learningRateAt(2, exp, 3)).toBeCloseTo(2 * 0.729, 12);
  });
});

describe('plain SGD updates only the columns of pixels the batch had', () => {
  it('gives exactly theta - lr * mean gradient on real MNIST, batch after batch (batch 1, 5 and 32; a dropped batch)', () => {
    const { train } = loadMnist();
    for (const batch of [1, 5, 32]) {
      const fast = createNetwork(SPECS[0]);
      const slow = createNetwork(SPECS[0]);
      const tf = new BatchTrainer(fast, train);
      const ts = new BatchTrainer(slow, train);
      let next = 0;
      for (let b = 0; b < 12; b++) {
        if (b === 4) {
          // a batch accumulated and then dropped must not leave its pixels behind
          for (let i = 0; i < batch; i++) tf.accumulate(59_000 - i);
          tf.clearBatch();
        }
        for (let i = 0; i < batch; i++, next++) {
          tf.accumulate((next * 7919) % train.count);
          ts.accumulate((next * 7919) % train.count);
        }
        tf.applyUpdate(0.1, 0);
        const mean = ts.averageGradient();
        ts.clearBatch();
        sgdStep(slow.params, mean, 0.1, 0, null);
      }
      const differing = fast.params.findIndex((p, i) => !Object.is(p, slow.params[i]));
      expect(differing, `batch ${batch}: first differing parameter`).toBe(-1);
    }
  });
});
