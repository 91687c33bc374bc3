import { scrollBehavior } from '../motion';

/**
 * The draw pad's section at the top of the controls, where the controls scroll inside themselves
 * (laptops): that panel alone scrolls, so the page keeps its header in view (scrollIntoView scrolled
 * the page too, by the header's height; a laptop review). Elsewhere the page scrolls to it.
 */
function revealDrawPad(): void {
  const section = document.getElementById('draw-a-digit');
  if (!section) return;
  const panel = section.closest<HTMLElement>('.controls-panel');
  const scrolls = panel !== null && /(auto|scroll)/.test(getComputedStyle(panel).overflowY);
  if (!panel || !scrolls || panel.scrollHeight <= panel.clientHeight + 1) {
    section.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
    return;
  }
  const box = panel.getBoundingClientRect();
  /** A y on screen as the panel's scrollTop that puts it at the panel's top. */
  const inPanel = (y: number) => panel.scrollTop + y - box.top;
  // the section at the top; where it is taller than the panel, no further down than puts its ten
  // output bars in view, as long as the pad's top stays in view (a 4 px shorter panel left digit
  // 9's bar under the fold)
  const start = inPanel(section.getBoundingClientRect().top);
  const padBox = section.querySelector('[data-testid=draw-pad]')?.getBoundingClientRect();
  const barsBox = section.querySelector('[data-testid=draw-outputs]')?.getBoundingClientRect();
  const pad = padBox ? inPanel(padBox.top) : null;
  const barsEnd = barsBox ? inPanel(barsBox.bottom) : null;
  const top =
    pad !== null && barsEnd !== null && barsEnd - start > panel.clientHeight
      ? Math.min(pad, barsEnd - panel.clientHeight + 4)
      : start;
  // the panel itself on screen first, where it is not (a smooth scroll of the page after the
  // panel's own cut that one short)
  if (box.top < 0 || box.bottom > innerHeight) panel.scrollIntoView({ behavior: 'instant', block: 'nearest' });
  panel.scrollTo({ top, behavior: scrollBehavior() });
}

/** To the draw pad, with the focus, so the next Tab is in it (not back at the link pressed). */
export function goDraw(): void {
  revealDrawPad();
  document.getElementById('draw-a-digit-title')?.focus({ preventScroll: true });
}
