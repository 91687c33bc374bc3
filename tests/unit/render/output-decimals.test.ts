import { describe, expect, it } from 'vitest';
import { decimalsToShow } from '../../../src/render/network-nodes';

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
