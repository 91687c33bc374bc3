/** 'smooth' scrolling, unless the reader asked the system for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/** Scrolls the bottom panel (charts, weight table, cost surface) to the top of the screen. */
export function revealBottomPanel(): void {
  revealBottomPanelWith();
}

/**
 * The bottom panel brought up, the focus on its open tab ("charts below", a skip link): left where
 * it was, the focus lay off screen, and the next Tab went back up the page (a keyboard review).
 */
export function goToBottomPanel(): void {
  revealBottomPanel();
  document
    .querySelector<HTMLElement>('[data-testid=bottom-panel] [role=tab][aria-selected=true]')
    ?.focus({ preventScroll: true });
}

/**
 * Scrolls the bottom panel to the top of the screen; with `chart` (a data-testid in it), further
 * down if that chart would end below the screen's foot, or under the lesson's bar there (small
 * screens): just far enough for its bottom to clear it, and at most half a screen (on a phone the
 * charts stack, and the chart lies screens below the panel's top: the panel's top stays). On a
 * 1024x768 tablet, below the sticky card, the learning-rate chart step 9 is about showed 113 of
 * its 266 px.
 */
export function revealBottomPanelWith(chart?: string): void {
  const panel = document.querySelector('[data-testid=bottom-panel]');
  if (!panel) return;
  const el = chart ? document.querySelector(`[data-testid="${chart}"]`) : null;
  if (!el) return panel.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
  const bar = document.querySelector('[data-testid=lesson-dock]');
  const foot = bar ? bar.getBoundingClientRect().top : window.innerHeight;
  const y = window.scrollY;
  const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  const panelTop = panel.getBoundingClientRect().top + y - padding;
  const chartBottom = el.getBoundingClientRect().bottom + y + 8;
  const lift = chartBottom - foot - panelTop;
  // lifted by half a screen at most (the panel's tabs stay in sight); further, the chart alone
  // where it fits above the bar: on a landscape phone (390 px tall) step 9's learning-rate chart
  // lay wholly below the screen, its lift 320 px
  const r = el.getBoundingClientRect();
  const fits = r.height + 8 <= foot - padding;
  const top =
    lift <= 0 ? panelTop : lift <= window.innerHeight / 2 ? panelTop + lift : fits ? chartBottom - foot : panelTop;
  if (Math.abs(top - y) > 1) window.scrollTo({ top, behavior: scrollBehavior() });
}

/**
 * Brings the whole network view into sight (its input image is at its top) when part of it is off
 * screen or under the lesson card: a test digit picked under the confusion matrix was shown in the
 * network out of sight ("click one to see it in the network", at 1280x720 and on a tablet).
 */
export function revealNetwork(): void {
  const el = document.querySelector('[data-testid=network-canvas]');
  if (!el) return;
  const r = el.getBoundingClientRect();
  // the lesson card, where it sticks at the top, covers as much (styles.css)
  const covered = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  if (r.top >= covered - 1 && r.bottom <= window.innerHeight + 1) return;
  // taller than the room below the card, or its top hidden: its top first (the input image); 'nearest'
  // would show its bottom edge
  const tall = r.height > window.innerHeight - covered;
  el.scrollIntoView({ behavior: scrollBehavior(), block: tall || r.top < covered ? 'start' : 'nearest' });
}

/**
 * Where the page scrolls for a lesson step about the top row (the network and the inspector) when
 * the card sticks at the top: 0, unless the row ends below the screen there, then down by as much
 * as it takes, at most to the card's own top (further, the sticking card would cover the row's
 * top). The settings above the card go first: the card names the step's settings. On a 1024x768
 * touch screen the settings took two rows of 44 px inputs, and the row's foot lay 8-52 px under the
 * screen's bottom edge on steps 2, 5, 6 and 15. In document coordinates: the card's top (where it
 * is not stuck), the lowest bottom of the row's panels, and the screen's height.
 */
export function topRowScroll(cardTop: number, rowBottom: number, screenHeight: number, stuck = false): number {
  // a card already stuck at the top (the step before was about the bottom panel) stays there: back
  // at 0 its Next came ~96 px lower, and a quick second click on Next pressed the header's New
  // session, which had moved under the pointer (a review at 1920x1080; the row is whole either way)
  if (stuck) return Math.max(0, cardTop - 4);
  return Math.max(0, Math.min(cardTop - 4, Math.ceil(rowBottom - screenHeight)));
}

/** Where scrollToTopRow last left the page (a re-run after the student scrolled leaves it be). */
let placedAt: number | null = null;

/**
 * Scrolls the page (at once) to topRowScroll for the page as it is laid out now. `again`: a re-run
 * while the card settles, which does nothing once the student has scrolled the page themselves.
 */
export function scrollToTopRow(again = false): void {
  if (again && placedAt !== null && Math.abs(window.scrollY - placedAt) > 1) return;
  const card = document.querySelector('[data-testid=lesson-panel]');
  const panels = document.querySelectorAll('.network-panel, .inspector');
  if (!card || panels.length === 0) {
    if (window.scrollY > 0) window.scrollTo({ top: 0 });
    placedAt = window.scrollY;
    return;
  }
  // a stuck card's rectangle is where it sticks, not its place: then measured from the top (no
  // frame is drawn between the two scrolls)
  const cardAt = card.getBoundingClientRect().top;
  // the card at the screen's top, or nearer it than its place: stuck there, or put there by the
  // step before (4 px down, and lower by a notice that came above it since)
  const stuck = window.scrollY > cardAt;
  if (window.scrollY > 0 && cardAt <= 0.5) window.scrollTo({ top: 0 });
  const y = window.scrollY;
  const rowBottom = Math.max(...Array.from(panels, (p) => p.getBoundingClientRect().bottom)) + y;
  const top = topRowScroll(card.getBoundingClientRect().top + y, rowBottom, window.innerHeight, stuck);
  if (Math.abs(y - top) > 1) window.scrollTo({ top });
  placedAt = window.scrollY;
}
