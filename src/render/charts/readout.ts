/**
 * A value readout under the pointer for the line charts: a vertical rule at the nearest point,
 * a dot on it and one line of text ("update 1,200: C = 0.31, smoothed 0.29"). The chart passes
 * `pick` on every draw (its scales change as training goes on); the pointer's place is kept on
 * the SVG node, so a readout being looked at follows the redraws instead of vanishing.
 */
import type { Group, Margin, Svg } from './frame';
import { INK, MUTED, layer, textWidth } from './frame';

export interface ReadoutPoint {
  /** Plot coordinates of the point. */
  x: number;
  y: number;
  text: string;
}

interface Attached {
  pick: (px: number) => ReadoutPoint | null;
  plot: Group;
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  /** The pointer's x in the plot, or null when it is away. */
  px: number | null;
}

const attached = new WeakMap<SVGSVGElement, Attached>();

function render(a: Attached): void {
  const g = layer(a.plot, 'g', 'readout').attr('pointer-events', 'none');
  const p = a.px === null ? null : a.pick(a.px);
  g.attr('display', p ? null : 'none');
  if (!p) return;
  const y = Math.max(0, Math.min(a.innerHeight, p.y));
  layer(g, 'line', 'rule')
    .attr('x1', p.x)
    .attr('x2', p.x)
    .attr('y1', 0)
    .attr('y2', a.innerHeight)
    .attr('stroke', MUTED)
    .attr('stroke-opacity', 0.6);
  layer(g, 'circle', 'dot').attr('cx', p.x).attr('cy', y).attr('r', 3.5).attr('fill', INK);
  // beside the point, on the side with room; a white halo keeps it readable over the curves
  const right = p.x < a.innerWidth / 2;
  const label = layer(g, 'text', 'label')
    .attr('x', right ? p.x + 6 : p.x - 6)
    .attr('y', y < 20 ? y + 16 : y - 8)
    .attr('text-anchor', right ? 'start' : 'end')
    .attr('font-size', 11)
    .attr('fill', INK)
    .attr('stroke', 'white')
    .attr('stroke-width', 3)
    .attr('paint-order', 'stroke')
    .attr('data-testid', 'chart-readout')
    .text(p.text);
  // a long line near the middle ran out of its chart and over the next one: kept inside the SVG
  const width = textWidth(label.node());
  const lo = -a.margin.left + 4;
  const hi = a.innerWidth + a.margin.right - 4;
  if (right) label.attr('x', Math.max(lo, Math.min(p.x + 6, hi - width)));
  else label.attr('x', Math.min(hi, Math.max(p.x - 6, lo + width)));
}

/** Shows `pick`'s point for the pointer over `svg`'s plot area; call it on every draw. */
export function drawReadout(
  svg: Svg,
  plot: Group,
  margin: Margin,
  innerWidth: number,
  innerHeight: number,
  pick: (px: number) => ReadoutPoint | null,
): void {
  const node = svg.node()!;
  const known = attached.get(node);
  const a: Attached = { pick, plot, margin, innerWidth, innerHeight, px: known?.px ?? null };
  attached.set(node, a);
  if (!known) {
    svg.on('pointermove.readout', (event: PointerEvent) => {
      const now = attached.get(node)!;
      const px = event.clientX - node.getBoundingClientRect().left - now.margin.left;
      now.px = px >= 0 && px <= now.innerWidth ? px : null;
      render(now);
    });
    svg.on('pointerleave.readout', () => {
      const now = attached.get(node)!;
      now.px = null;
      render(now);
    });
  }
  render(a);
}
