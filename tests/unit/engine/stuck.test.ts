/** Stuck neurons (dead ReLUs, saturated σ / tanh): counted per hidden layer from f′(z) on real images. */
import { describe, expect, it } from 'vitest';
import {
  biasIndex,
  createNetwork,
  mostlyStuckLayer,
  paramIndex,
  stuckNeurons,
  type Activation,
  type ByteData,
  type NetworkSpec,
} from '../../../src/engine';
import { loadMnist } from '../../helpers/mnist';

const { train } = loadMnist();
const images: ByteData = { images: train.images, labels: train.labels, count: 500 };
const spec = (activation: Activation): NetworkSpec => ({
  sizes: [784, 16, 16, 10],
  activation,
  loss: activation === 'relu' ? 'categorical-ce' : 'mse',
  seed: 3,
});

describe('stuckNeurons', () => {
  for (const activation of ['relu', 'sigmoid', 'tanh'] as const) {
    it(`finds no layer mostly stuck in a freshly initialised ${activation} network`, () => {
      const net = createNetwork(spec(activation));
      const stuck = stuckNeurons(net, images);
      expect(stuck).toHaveLength(3);
      expect(mostlyStuckLayer(stuck, net.spec.sizes)).toBeNull();
    });
  }

  it('counts ReLUs that are off on every image as dead (and the layer they starve)', () => {
    const net = createNetwork(spec('relu'));
    // first layer: 12 of 16 biases far below any weighted input
    for (let j = 0; j < 12; j++) net.params[biasIndex(net.spec, 1, j)] = -1000;
    const [first] = stuckNeurons(net, images);
    expect(first).toBe(12);
    expect(mostlyStuckLayer(stuckNeurons(net, images), net.spec.sizes)).toEqual({ layer: 1, stuck: 12, size: 16 });
  });

  it('counts σ and tanh units pinned at a flat end as saturated, at either end', () => {
    for (const activation of ['sigmoid', 'tanh'] as const) {
      const net = createNetwork(spec(activation));
      // second layer: five pushed far up, five far down; the first layer untouched
      for (let j = 0; j < 10; j++) net.params[biasIndex(net.spec, 2, j)] = j < 5 ? 60 : -60;
      const [first, second] = stuckNeurons(net, images);
      expect(second).toBe(10);
      expect(first).toBeLessThan(8);
    }
  });

  it('calls a neuron stuck when it responds on at most 1% of the images, not more', () => {
    // 300 images: neuron 0 of layer 1 is on only for images whose pixel 0 is inked
    const pixels = 784;
    const make = (inked: number): ByteData => {
      const data = new Uint8Array(300 * pixels);
      for (let i = 0; i < 300; i++) {
        data[i * pixels + 400] = 200;
        if (i < inked) data[i * pixels] = 255;
      }
      return { images: data, labels: new Uint8Array(300), count: 300 };
    };
    const net = createNetwork(spec('relu'));
    // neurons 1-15 always on (no weights, bias 1); neuron 0 on only where pixel 0 is inked
    for (let j = 0; j < 16; j++) {
      for (let k = 0; k < pixels; k++) net.params[paramIndex(net.spec, 1, j, k)] = 0;
      net.params[biasIndex(net.spec, 1, j)] = 1;
    }
    net.params[paramIndex(net.spec, 1, 0, 0)] = 1;
    net.params[biasIndex(net.spec, 1, 0)] = -0.5;
    const stuckOf = (inked: number) => stuckNeurons(net, make(inked))[0];
    expect(stuckOf(300)).toBe(0);
    // 1% of 300 is 3: on for 3 images it is still stuck, for 4 it is not
    expect(stuckOf(3)).toBe(1);
    expect(stuckOf(4)).toBe(0);
    expect(stuckOf(0)).toBe(1);
  });

  it('looks only at images [start, end)', () => {
    const net = createNetwork(spec('relu'));
    for (let j = 0; j < 16; j++) net.params[biasIndex(net.spec, 1, j)] = -1000;
    expect(stuckNeurons(net, images, 10, 10)).toEqual([0, 0, 0]);
    expect(stuckNeurons(net, images, 10, 20)[0]).toBe(16);
  });
});

describe('stuck outputs', () => {
  it('count under mse, whose dC/dz has the factor σ′(z), and never under cross-entropy (dC/dz = a − y)', () => {
    for (const loss of ['mse', 'binary-ce', 'categorical-ce'] as const) {
      const net = createNetwork({ sizes: [784, 16, 16, 10], activation: 'relu', loss, seed: 3 });
      for (let j = 0; j < 10; j++) net.params[biasIndex(net.spec, 3, j)] = j < 6 ? -60 : 0;
      const stuck = stuckNeurons(net, images);
      expect(stuck[2]).toBe(loss === 'mse' ? 6 : 0);
      expect(mostlyStuckLayer(stuck, net.spec.sizes)).toEqual(loss === 'mse' ? { layer: 3, stuck: 6, size: 10 } : null);
    }
  });
});

describe('mostlyStuckLayer', () => {
  it('names the first hidden layer with at least half its neurons stuck', () => {
    expect(mostlyStuckLayer([7, 3], [784, 16, 16, 10])).toBeNull();
    expect(mostlyStuckLayer([8, 3], [784, 16, 16, 10])).toEqual({ layer: 1, stuck: 8, size: 16 });
    expect(mostlyStuckLayer([2, 16], [784, 16, 16, 10])).toEqual({ layer: 2, stuck: 16, size: 16 });
    expect(mostlyStuckLayer([0], [784, 1, 10])).toBeNull();
  });
});
