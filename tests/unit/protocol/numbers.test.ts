import { describe, expect, it } from 'vitest';
import {
  count,
  columnEntry,
  columnThatAddsUp,
  fixed,
  parseShown,
  sig,
  signedList,
  indexOfLargestAbs,
} from '../../../src/protocol/numbers';
import { createRng } from '../../../src/engine';

/** The column as shown, added up by a student in exact decimal units. */
function addShown(terms: number[], d: number): number {
  return terms.reduce((s, t) => s + Math.round(parseShown(fixed(t, d)) * 10 ** d), 0);
}

describe('count (one shared formatter)', () => {
  it("groups thousands as en-US does, whatever the browser's language", () => {
    expect([0, 7, 999, 1000, 50_000, 1_234_567, -13_002].map(count)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '50,000',
      '1,234,567',
      '-13,002',
    ]);
  });
});

describe('fixed', () => {
  it('writes a typographic minus, and no minus on a value that rounds to zero', () => {
    expect(fixed(-0.1234, 2)).toBe('−0.12');
    expect(fixed(-0.0004, 3)).toBe('0.000');
    expect(fixed(2, 0)).toBe('2');
  });
});

describe('columnThatAddsUp (a column of terms and the sum under it)', () => {
  // 16 terms up to ±0.1 that nearly cancel (the chain-rule panel's paths, tanh + binary CE)
  const terms = [
    0.106123, -0.104871, 0.0312347, -0.0301123, 0.00045, -0.00381, 0.0123456, -0.0117654, 0.0201, -0.0199, 0.0050123,
    -0.0049, 0.00087, -0.00081, 0.0333, -0.0327,
  ];
  const sum = terms.reduce((s, t) => s + t, 0);

  it('the shown terms add up exactly to the shown total, which reads as the true sum', () => {
    const column = columnThatAddsUp(terms, sum)!;
    expect(column).not.toBeNull();
    expect(addShown(terms, column.decimals)).toBe(Math.round(column.total * 10 ** column.decimals));
    expect(sig(column.total, 4)).toBe(sig(sum, 4));
    // each at 3 significant digits (the old column) they added up to something else
    const old = terms.reduce((s, t) => s + parseShown(sig(t, 3)), 0);
    expect(sig(old, 3)).not.toBe(sig(sum, 3));
  });

  it('works for the paths seen in the app (10 terms, sum −0.006261) and for random columns', () => {
    const seen = [-0.00371, -0.0288, -0.0107, -0.0156, -0.0158, 0.0114, -0.0158, -0.00102, 0.0805, -0.0067];
    expect(
      columnThatAddsUp(
        seen,
        seen.reduce((s, t) => s + t, 0),
      ),
    ).not.toBeNull();
    const gen = createRng(7);
    const rng = () => gen.next();
    let found = 0;
    for (let c = 0; c < 500; c++) {
      const n = 4 + Math.floor(rng() * 13);
      const column = Array.from({ length: n }, () => (rng() - 0.5) * 10 ** -Math.floor(rng() * 4));
      const total = column.reduce((s, t) => s + t, 0);
      const shown = columnThatAddsUp(column, total);
      if (!shown) continue;
      found++;
      expect(addShown(column, shown.decimals)).toBe(Math.round(shown.total * 10 ** shown.decimals));
      expect(sig(shown.total, 4)).toBe(sig(total, 4));
    }
    expect(found).toBeGreaterThan(490);
  });

  it('gives up when the terms cancel beyond the digits allowed', () => {
    expect(columnThatAddsUp([0.1 + 1e-12, -0.1], 1e-12)).toBeNull();
  });

  it('all zero: whole numbers', () => {
    expect(columnThatAddsUp([0, 0], 0)).toEqual({ decimals: 0, total: 0 });
  });
});

describe('signedList (bars listed side by side, all in the notation of the largest)', () => {
  it("plain decimals to the largest value's third significant digit, for every row", () => {
    const f = signedList(0.00033);
    expect([0.00033, 2.62e-5, -1.2e-4, 4e-9, -4e-9, 0].map(f)).toEqual([
      '+0.000330',
      '+0.000026',
      '\u22120.000120',
      // too small for the places: on its own ("−0.000000" read as a negative zero)
      '+4.0\u00d710\u207b\u2079',
      '\u22124.0\u00d710\u207b\u2079',
      '0',
    ]);
    expect(signedList(3.3e-5)(-3.5e-11)).toBe('\u22123.5\u00d710\u207b\u00b9\u00b9');
  });
  it('one power of ten on every row where the largest needs one, and the rows read back', () => {
    const f = signedList(3.3e-5);
    const rows = [3.3e-5, -2.62e-6, 1.5e-6].map(f);
    expect(rows).toEqual(['+3.30\u00d710\u207b\u2075', '\u22120.26\u00d710\u207b\u2075', '+0.15\u00d710\u207b\u2075']);
    expect(rows.map(parseShown)).toEqual([3.3e-5, -2.6e-6, 1.5e-6]);
  });
  it('a row the power of ten would give one digit is written on its own, to two ("+0.01×10⁻⁶" puzzled a student)', () => {
    const f = signedList(1.2e-6);
    const rows = [1.2e-6, 1.4e-8, -9.4e-8, 2.6e-7].map(f);
    expect(rows).toEqual([
      '+1.20\u00d710\u207b\u2076',
      '+1.4\u00d710\u207b\u2078',
      '\u22129.4\u00d710\u207b\u2078',
      '+0.26\u00d710\u207b\u2076',
    ]);
    expect(rows.map(parseShown)).toEqual([1.2e-6, 1.4e-8, -9.4e-8, 2.6e-7]);
    expect(signedList(123456)(-654)).toBe('\u2212654');
    // plain decimals too: 0.0005 read "+0.001" beside "−0.00049"; a whole number's one digit stays
    const g = signedList(0.334);
    expect([0.0005, 0.001, -0.00049, 0.019, -0.334].map(g)).toEqual([
      '+0.00050',
      '+0.0010',
      '\u22120.00049',
      '+0.019',
      '\u22120.334',
    ]);
    expect(signedList(123.4)(5.678)).toBe('+6');
  });
  it("whole numbers for a large plain largest; sig's own choice when there is no largest", () => {
    expect(signedList(123.4)(5.678)).toBe('+6');
    expect(signedList(0)(2.62e-5)).toBe('+2.62\u00d710\u207b\u2075');
  });
});

describe('indexOfLargestAbs', () => {
  it('finds the value largest in size, negative or positive, the first of equals', () => {
    expect(indexOfLargestAbs(Float32Array.from([0.1, -0.7, 0.5]))).toBe(1);
    expect(indexOfLargestAbs([0.2, 0.9, -0.9])).toBe(1);
    expect(indexOfLargestAbs([0, 0, 0])).toBe(0);
    expect(indexOfLargestAbs([])).toBe(0);
  });
});

describe('columnEntry', () => {
  it('reads an exact 0 as 0, a term too small for the column as ≈ 0, others to the column’s places', () => {
    const column = columnThatAddsUp([0.0123, 6.97e-10, -0.004, 0], 0.0083)!;
    expect(column.decimals).toBe(6);
    expect([0.0123, 6.97e-10, -0.004, 0, -3e-9].map((t) => columnEntry(t, column))).toEqual([
      '0.012300',
      '≈ 0',
      '−0.004000',
      '0',
      '≈ 0',
    ]);
    expect(columnEntry(6.97e-10, null)).toBe(sig(6.97e-10, 3));
  });
});
