/** 'smooth' scrolling, unless the reader asked the system for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/** Scrolls the bottom panel (charts, weight table, cost surface) to the top of the screen. */
export function revealBottomPanel(): void {
  document.querySelector('[data-testid=bottom-panel]')?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
}
