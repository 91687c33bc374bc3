/** Moving through the network's neurons with the keyboard. */
import { describe, expect, it } from 'vitest';
import { describeNeuron, moveNeuron } from '../../../src/views/network/keyboard';

const sizes = [784, 16, 16, 10];

describe('moveNeuron', () => {
  it('starts on the first output neuron, and only for a move key', () => {
    expect(moveNeuron(sizes, null, 'ArrowDown')).toEqual({ layer: 3, index: 0 });
    expect(moveNeuron(sizes, { layer: 0, index: 300 }, 'ArrowLeft')).toEqual({ layer: 3, index: 0 });
    expect(moveNeuron(sizes, null, 'a')).toBeNull();
    expect(moveNeuron(sizes, { layer: 2, index: 3 }, 'Enter')).toBeNull();
  });

  it('moves within a layer and stops at its ends', () => {
    expect(moveNeuron(sizes, { layer: 2, index: 3 }, 'ArrowDown')).toEqual({ layer: 2, index: 4 });
    expect(moveNeuron(sizes, { layer: 2, index: 3 }, 'ArrowUp')).toEqual({ layer: 2, index: 2 });
    expect(moveNeuron(sizes, { layer: 2, index: 0 }, 'ArrowUp')).toEqual({ layer: 2, index: 0 });
    expect(moveNeuron(sizes, { layer: 3, index: 9 }, 'ArrowDown')).toEqual({ layer: 3, index: 9 });
    expect(moveNeuron(sizes, { layer: 1, index: 7 }, 'Home')).toEqual({ layer: 1, index: 0 });
    expect(moveNeuron(sizes, { layer: 1, index: 7 }, 'End')).toEqual({ layer: 1, index: 15 });
  });

  it('crosses layers at the same relative height, never into the input pixels or past the outputs', () => {
    expect(moveNeuron(sizes, { layer: 2, index: 15 }, 'ArrowRight')).toEqual({ layer: 3, index: 9 });
    expect(moveNeuron(sizes, { layer: 3, index: 9 }, 'ArrowLeft')).toEqual({ layer: 2, index: 15 });
    expect(moveNeuron(sizes, { layer: 2, index: 5 }, 'ArrowRight')).toEqual({ layer: 3, index: 3 });
    expect(moveNeuron(sizes, { layer: 1, index: 4 }, 'ArrowLeft')).toEqual({ layer: 1, index: 4 });
    expect(moveNeuron(sizes, { layer: 3, index: 4 }, 'ArrowRight')).toEqual({ layer: 3, index: 4 });
  });
});

describe('describeNeuron', () => {
  it('names the neuron as the view does, with its activation', () => {
    expect(describeNeuron(sizes, { layer: 3, index: 7 }, 0.91234)).toBe(
      'output neuron 7 (digit 7), activation 0.912. Enter to inspect it.',
    );
    expect(describeNeuron(sizes, { layer: 1, index: 2 }, null)).toBe(
      'hidden layer 1, neuron 2 of 16. Enter to inspect it.',
    );
  });

  it('says what the visible tip shows too: z and the nudge this example asks of z', () => {
    expect(describeNeuron(sizes, { layer: 3, index: 0 }, 0.112, false, { z: 0.1754, wish: -0.1121 })).toBe(
      'output neuron 0 (digit 0), activation 0.112, weighted input z 0.175, nudge to z −0.112. Enter to inspect it.',
    );
    // no example stepped: no nudge
    expect(describeNeuron(sizes, { layer: 1, index: 2 }, 0, false, { z: -1.5 })).toBe(
      'hidden layer 1, neuron 2 of 16, activation 0.000, weighted input z −1.5. Enter to inspect it.',
    );
  });

  it('says when Enter has selected the neuron, and that Enter again clears it', () => {
    expect(describeNeuron(sizes, { layer: 3, index: 7 }, 0.5, true)).toBe(
      'output neuron 7 (digit 7), activation 0.500: selected, shown in the inspector. Enter to clear it.',
    );
  });
});

describe("describeNeuron names the output that is the network's answer, and the true digit's", () => {
  it('as the dark tag and the dark bar show them', () => {
    expect(describeNeuron(sizes, { layer: 3, index: 7 }, 0.6, false, { z: 2, answer: true })).toMatch(
      /^output neuron 7 \(digit 7, the network's answer\), activation 0\.600/,
    );
    expect(describeNeuron(sizes, { layer: 3, index: 2 }, 0.6, false, { z: 2, answer: true, truth: true })).toMatch(
      /^output neuron 2 \(digit 2, the network's answer and the true digit\),/,
    );
    expect(describeNeuron(sizes, { layer: 3, index: 4 }, 0.1, false, { z: -1, truth: true })).toMatch(
      /^output neuron 4 \(digit 4, the true digit\),/,
    );
  });
});
