import { describe, expect, it } from 'vitest';
import { countFontSize, countLabel } from '../../../src/render/charts/confusion';

describe('confusion matrix counts', () => {
  it('a count of one or two digits is drawn larger than the diagonal’s four (all were 7.6 px at 21 px cells)', () => {
    expect(countFontSize(21, 1)).toBeGreaterThanOrEqual(10);
    expect(countFontSize(21, 2)).toBeGreaterThanOrEqual(10);
    // most of the diagonal has three digits
    expect(countFontSize(21, 3)).toBeGreaterThan(7.6);
    expect(countFontSize(21, 4)).toBeGreaterThanOrEqual(7);
    expect(countFontSize(21, 4)).toBeLessThan(countFontSize(21, 3));
  });

  it('every count fits its cell, from small cells to large, up to 11 px', () => {
    for (const cell of [18, 21, 26, 32, 40]) {
      for (const digits of [1, 2, 3, 4]) {
        const size = countFontSize(cell, digits);
        expect(size).toBeLessThanOrEqual(11);
        expect(size).toBeLessThanOrEqual(cell * 0.5);
        // at 7 px (the floor) a 4-digit count in an 18 px cell is the only one allowed to be snug
        if (size > 7) expect(digits * 0.64 * size).toBeLessThanOrEqual((cell - 1) * 0.9 + 1e-9);
      }
    }
  });

  it('a four-digit count that would be drawn under 9 px is written in thousands, at a three-digit size', () => {
    expect(countLabel(1120, 24)).toEqual({ text: '1.1k', size: countFontSize(24, 3) });
    expect(countLabel(1120, 24).size).toBeGreaterThan(countFontSize(24, 4));
    // three digits, or room enough: as it is
    expect(countLabel(982, 24).text).toBe('982');
    expect(countLabel(1120, 40).text).toBe('1120');
  });
});
