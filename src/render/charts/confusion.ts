/**
 * The test-set confusion matrix: row = the true digit, column = what the network read.
 * Counts on a sequential (log) scale so the few mistakes show beside ~1,000 correct.
 */
import { interpolatePuBu, scaleSequentialSymlog } from 'd3';
import { INK, MUTED, drawnTextWidth, layer, prepare, type ChartSize } from './frame';

export const CLASSES = 10;

export interface Cell {
  /** The true digit (row). */
  label: number;
  /** What the network read (column). */
  predicted: number;
}

/** Where the matrix sits in the SVG, in CSS pixels. */
export interface ConfusionLayout {
  left: number;
  top: number;
  cell: number;
}

const LABEL_SPACE = 30;

export function confusionLayout(size: ChartSize): ConfusionLayout {
  const cell = Math.max(8, Math.floor(Math.min(size.width - LABEL_SPACE - 2, size.height - LABEL_SPACE - 2) / CLASSES));
  return { left: LABEL_SPACE, top: LABEL_SPACE, cell };
}

/** The SVG size the matrix needs for a given layout. */
export function confusionExtent(layout: ConfusionLayout): ChartSize {
  return { width: layout.left + layout.cell * CLASSES + 2, height: layout.top + layout.cell * CLASSES + 2 };
}

/** The cell under (x, y) in the SVG's CSS pixels, or null outside the grid. */
export function cellAt(layout: ConfusionLayout, x: number, y: number): Cell | null {
  const col = Math.floor((x - layout.left) / layout.cell);
  const row = Math.floor((y - layout.top) / layout.cell);
  if (col < 0 || row < 0 || col >= CLASSES || row >= CLASSES) return null;
  return { label: row, predicted: col };
}

export function countOf(matrix: ArrayLike<number>, cell: Cell): number {
  return matrix[cell.label * CLASSES + cell.predicted];
}

/** "true 4 read as 9: 23 digits" (and the share of that digit on the diagonal). */
export function describeCell(matrix: ArrayLike<number> | null, cell: Cell): string {
  if (!matrix) return `true ${cell.label} read as ${cell.predicted}`;
  const count = countOf(matrix, cell);
  const digits = `${count} digit${count === 1 ? '' : 's'}`;
  if (cell.label !== cell.predicted) return `true ${cell.label} read as ${cell.predicted}: ${digits}`;
  let row = 0;
  for (let c = 0; c < CLASSES; c++) row += matrix[cell.label * CLASSES + c];
  const share = row ? ` (${((count / row) * 100).toFixed(1)}% of the ${cell.label}s)` : '';
  return `true ${cell.label} read as ${cell.predicted}: ${digits}${share}`;
}

/**
 * Width of a digit, in em, allowed for: DejaVu Sans (Linux's system-ui) has 0.64 em digits,
 * most UI fonts 0.55-0.6. In a browser the drawn width is also measured and the size reduced
 * to fit (fittedSize), so this only has to be close.
 */
const DIGIT_EM = 0.64;

/**
 * Font size for a count of `digits` digits in a cell of `cell` px: as large as fits 90% of the
 * cell's width, at most half its height and 11 px, at least 7 px. One size for every cell made
 * the off-diagonal counts (one or two digits) as small as the diagonal's four (7.6 px at 21 px cells).
 */
export function countFontSize(cell: number, digits: number): number {
  const fits = ((cell - 1) * 0.9) / (DIGIT_EM * Math.max(1, digits));
  return Math.max(7, Math.min(11, cell * 0.5, fits));
}

/**
 * A count as drawn in its cell, and its font size: a count of four digits that would be drawn
 * under 9 px is written in thousands ("1.1k"; the readout under the matrix gives it whole). A
 * student's review read "1111" and "1120" as squeezed into tiny text.
 */
export function countLabel(count: number, cell: number): { text: string; size: number } {
  const text = String(count);
  const size = countFontSize(cell, text.length);
  if (text.length < 4 || size >= 9) return { text, size };
  return { text: `${(count / 1000).toFixed(1)}k`, size: countFontSize(cell, 3) };
}

/** The font size at which `text` fits `width` px: `size`, or less where it is measured wider. */
function fittedSize(text: string, size: number, width: number): number {
  const drawn = drawnTextWidth(text, size);
  return drawn > width ? Math.floor(size * (width / drawn) * 10) / 10 : size;
}

export interface ConfusionState {
  hover: Cell | null;
  selected: Cell | null;
}

export function drawConfusion(
  svgNode: SVGSVGElement,
  matrix: ArrayLike<number> | null,
  layout: ConfusionLayout,
  state: ConfusionState,
): void {
  const { svg } = prepare(svgNode, confusionExtent(layout), { top: 0, right: 0, bottom: 0, left: 0 });
  const { left, top, cell } = layout;
  let max = 1;
  if (matrix) for (let i = 0; i < CLASSES * CLASSES; i++) max = Math.max(max, matrix[i]);
  const color = scaleSequentialSymlog((t: number) => interpolatePuBu(0.05 + 0.95 * t)).domain([0, max]);
  const cells = Array.from({ length: CLASSES * CLASSES }, (_, i) => ({
    label: Math.floor(i / CLASSES),
    predicted: i % CLASSES,
    count: matrix ? matrix[i] : 0,
  }));

  const grid = layer(svg, 'g', 'cells').attr('transform', `translate(${left},${top})`);
  const g = grid
    .selectAll<SVGGElement, (typeof cells)[number]>('g.cell')
    .data(cells)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'cell');
      e.append('rect');
      e.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').attr('pointer-events', 'none');
      return e;
    })
    .attr('transform', (d) => `translate(${d.predicted * cell},${d.label * cell})`)
    .attr('data-label', (d) => d.label)
    .attr('data-predicted', (d) => d.predicted)
    .attr('data-count', (d) => (matrix ? d.count : null));
  g.select('rect')
    .attr('width', cell - 1)
    .attr('height', cell - 1)
    .attr('fill', (d) => (matrix ? (d.count ? color(d.count) : '#fbfbf9') : '#f3f2ee'));
  g.select('text')
    .attr('x', (cell - 1) / 2)
    .attr('y', (cell - 1) / 2)
    .attr('font-size', (d) => {
      const { text, size } = countLabel(d.count, cell);
      return matrix && d.count ? fittedSize(text, size, (cell - 1) * 0.9) : size;
    })
    // symlog position of the fill: white text on the darker third
    .attr('fill', (d) => (Math.log1p(d.count) / Math.log1p(max) > 0.62 ? 'white' : INK))
    .text((d) => (matrix && d.count ? countLabel(d.count, cell).text : ''));

  // the diagonal (read correctly) is outlined as one band
  layer(grid, 'path', 'diagonal')
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 1.5)
    .attr('pointer-events', 'none')
    .attr(
      'd',
      Array.from({ length: CLASSES }, (_, i) => `M${i * cell - 0.5},${i * cell - 0.5}h${cell}v${cell}h${-cell}Z`).join(
        '',
      ),
    );

  const outline = (name: string, c: Cell | null, stroke: string, width: number, dash: string | null = null) =>
    layer(grid, 'rect', name)
      .attr('display', c ? null : 'none')
      .attr('x', c ? c.predicted * cell - 1.5 : 0)
      .attr('y', c ? c.label * cell - 1.5 : 0)
      .attr('width', cell + 2)
      .attr('height', cell + 2)
      .attr('fill', 'none')
      .attr('stroke', stroke)
      .attr('stroke-width', width)
      .attr('stroke-dasharray', dash)
      .attr('pointer-events', 'none');
  // ink, not hue: the hovered cell dashed, the chosen one a dark ring lined in white (seen on the
  // diagonal's dark cells too). In orange and amber they were one colour to a red-green colour-blind
  // reader, and orange means a negative number everywhere else (a colour-vision review).
  outline('hover', state.hover, INK, 2, '3 2');
  outline('selected', state.selected, INK, 4);
  outline('selected-inner', state.selected, 'white', 1.5);

  const labels = layer(svg, 'g', 'labels').attr('font-size', 11).attr('fill', MUTED);
  labels
    .selectAll<SVGTextElement, number>('text.col')
    .data(Array.from({ length: CLASSES }, (_, i) => i))
    .join('text')
    .attr('class', 'col')
    .attr('x', (d) => left + d * cell + (cell - 1) / 2)
    .attr('y', top - 5)
    .attr('text-anchor', 'middle')
    .text(String);
  labels
    .selectAll<SVGTextElement, number>('text.row')
    .data(Array.from({ length: CLASSES }, (_, i) => i))
    .join('text')
    .attr('class', 'row')
    .attr('x', left - 6)
    .attr('y', (d) => top + d * cell + (cell - 1) / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text(String);
  layer(labels, 'text', 'col-title')
    .attr('x', left + (cell * CLASSES) / 2)
    .attr('y', 10)
    .attr('text-anchor', 'middle')
    .text('read as →');
  layer(labels, 'text', 'row-title')
    .attr('transform', `translate(10,${top + (cell * CLASSES) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text('← true digit'); // rotated: the arrow points down the rows
}
