import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/render/network-layout';
import { wishLength } from '../../../src/render/network-nodes';

describe('the nudge bars’ length', () => {
  it('is 22 px where the layers have room, and never reaches the layer before on a phone', () => {
    const sizes = [784, 16, 16, 10];
    const wide = computeLayout(sizes, 800, 500);
    for (let l = 1; l < sizes.length; l++) expect(wishLength(wide, l)).toBe(22);
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
