/** Number formats shared by the panels: 3-4 significant digits, tabular figures via CSS. */

/** The typographic minus (U+2212), as in the formulas beside the numbers. */
const MINUS = '\u2212';

export function sig(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const a = Math.abs(x);
  const text = a >= 1e5 || a < 1e-4 ? x.toExponential(digits - 1) : Number(x.toPrecision(digits)).toString();
  return text.replace(/-/g, MINUS);
}

/** Reads back a number shown with `sig` / `signed` (typographic minus). */
export function parseShown(text: string): number {
  return Number(text.trim().replace(/\u2212/g, '-'));
}

export function signed(x: number, digits = 3): string {
  const s = sig(x, digits);
  return x > 0 ? `+${s}` : s;
}

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(1)}%`;
}
