import { describe, expect, it } from 'vitest';
import { selectionsFitting, weightFits } from '../../../src/store/lab-store';

describe('selections after the network changes shape', () => {
  const none = { selectedNeuron: null, hoveredNeuron: null, selectedWeight: null, chainWeight: null };

  it('drops what a 784-8-8-10 network lacks, the chain-rule tab’s weight included, and keeps what it has', () => {
    const before = {
      selectedNeuron: { layer: 2, index: 12 },
      hoveredNeuron: { layer: 3, index: 9 },
      selectedWeight: { layer: 2, to: 3, from: 12 },
      // the table drew this weight's row: "input 12 is not in 0..7" blanked it
      chainWeight: { layer: 2, to: 3, from: 12 },
    };
    expect(selectionsFitting([784, 8, 8, 10], before)).toEqual({
      selectedNeuron: null,
      selectedWeight: null,
      chainWeight: null,
    });
    const fitting = { ...none, chainWeight: { layer: 3, to: 9, from: 7 }, hoveredNeuron: { layer: 1, index: 7 } };
    expect(selectionsFitting([784, 8, 8, 10], fitting)).toEqual({});
  });

  it('a weight fits only between layers the network has, within both ends', () => {
    const sizes = [784, 16, 10];
    expect(weightFits(sizes, { layer: 2, to: 9, from: 15 })).toBe(true);
    expect(weightFits(sizes, { layer: 3, to: 0, from: 0 })).toBe(false);
    expect(weightFits(sizes, { layer: 0, to: 0, from: 0 })).toBe(false);
    expect(weightFits(sizes, { layer: 2, to: 10, from: 0 })).toBe(false);
    expect(weightFits(sizes, { layer: 1, to: 0, from: 784 })).toBe(false);
  });
});
