import { describe, expect, it } from 'vitest';
import { drawSignedHeatmap } from '../../../src/render/heatmap';
import { signedScale } from '../../../src/render/palette';

/** The colour given to each of the side x side cells, in order. */
function colours(values: number[], side: number): string[] {
  const seen: string[] = [];
  const ctx = {
    fillStyle: '',
    fillRect() {
      seen.push(this.fillStyle);
    },
  };
  drawSignedHeatmap(ctx as unknown as CanvasRenderingContext2D, values, 0, 0, 1, side);
  return seen;
}

describe('drawSignedHeatmap', () => {
  it('gives the strongest colour to the largest |value| however small (a saturated network’s 10⁻²⁶ was left blank)', () => {
    expect(colours([-1.07e-26, 5.35e-27, 0, 0], 2)).toEqual([
      signedScale(-1),
      signedScale(0.5),
      signedScale(0),
      signedScale(0),
    ]);
  });

  it('leaves a map of zeros blank', () => {
    expect(colours([0, 0, 0, 0], 2)).toEqual(Array(4).fill(signedScale(0)));
  });
});
