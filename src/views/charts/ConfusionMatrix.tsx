/** The confusion matrix: hover (or arrow keys) names a cell, a click or Enter picks it. */
import { memo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import {
  CLASSES,
  cellAt,
  confusionLayout,
  describeCell,
  drawConfusion,
  type Cell,
} from '../../render/charts/confusion';
import { useElementSize, useFrameDraw } from './use-chart';
import { onTouchScreen } from '../use-media';

interface ConfusionMatrixProps {
  matrix: Uint32Array | null;
  selected: Cell | null;
  onSelect: (cell: Cell) => void;
}

const sameCell = (a: Cell | null, b: Cell | null) =>
  a === b || (a !== null && b !== null && a.label === b.label && a.predicted === b.predicted);

function sameMatrix(a: Uint32Array | null, b: Uint32Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How the digits close: Esc, or on a touch screen (no keyboard) the box's × (a tablet's review read "Esc"). */
function closes(): string {
  return onTouchScreen() ? '× closes them' : 'Esc closes them';
}

export const ConfusionMatrix = memo(
  function ConfusionMatrix({ matrix, selected, onSelect }: ConfusionMatrixProps) {
    const box = useRef<HTMLDivElement>(null);
    const svg = useRef<SVGSVGElement>(null);
    const size = useElementSize(box);
    const layout = confusionLayout(size);
    const [hover, setHover] = useState<Cell | null>(null);

    useFrameDraw(() => {
      if (svg.current) drawConfusion(svg.current, matrix, layout, { hover, selected });
    }, [matrix, layout.cell, hover, selected]);

    const cellFromPointer = (e: MouseEvent<SVGSVGElement>) => {
      const rect = e.currentTarget.getBoundingClientRect();
      return cellAt(layout, e.clientX - rect.left, e.clientY - rect.top);
    };
    const onPointerMove = (e: MouseEvent<SVGSVGElement>) => {
      const cell = cellFromPointer(e);
      if (!sameCell(cell, hover)) setHover(cell);
    };
    const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
      const from = hover ?? selected ?? { label: 0, predicted: 0 };
      const move: Record<string, [number, number]> = {
        ArrowUp: [-1, 0],
        ArrowDown: [1, 0],
        ArrowLeft: [0, -1],
        ArrowRight: [0, 1],
      };
      if (e.key in move) {
        e.preventDefault();
        const [dr, dc] = move[e.key];
        const clamp = (v: number) => Math.max(0, Math.min(CLASSES - 1, v));
        setHover({ label: clamp(from.label + dr), predicted: clamp(from.predicted + dc) });
      } else if ((e.key === 'Enter' || e.key === ' ') && matrix) {
        e.preventDefault();
        onSelect(from);
      }
    };

    return (
      <>
        <div className="chart-area" ref={box} style={{ width: size.height }}>
          <svg
            ref={svg}
            data-testid="confusion-matrix"
            // one focusable widget (its cells are drawn, not elements): arrows move, Enter picks,
            // the readout below speaks the cell
            role="application"
            aria-roledescription="confusion matrix"
            tabIndex={0}
            aria-label="Confusion matrix of the test set: rows are true digits, columns what the network read. Arrow keys move between cells, Enter shows a cell's digits"
            onPointerMove={onPointerMove}
            onPointerLeave={() => setHover(null)}
            onBlur={() => setHover(null)}
            onKeyDown={onKeyDown}
            onClick={(e) => {
              const cell = cellFromPointer(e);
              if (cell && matrix) onSelect(cell);
            }}
          />
        </div>
        <p className="confusion-readout" data-testid="confusion-readout" aria-live="polite" aria-atomic="true">
          {/* the cell just clicked, still under the pointer, is named by its digits' heading: said twice */}
          {hover && sameCell(hover, selected)
            ? `Its digits are shown beside; ${closes()}.`
            : hover
              ? describeCell(matrix, hover)
              : selected && matrix
                ? `Another cell shows its digits; ${closes()}.`
                : matrix
                  ? onTouchScreen()
                    ? 'Tap a cell to see its digits.'
                    : 'Point at a cell (or use the arrow keys); click it (or Enter) to see its digits.'
                  : 'Filled in after the first epoch.'}
        </p>
      </>
    );
  },
  (a, b) => sameMatrix(a.matrix, b.matrix) && sameCell(a.selected, b.selected) && a.onSelect === b.onSelect,
);
