import { describe, expect, it } from 'vitest';
import { decimalsToShow, outputText } from '../../../src/render/network-nodes';

describe('decimalsToShow (output values beside the bold answer)', () => {
  it('keeps two decimals when the answer already prints larger', () => {
    expect(decimalsToShow([0.1, 0.62, 0.28], 1)).toBe(2);
  });
  it('adds decimals until the answer prints differently from every other output', () => {
    expect(decimalsToShow([0.115, 0.117, 0.09], 1)).toBe(3);
    expect(decimalsToShow([0.1151, 0.1153], 1)).toBe(4);
  });
  it('stops at four for an exact tie', () => {
    expect(decimalsToShow([0.1, 0.1], 0)).toBe(4);
  });
});

describe('outputText (an output value, never a rounded certainty)', () => {
  it('says >0.99 and <0.01 where two decimals would round to 1.00 and 0.00', () => {
    expect(outputText(0.9973, 2)).toBe('>0.99');
    expect(outputText(0.0012, 2)).toBe('<0.01');
    expect(outputText(0.00004, 4)).toBe('<0.0001');
  });
  it('keeps other values, and exact 0 and 1, as they print', () => {
    expect(outputText(0.62, 2)).toBe('0.62');
    expect(outputText(0.994, 2)).toBe('0.99');
    expect(outputText(0, 2)).toBe('0.00');
    expect(outputText(1, 2)).toBe('1.00');
  });
});
