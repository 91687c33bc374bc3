import { describe, expect, it } from 'vitest';
import { decimalsThatAddUp, fixed } from '../../../src/protocol/numbers';

/** The column as shown, added up by a student in exact decimal units. */
function addShown(terms: number[], d: number): string {
  const units = terms.reduce((s, t) => s + Math.round(Number(fixed(t, d).replace('−', '-')) * 10 ** d), 0);
  return fixed(units / 10 ** d, d);
}

describe('fixed', () => {
  it('writes a typographic minus, and no minus on a value that rounds to zero', () => {
    expect(fixed(-0.1234, 2)).toBe('−0.12');
    expect(fixed(-0.0004, 3)).toBe('0.000');
    expect(fixed(2, 0)).toBe('2');
  });
});

describe('decimalsThatAddUp (a column of terms and the sum under it)', () => {
  it('adds a place until the shown terms add up to the shown sum when they nearly cancel', () => {
    // 16 terms up to ±0.1 with a sum 30 times smaller (the chain-rule panel's paths, tanh + binary CE)
    const terms = [0.106123, -0.104871, 0.0312347, -0.0301123, 0.00045, -0.00381, 0.0123456, -0.0117654];
    const sum = terms.reduce((s, t) => s + t, 0);
    const d = decimalsThatAddUp(terms, sum)!;
    expect(d).not.toBeNull();
    expect(addShown(terms, d)).toBe(fixed(sum, d));
    // and at 3 significant digits each (the old display) they did not
    expect(decimalsThatAddUp(terms, sum, 3)).toBeNull();
  });

  it('shows the sum to at least 3 significant digits', () => {
    expect(decimalsThatAddUp([0.5, 0.25], 0.75)).toBe(3);
    expect(decimalsThatAddUp([0.0012, 0.0003], 0.0015)).toBe(5);
  });

  it('gives up when the terms cancel beyond the digits allowed', () => {
    expect(decimalsThatAddUp([0.1 + 1e-12, -0.1], 1e-12)).toBeNull();
  });

  it('all zero: whole numbers', () => {
    expect(decimalsThatAddUp([0, 0], 0)).toBe(0);
  });
});
