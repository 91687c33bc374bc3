import { describe, expect, it } from 'vitest';
import { brightness } from '../../../src/render/network-nodes';

describe('brightness (a neuron’s activation as black to white)', () => {
  it('tanh: −1 black, 0 grey, +1 white', () => {
    const shade = brightness([-1, 0, 1], 'tanh');
    expect([-1, -0.5, 0, 1].map(shade)).toEqual([0, 0.25, 0.5, 1]);
  });
  it('sigmoid: the activation itself', () => {
    expect([0, 0.3, 1].map(brightness([0.3], 'sigmoid'))).toEqual([0, 0.3, 1]);
  });
  it('ReLU: relative to the layer’s largest, or to 1 when all are smaller', () => {
    expect([0, 2, 4].map(brightness([0, 2, 4], 'relu'))).toEqual([0, 0.5, 1]);
    expect([0, 0.5].map(brightness([0, 0.5], 'relu'))).toEqual([0, 0.5]);
  });
});
