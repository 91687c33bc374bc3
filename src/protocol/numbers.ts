/**
 * Numbers as the app shows them, for the views, the charts and the workers' messages alike:
 * 3-4 significant digits, the typographic minus, powers of ten as a student writes them.
 */

/** The typographic minus (U+2212), as in the formulas beside the numbers. */
const MINUS = '\u2212';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 10 to the power `e` as a student writes it: ×10⁻⁵, not e-5. */
function timesTenTo(e: number): string {
  const digits = Array.from(String(Math.abs(e)), (d) => SUPERSCRIPT[Number(d)]).join('');
  return `×10${e < 0 ? '⁻' : ''}${digits}`;
}

/**
 * x to `digits` significant digits, trailing zeros dropped (0.02, not 0.02000); with `keepZeros`, kept (0.140).
 * Very small or large values in powers of ten: 1.82×10⁻⁵.
 */
export function sig(x: number | null | undefined, digits = 4, keepZeros = false): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  // the notation follows the exponent after rounding (99,999.6 to 4 digits is 1×10⁵)
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  const e = Number(exponent);
  let text: string;
  if (e < -4 || e >= 5) {
    text = (keepZeros ? mantissa : Number(mantissa).toString()) + timesTenTo(e);
  } else {
    const fixed = x.toFixed(Math.max(0, digits - 1 - e));
    text = keepZeros ? fixed : Number(fixed).toString();
  }
  return text.replace(/-/g, MINUS);
}

/** Text as `sig` / `signed` show it, in the plain notation Number() reads: -1.82e-5 for −1.82×10⁻⁵. */
export function plainNumberText(text: string): string {
  return text
    .replace(/\u2212/g, '-')
    .replace(
      /×10(⁻?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g,
      (_, minus: string, digits: string) =>
        `e${minus ? '-' : ''}${Array.from(digits, (d) => SUPERSCRIPT.indexOf(d)).join('')}`,
    );
}

/** Reads back a number shown with `sig` / `signed` (typographic minus, powers of ten). */
export function parseShown(text: string): number {
  return Number(plainNumberText(text.trim()));
}

/** A signed quantity (nudge, gradient) with its sign and the same significant digits in every row. */
export function signed(x: number, digits = 3): string {
  const s = sig(x, digits, true);
  return x > 0 ? `+${s}` : s;
}

/**
 * A formatter for signed values listed side by side (a panel's bars): every value in the
 * notation of the list's `largest` |value|, so the rows compare at a glance. Plain decimals, to
 * the place that gives the largest `digits` significant digits (+0.000330, +0.000026, 0), or,
 * where `sig` would write the largest with a power of ten, that power on every row (+3.30×10⁻⁵,
 * +0.26×10⁻⁵). One row in each notation ("+0.000330" over "+2.62×10⁻⁵") read as unrelated
 * numbers. Only an exact 0 is written 0; a row too small for the places is written on its own,
 * as `signed` writes it to two digits (−3.5×10⁻⁸): "−0.00×10⁻⁵" read as a negative zero to a
 * teacher. With three digits or more, so is a row that the places would give a single digit:
 * "+0.01×10⁻⁶" beside "+4.0×10⁻⁹" in one column of the weight table puzzled a student, as did
 * "+0.001" (0.0005) beside "−0.00049"; now +1.4×10⁻⁸ and +0.00050.
 */
export function signedList(largest: number, digits = 3): (x: number) => string {
  if (!(largest > 0) || !Number.isFinite(largest)) return (x) => signed(x, digits);
  const e = Number(largest.toExponential(digits - 1).split('e')[1]);
  const withSign = (x: number, text: string) => (x > 0 ? `+${text}` : text);
  // below this many units of the last place a row is written on its own: 10 (a row the places give
  // one digit) where the list shows three digits or more, else 1 (only a row that rounds to 0); a
  // whole number's one digit is exact to the unit (+6 beside +123)
  const oneDigit = digits >= 3 ? 10 : 1;
  if (e >= -4 && e < 5) {
    const decimals = Math.max(0, digits - 1 - e);
    return (x) => {
      if (!Number.isFinite(x)) return signed(x, digits);
      if (x === 0) return '0';
      const text = x.toFixed(decimals);
      return Math.abs(Number(text)) < (decimals > 0 ? oneDigit : 1) * 10 ** -decimals
        ? signed(x, 2)
        : withSign(x, text).replace(/-/g, MINUS);
    };
  }
  const unit = 10 ** e;
  return (x) => {
    if (!Number.isFinite(x)) return signed(x, digits);
    if (x === 0) return '0';
    const text = (x / unit).toFixed(digits - 1);
    return Math.abs(Number(text)) < oneDigit * 10 ** (1 - digits)
      ? signed(x, 2)
      : withSign(x, text).replace(/-/g, MINUS) + timesTenTo(e);
  };
}

/** x to `decimals` places with the typographic minus; a value that rounds to zero is 0, unsigned. */
export function fixed(x: number, decimals: number): string {
  const text = x.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text.replace(/-/g, MINUS);
}

/**
 * A column of `terms` and the sum under it, written so that they add up: the fewest decimal
 * places at which the terms, each rounded, add up (exactly, as a student adds them) to a total
 * that still reads as their true `sum` to `digits` significant digits, as `sig` shows it
 * elsewhere. At 3 significant digits each, 16 terms up to ±0.1 that nearly cancel added up to
 * 0.00354 beside a sum of 0.00382. Null when no place up to `maxDigits` significant digits of
 * the largest term does it (the terms cancel almost exactly).
 */
export function columnThatAddsUp(
  terms: readonly number[],
  sum: number,
  digits = 4,
  maxDigits = 8,
): { decimals: number; total: number } | null {
  if (!Number.isFinite(sum) || terms.some((t) => !Number.isFinite(t))) return null;
  const largest = Math.max(Math.abs(sum), ...terms.map(Math.abs));
  if (largest === 0) return { decimals: 0, total: 0 };
  const magnitude = (x: number) => Math.floor(Math.log10(Math.abs(x)));
  const first = Math.max(0, digits - 1 - magnitude(sum === 0 ? largest : sum));
  const last = maxDigits - 1 - magnitude(largest);
  const wanted = sig(sum, digits);
  for (let d = first; d <= last; d++) {
    // in units of the last place, rounded exactly as `fixed` shows them
    let units = 0;
    for (const t of terms) units += Math.round(Number(t.toFixed(d)) * 10 ** d);
    const total = Number((units / 10 ** d).toFixed(d));
    if (sig(total, digits) === wanted) return { decimals: d, total };
  }
  return null;
}

/**
 * One term of a column that adds up (columnThatAddsUp), as shown: an exact 0 reads 0 (a path
 * through an inactive neuron), a term too small for the column's places ≈ 0 (not "0.00000"
 * beside its own δ of 6.97×10⁻¹⁰), others to the column's places; sig(term, 3) without a column.
 */
export function columnEntry(term: number, column: { decimals: number } | null): string {
  if (term === 0) return '0';
  if (!column) return sig(term, 3);
  const shown = fixed(term, column.decimals);
  return parseShown(shown) === 0 ? '≈ 0' : shown;
}

/** The index of the value largest in size (|value|; the first of equals, 0 for none). */
export function indexOfLargestAbs(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (Math.abs(values[k]) > Math.abs(values[best])) best = k;
  return best;
}

/** One formatter for every count (toLocaleString made a new one each call: ~5 ms a second of the page's thread while playing). */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with its thousands grouped, as every count in the app: 50,000. */
export function count(n: number): string {
  return COUNT_FORMAT.format(n);
}
