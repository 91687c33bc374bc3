import { describe, expect, it } from 'vitest';
import { activation, parseShown, percent, probability, sig, signed } from '../../../src/views/controls/format';

describe('number formats', () => {
  it('sig drops trailing zeros, signed keeps the same significant digits in every row', () => {
    expect(sig(0.02)).toBe('0.02');
    expect(sig(0.14, 3)).toBe('0.14');
    expect(signed(0.14)).toBe('+0.140');
    expect(signed(0.0849)).toBe('+0.0849');
    expect(signed(-0.00297)).toBe('\u22120.00297');
    expect(signed(2)).toBe('+2.00');
  });

  it('uses the typographic minus and reads back what it shows', () => {
    for (const x of [-0.163, 0.193, -1.5e-6, 123456, -0.5]) {
      const shown = signed(x);
      expect(shown).not.toContain('-');
      // three significant digits: within half a unit of the third
      expect(Math.abs(parseShown(shown) - x)).toBeLessThanOrEqual(0.005 * Math.abs(x));
    }
  });

  it('writes very small and large values in powers of ten, and reads them back', () => {
    expect(sig(1.8234e-5, 3)).toBe('1.82×10⁻⁵');
    expect(signed(-4.97e-6)).toBe('\u22124.97×10⁻⁶');
    expect(signed(1e-16)).toBe('+1.00×10⁻¹⁶');
    expect(sig(6.02e16)).toBe('6.02×10¹⁶');
    expect(sig(0.000123)).toBe('0.000123');
    // the notation follows the rounded exponent: no e-notation for thousands, none for 99,999.6
    expect(signed(1234)).toBe('+1234');
    expect(sig(99999.6)).toBe('1×10⁵');
    expect(signed(0.00009999)).toBe('+0.000100');
    expect(signed(-0.00297)).toBe('\u22120.00297');
    for (const x of [1.8234e-5, -4.97e-6, 6.02e16, -3.3e-12]) expect(parseShown(sig(x, 6)) / x).toBeCloseTo(1, 5);
  });

  it('shows missing values as a dash', () => {
    expect(sig(null)).toBe('-');
    expect(sig(Number.NaN)).toBe('-');
    expect(percent(undefined)).toBe('-');
    expect(percent(0.9612)).toBe('96.1%');
  });

  it('probability never rounds to a certainty it is not (the draw pad said 0%, the matrix 0.0%)', () => {
    expect(probability(0.0004)).toBe('<0.1%');
    expect(probability(0)).toBe('0.0%');
    expect(probability(0.9996)).toBe('>99.9%');
    expect(probability(1)).toBe('100.0%');
    expect(probability(0.0005)).toBe('0.1%');
    expect(probability(0.5)).toBe('50.0%');
    expect(probability(NaN)).toBe('-');
  });
});

describe('activation (never a rounded certainty)', () => {
  it('writes an activation that rounds to 1 as 1 minus its distance', () => {
    expect(activation(0.999974)).toBe('1 \u2212 2.6×10⁻⁵');
    expect(activation(0.99996)).toBe('1 \u2212 4×10⁻⁵');
  });
  it('leaves the others as sig writes them', () => {
    expect(activation(0.9973)).toBe('0.9973');
    expect(activation(1)).toBe('1');
    expect(activation(0.5)).toBe('0.5');
  });
});
