import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PointedValue } from '../../src/views/PointedValue';

/** A 28×28 map of 4 px cells whose canvas's first cell is at (100, 50) on the page. */
function showMap() {
  const values = new Float32Array(784);
  values[12 * 28 + 14] = -0.0123;
  values[27 * 28 + 3] = 0.5;
  render(
    <PointedValue values={values} cols={28} rows={28} cell={4} testId="map">
      <canvas data-testid="canvas" />
    </PointedValue>,
  );
  const canvas = screen.getByTestId('canvas');
  canvas.getBoundingClientRect = () => ({ left: 100, top: 50, width: 112, height: 112 }) as DOMRect;
  return canvas;
}

describe('the value under the pointer on a signed map', () => {
  it('writes the pixel and its signed value, in the corner away from the pointer, and goes when it leaves', () => {
    const canvas = showMap();
    // the sign was told by hue alone (orange −, blue +): lost without colour vision
    fireEvent.pointerMove(canvas, { clientX: 100 + 14 * 4 + 1, clientY: 50 + 12 * 4 + 2 });
    const note = screen.getByTestId('map-pointed');
    expect(note.textContent).toBe('pixel 350: \u22120.0123');
    expect(note.className).toContain('at-bottom');
    fireEvent.pointerMove(canvas, { clientX: 100 + 3 * 4, clientY: 50 + 27 * 4 + 3 });
    expect(screen.getByTestId('map-pointed').textContent).toBe('pixel 759: +0.500');
    expect(screen.getByTestId('map-pointed').className).toContain('at-top');
    fireEvent.pointerLeave(canvas.parentElement!);
    expect(screen.queryByTestId('map-pointed')).toBeNull();
  });

  it('writes nothing outside the cells', () => {
    const canvas = showMap();
    fireEvent.pointerMove(canvas, { clientX: 100 + 112 + 1, clientY: 60 });
    expect(screen.queryByTestId('map-pointed')).toBeNull();
  });
});
