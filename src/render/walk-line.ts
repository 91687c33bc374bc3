/** A walk's line on the cost map (and the swatch of it in its end note). */

/** The dark casing under a walk's coloured line (also the race cards' swatches). */
export const WALK_CASING = 'rgba(0,0,0,0.7)';

/**
 * A walk's line: its colour over a dark casing, dashed where `dash` says (the casing then shows
 * in the gaps), so the walks differ by more than hue. Also the swatch in its end note.
 */
export function drawPathLine(
  ctx: CanvasRenderingContext2D,
  points: [number, number][],
  colour: string,
  dash: readonly number[] = [],
): void {
  for (const [width, style, pattern] of [
    [4, WALK_CASING, []],
    [2, colour, dash],
  ] as const) {
    ctx.beginPath();
    points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.strokeStyle = style;
    ctx.lineWidth = width;
    ctx.setLineDash(pattern);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}
