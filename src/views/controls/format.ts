/** Number formats shared by the panels: 3-4 significant digits, tabular figures via CSS. */

/** The typographic minus (U+2212), as in the formulas beside the numbers. */
const MINUS = '\u2212';

/** x to `digits` significant digits, trailing zeros dropped (0.02, not 0.02000); with `keepZeros`, kept (0.140). */
export function sig(x: number | null | undefined, digits = 4, keepZeros = false): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const a = Math.abs(x);
  const fixed = x.toPrecision(digits);
  const text = a >= 1e5 || a < 1e-4 ? x.toExponential(digits - 1) : keepZeros ? fixed : Number(fixed).toString();
  return text.replace(/-/g, MINUS);
}

/** Reads back a number shown with `sig` / `signed` (typographic minus). */
export function parseShown(text: string): number {
  return Number(text.trim().replace(/\u2212/g, '-'));
}

/** A signed quantity (nudge, gradient) with its sign and the same significant digits in every row. */
export function signed(x: number, digits = 3): string {
  const s = sig(x, digits, true);
  return x > 0 ? `+${s}` : s;
}

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(1)}%`;
}

/** The cost functions as the settings bar and messages name them. */
export const LOSS_LABEL: Record<string, string> = {
  mse: 'squared error Σ(a − y)²',
  'binary-ce': 'binary cross-entropy',
  'categorical-ce': 'categorical cross-entropy',
};
