/** Number formats shared by the panels: 3-4 significant digits, tabular figures via CSS. */

export { count, parseShown, plainNumberText, sig, signed } from '../../protocol/numbers';

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(1)}%`;
}
