/** Number formats shared by the panels: 3-4 significant digits, tabular figures via CSS. */

export { parseShown, plainNumberText, sig, signed } from '../../protocol/numbers';

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(1)}%`;
}

/** A count with its thousands grouped, as every count in the app: 50,000. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
