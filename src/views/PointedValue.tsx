/**
 * A map of signed values (a neuron's 28×28 weights or nudges) with the value under the pointer
 * written in a corner: the maps carry the sign by hue alone (orange −, blue +), which a reader
 * without colour vision, or a greyscale handout, loses (a colour-vision review); "numbers are
 * secondary and always one hover away" (the shared UI.md). The note takes the corner away from the
 * pointer (MNIST's corners are blank); over a one-row map (a layer's neurons), above it.
 */
import { useState, type PointerEvent, type ReactNode } from 'react';
import { signed } from '../protocol/numbers';

export interface PointedValueProps {
  /** cols * rows values, row-major, as drawn. */
  values: ArrayLike<number>;
  cols: number;
  rows: number;
  /** CSS px per cell. */
  cell: number;
  testId?: string;
  /** The map's canvas. */
  children: ReactNode;
}

interface Pointed {
  row: number;
  col: number;
  /** The pointer is in the map's top half: the note goes to the bottom. */
  top: boolean;
}

/** The cell under a pointer `x`, `y` CSS px from the map's first cell, or null outside it. */
export function cellAt(x: number, y: number, cols: number, rows: number, cell: number): Pointed | null {
  const col = Math.floor(x / cell);
  const row = Math.floor(y / cell);
  if (col < 0 || row < 0 || col >= cols || row >= rows) return null;
  return { row, col, top: row < rows / 2 };
}

export function PointedValue({ values, cols, rows, cell, testId, children }: PointedValueProps) {
  const [at, setAt] = useState<Pointed | null>(null);
  const point = (e: PointerEvent<HTMLSpanElement>) => {
    const canvas = e.currentTarget.querySelector('canvas');
    if (!canvas) return;
    const box = canvas.getBoundingClientRect();
    setAt(cellAt(e.clientX - box.left - canvas.clientLeft, e.clientY - box.top - canvas.clientTop, cols, rows, cell));
  };
  const value = at ? values[at.row * cols + at.col] : undefined;
  return (
    <span className="pointed-map" onPointerMove={point} onPointerDown={point} onPointerLeave={() => setAt(null)}>
      {children}
      {at && value !== undefined && (
        <span
          className={`note-pill pointed-value ${rows === 1 ? 'above' : at.top ? 'at-bottom' : 'at-top'}`}
          data-testid={testId ? `${testId}-pointed` : undefined}
          aria-hidden="true"
        >
          {/* short: the map is 84-112 px wide, and a longer note lay over the caption beside it */}
          {`${rows === 1 ? 'neuron' : 'pixel'} ${at.row * cols + at.col}: ${signed(value, 3)}`}
        </span>
      )}
    </span>
  );
}
