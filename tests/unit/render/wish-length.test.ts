import { describe, expect, it } from 'vitest';
import { NEGATIVE, POSITIVE } from '../../../src/render/palette';
import { computeLayout } from '../../../src/render/network-layout';
import { drawWish, wishLength } from '../../../src/render/network-nodes';

describe('the nudge bars’ length', () => {
  it('is 30 px where the layers have room, and never reaches the layer before on a phone', () => {
    const sizes = [784, 16, 16, 10];
    const wide = computeLayout(sizes, 800, 500);
    for (let l = 1; l < sizes.length; l++) expect(wishLength(wide, l)).toBe(30);
    for (const width of [340, 360, 390]) {
      const narrow = computeLayout(sizes, width, 420);
      for (let l = 2; l < sizes.length; l++) {
        // the bar's left end, right of the previous layer's neurons
        const left = narrow.neurons[l][0].x - narrow.radii[l] - 4 - wishLength(narrow, l);
        expect(left, `${width} px, layer ${l}`).toBeGreaterThanOrEqual(
          narrow.neurons[l - 1][0].x + narrow.radii[l - 1] + 4,
        );
        expect(wishLength(narrow, l)).toBeGreaterThan(0);
      }
    }
  });
});

describe('a neuron’s nudge bar', () => {
  /** The rectangles drawn for `wish` in a layer whose largest |wish| is 2, room 30 px ending at x = 100. */
  function rects(wish: number) {
    const drawn: { fill: string; x: number; w: number }[] = [];
    const ctx = {
      fillStyle: '',
      fillRect(x: number, _y: number, w: number) {
        drawn.push({ fill: this.fillStyle, x, w });
      },
    };
    drawWish(ctx as unknown as CanvasRenderingContext2D, 100, 50, wish, [2, -1, wish], 6, 30);
    return drawn;
  }

  it('grows right of a zero tick for an increase and left of it for a decrease, so the sign is not colour alone', () => {
    const [tick, up] = rects(2);
    expect(tick.x + tick.w / 2).toBe(85);
    expect(up).toEqual({ fill: POSITIVE, x: 85, w: 15 });
    const [, down] = rects(-1);
    expect(down).toEqual({ fill: NEGATIVE, x: 85 - 7.5, w: 7.5 });
  });

  it('draws the zero tick alone for a neuron that wants no change', () => {
    expect(rects(0)).toHaveLength(1);
  });
});
