/** 'smooth' scrolling, unless the reader asked the system for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/** Scrolls the bottom panel (charts, weight table, cost surface) to the top of the screen. */
export function revealBottomPanel(): void {
  document.querySelector('[data-testid=bottom-panel]')?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
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
