/**
 * The page's four panels in the order the eye reads them, for the DOM: Tab and a screen reader
 * follow the DOM, while the grid (styles.css, `grid-template-areas`) places the panels. Side by
 * side the controls come first; stacked (under 1,024 px wide, and at 200% zoom on a laptop) the
 * network is on top, then in free play the controls and in the lesson the inspector. The draw
 * pad sits at the foot of the controls side by side; stacked it is a panel of its own after both
 * (App.tsx moves its node), where the grid shows it: inside the controls, Tab reached it before
 * the inspector, which the grid puts above it.
 */
export type PanelId = 'controls' | 'network' | 'inspector' | 'draw' | 'bottom';

/** Where the page is one column: as styles.css's `@media (max-width: 1023px)` lays the grid. */
export const STACKED = '(max-width: 1023px)';

export function panelOrder(stacked: boolean, inLesson: boolean): PanelId[] {
  if (!stacked) return ['controls', 'network', 'inspector', 'bottom'];
  return inLesson
    ? ['network', 'inspector', 'controls', 'draw', 'bottom']
    : ['network', 'controls', 'inspector', 'draw', 'bottom'];
}
