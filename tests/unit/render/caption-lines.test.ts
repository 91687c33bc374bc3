import { describe, expect, it } from 'vitest';
import { captionLines } from '../../../src/render/network-nodes';

/** A font whose characters are each 0.6 of its size wide. */
const width = (text: string, size: number) => text.length * size * 0.6;
const stepped = 'example #28421, label 7 (stepped 1 of 32): bars show each neuron’s wish −∂C/∂z';

describe('captionLines (the network’s caption over the input image)', () => {
  it('is one line at 12 px where it fits', () => {
    expect(captionLines(stepped, 1000, width)).toEqual({ size: 12, lines: [stepped] });
  });

  it('breaks after its colon onto two lines of 11 px where it does not (it shrank to 9 px on a 1024 px screen)', () => {
    expect(captionLines(stepped, 420, width)).toEqual({
      size: 11,
      lines: ['example #28421, label 7 (stepped 1 of 32):', 'bars show each neuron’s wish −∂C/∂z'],
    });
  });

  it('two lines of 10 px where a line does not fit at 11', () => {
    const probe =
      'your drawing, read by the pretrained network: bars show each neuron’s wish −∂C/∂z (never trained on)';
    const plan = captionLines(probe, 330, width);
    expect(plan.lines).toHaveLength(2);
    expect(plan.size).toBe(10);
  });

  it('with no colon, shrinks, but not under 10 px', () => {
    const text = 'x'.repeat(50);
    expect(captionLines(text, 330, width).size).toBe(11);
    expect(captionLines(text, 100, width).size).toBe(10);
  });
});
