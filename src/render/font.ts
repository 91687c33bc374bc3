/**
 * The page's font (styles.css, :root: a unit test keeps the two the same), for canvases and for
 * measuring text as the SVG charts draw it, so a canvas's labels match the page's.
 */
export const PAGE_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** A canvas `font` of `px` pixels in the page's font, bold for `weight` 600. */
export function canvasFont(px: number, weight?: 600): string {
  return `${weight ? `${weight} ` : ''}${px}px ${PAGE_FONT}`;
}
