/** Number formats shared by the panels: 3-4 significant digits, tabular figures via CSS. */

import { sig } from '../../protocol/numbers';

export { count, parseShown, plainNumberText, sig, signed, signedList } from '../../protocol/numbers';

/**
 * An activation as `sig` shows it, except one that rounds to 1 without being 1 (a saturated
 * sigmoid, a confident softmax): "1 − 2.6×10⁻⁵", not a "1" that reads as certainty.
 */
export function activation(a: number): string {
  const text = sig(a);
  return a < 1 && text === '1' ? `1 \u2212 ${sig(1 - a, 2)}` : text;
}

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * A probability as a percentage to 0.1%, never rounded to a certainty it is not: '<0.1%' and
 * '>99.9%' where toFixed(1) would say 0.0% or 100.0% of a value strictly between 0 and 1.
 */
export function probability(p: number): string {
  if (!Number.isFinite(p)) return '-';
  if (p > 0 && p < 0.0005) return '<0.1%';
  if (p < 1 && p >= 0.9995) return '>99.9%';
  return percent(p);
}
