/** What every SVG chart shares: its size, margins, reusable layers and axis styling. */
import { select, type Selection } from 'd3';
import { MUTED_INK } from '../palette';
import { canvasFont } from '../font';

export interface ChartSize {
  /** CSS pixels. */
  width: number;
  height: number;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const MARGIN: Margin = { top: 22, right: 14, bottom: 30, left: 44 };

export const INK = '#1f2328';
export const MUTED = MUTED_INK;
export const GRID = '#ecebe6';
export const ACCENT = '#2f6fb3';
/** Categorical pair for validation / test: blue and a dark violet, apart from the signed orange. */
export const VALIDATION = '#2f6fb3';
export const TEST = '#6b3fa0';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

/** The child `<tag class=name>` of `parent`, created on first use so redraws reuse it. */
export function layer<K extends keyof SVGElementTagNameMap>(
  parent: Selection<SVGElement, unknown, null, undefined> | Svg | Group,
  tag: K,
  name: string,
): Selection<SVGElementTagNameMap[K], unknown, null, undefined> {
  const node = parent.node() as SVGElement;
  let child = Array.from(node.children).find((c) => c.tagName === tag && c.classList.contains(name)) as
    SVGElementTagNameMap[K] | undefined;
  if (!child) {
    child = node.ownerDocument.createElementNS('http://www.w3.org/2000/svg', tag) as SVGElementTagNameMap[K];
    child.setAttribute('class', name);
    node.appendChild(child);
  }
  return select(child);
}

/** Sizes the SVG and returns the plot area (inside the margins). */
export function prepare(svgNode: SVGSVGElement, size: ChartSize, margin: Margin = MARGIN) {
  const svg = select(svgNode)
    .attr('width', size.width)
    .attr('height', size.height)
    .attr('viewBox', `0 0 ${size.width} ${size.height}`);
  const innerWidth = Math.max(10, size.width - margin.left - margin.right);
  const innerHeight = Math.max(10, size.height - margin.top - margin.bottom);
  const plot = layer(svg, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  return { svg, plot, innerWidth, innerHeight, margin };
}

/** Quiet axes: no domain line on y, muted ticks, small tabular numbers. */
export function styleAxis(g: Group): void {
  g.attr('font-size', 11).attr('font-family', 'inherit').attr('color', MUTED);
  g.selectAll('.domain').attr('stroke', '#c9c6bd');
  g.selectAll('.tick line').attr('stroke', '#c9c6bd');
}

export interface LegendEntry {
  color: string;
  dash?: string;
  opacity?: number;
  width?: number;
  text: string;
  /** The text whose width the layout reserves, when `text` changes as training plays ("smoothed 0.17"). */
  room?: string;
}

/** Height of a legend row, px; the first is centred 11 px from the top. */
export const LEGEND_ROW = 14;

/** An entry's width: its swatch (16 px and 4 apart), its text, and 10 px to the next. */
function entryWidth(e: LegendEntry): number {
  // the room's text, so that rows (and the plot's top) do not jump as a number in the text changes;
  // jsdom cannot measure: an estimate there
  const text = e.room ?? e.text;
  return 30 + (drawnTextWidth(text, 11) || text.length * 6);
}

/**
 * Where each legend entry goes ([x, row]): from `x`, or as far left as `minX` where a row would
 * run past the chart's right edge (`width`, into the next chart), and on a new row where even that
 * is not enough. The cost chart keeps `minX` at `x`: shifted left, its legend ran over the "C" of
 * its y axis, and still into the next chart once "undone" and "before" joined it.
 */
export function legendLayout(
  entries: LegendEntry[],
  x: number,
  width: number,
  minX = 2,
): { at: [number, number][]; rows: number } {
  const room = width - 2 - minX;
  const at: [number, number][] = [];
  const rowWidths: number[] = [];
  let offset = 0;
  for (const e of entries) {
    const w = entryWidth(e);
    if (offset > 0 && offset + w - 10 > room) {
      rowWidths.push(offset - 10);
      offset = 0;
    }
    at.push([offset, rowWidths.length]);
    offset += w;
  }
  rowWidths.push(offset - 10);
  // each row from x, or further left when it would run past the edge (down to 2 for one entry too wide)
  const starts = rowWidths.map((w) => Math.max(2, Math.min(x, width - w - 2)));
  return { at: at.map(([o, r]) => [starts[r] + o, r]), rows: rowWidths.length };
}

/** `margin` with room at the top for the legend's rows beyond the first. */
export function marginForLegend(margin: Margin, entries: LegendEntry[], x: number, width: number, minX = 2): Margin {
  return { ...margin, top: margin.top + (legendLayout(entries, x, width, minX).rows - 1) * LEGEND_ROW };
}

/** The legend at the top of the chart: [swatch style, text] entries, laid out by legendLayout. */
export function drawLegend(svg: Svg, x: number, entries: LegendEntry[], minX = 2): void {
  const g = layer(svg, 'g', 'legend').attr('font-size', 11);
  const items = g
    .selectAll<SVGGElement, LegendEntry>('g.entry')
    .data(entries)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'entry');
      e.append('line').attr('x1', 0).attr('x2', 16).attr('y1', 0).attr('y2', 0);
      e.append('text').attr('x', 20).attr('dy', '0.32em').attr('fill', INK);
      return e;
    });
  items
    .select('line')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', (d) => d.width ?? 2)
    .attr('stroke-opacity', (d) => d.opacity ?? 1)
    .attr('stroke-dasharray', (d) => d.dash ?? null);
  items.select('text').text((d) => d.text);
  const { at } = legendLayout(entries, x, Number(svg.attr('width')) || Infinity, minX);
  items.attr('transform', (_, i) => `translate(${at[i][0]},${at[i][1] * LEGEND_ROW})`);
  g.attr('transform', 'translate(0,11)');
}

/** A centred note in the plot area ("no updates yet"), or none. */
export function drawNote(plot: Group, innerWidth: number, innerHeight: number, text: string | null): void {
  // one line per '\n', centred on the plot's middle
  const lines = text ? text.split('\n') : [];
  layer(plot, 'text', 'note')
    .attr('x', innerWidth / 2)
    .attr('y', innerHeight / 2 - ((lines.length - 1) * 15) / 2)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .attr('font-size', 12)
    .selectAll('tspan')
    .data(lines)
    .join('tspan')
    .attr('x', innerWidth / 2)
    .attr('dy', (_, i) => (i === 0 ? 0 : 15))
    .text((d) => d);
}

/** A drawn label's width in px, where the browser can measure it (0 in jsdom, which cannot). */
export function textWidth(text: SVGTextElement | null): number {
  return text && typeof text.getComputedTextLength === 'function' ? text.getComputedTextLength() : 0;
}

let measurer: CanvasRenderingContext2D | null | undefined;
const measured = new Map<string, number>();

/**
 * The width `text` is drawn at in a chart at `fontSize` px (the page's font), measured on a
 * canvas (0 in jsdom, which cannot measure). Unlike getComputedTextLength it lays nothing out:
 * the confusion matrix measured its hundred counts mid-frame at each epoch's end while playing,
 * a forced layout of the whole page (up to 29 ms, twice when a count was shrunk). Reading the
 * SVG's computed font instead forced one too (85 ms under load), so the font is the page's, as
 * written in styles.css. Widths are kept per size and text: the counts repeat.
 */
export function drawnTextWidth(text: string, fontSize: number): number {
  if (!text || typeof SVGTextElement === 'undefined' || !('getComputedTextLength' in SVGTextElement.prototype))
    return 0;
  const key = `${fontSize}|${text}`;
  const known = measured.get(key);
  if (known !== undefined) return known;
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return 0;
  measurer.font = canvasFont(fontSize);
  const width = measurer.measureText(text).width;
  if (measured.size > 5000) measured.clear();
  measured.set(key, width);
  return width;
}

/** A white halo behind an SVG text, so it stays legible where a line passes under it. */
export function halo<E extends SVGTextElement>(text: Selection<E, unknown, null, undefined>) {
  return text.attr('stroke', 'white').attr('stroke-width', 3).attr('paint-order', 'stroke');
}

/** The x axis's name, at the plot's bottom right, above the axis. */
export function drawXTitle(plot: Group, innerWidth: number, innerHeight: number, text: string): void {
  halo(
    layer(plot, 'text', 'x-title')
      .attr('x', innerWidth)
      // under the tick labels, in the margin: inside the plot it sat on the curves' latest points
      .attr('y', innerHeight + 27)
      .attr('text-anchor', 'end')
      .attr('font-size', 11)
      .attr('fill', MUTED),
  ).text(text);
}
