import { expect, it } from 'vitest';
import { selectNeuron, selectWeight, useLab } from '../../../src/store/lab-store';

it('a picked weight stays with its own neuron and goes when another neuron (or none) is selected', () => {
  selectWeight({ layer: 3, to: 4, from: 10 });
  selectNeuron({ layer: 3, index: 4 });
  expect(useLab.getState().selectedWeight).toEqual({ layer: 3, to: 4, from: 10 });
  // it stayed drawn thick on the network after another neuron was selected
  selectNeuron({ layer: 2, index: 7 });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 2, index: 7 });
  expect(useLab.getState().selectedWeight).toBeNull();
  selectWeight({ layer: 2, to: 7, from: 1 });
  selectNeuron(null);
  expect(useLab.getState().selectedWeight).toBeNull();
});
