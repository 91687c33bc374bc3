import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseShown } from '../../src/protocol/numbers';
import { colourBarTicks } from '../../src/render/surface-scale';
import { ColourBar, tipLeft } from '../../src/views/surface/SurfaceCanvas';

describe("the 3D view's colour bar", () => {
  it("names the costs the 2D map's bar names, top down, each at its height on the log scale", () => {
    const values = Float32Array.from(
      { length: 31 * 31 },
      (_, k) => 0.234 * Math.exp((k / (31 * 31 - 1)) * Math.log(23 / 0.234)),
    );
    render(<ColourBar values={values} />);
    const ticks = Array.from(screen.getByTestId('surface-colour-bar').querySelectorAll<HTMLElement>('.tick'));
    const named = ticks.map((t) => parseShown(t.textContent ?? ''));
    // the 2D bar's ticks for the same range (jsdom has no layout: useElementSize's fallback height, 240 px)
    const map = colourBarTicks(values[0], values[values.length - 1], 240).sort((a, b) => b - a);
    expect(named).toHaveLength(map.length);
    named.forEach((c, k) => expect(c).toBeCloseTo(map[k], 2));
    expect(named.length).toBeGreaterThan(3); // the old bar: its two ends and their geometric middle
    // placed by log C: 2 sits where log(2 / 0.234) / log(23 / 0.234) of the way up puts it
    const two = ticks[named.indexOf(2)];
    const f = Math.log(2 / 0.234) / Math.log(23 / 0.234);
    expect(parseFloat(two.style.top)).toBeCloseTo((1 - f) * 100, 6);
  });
});

describe("the 2D map's hover tip", () => {
  const text = 'C = 0.138 (nearest grid point)\nrandom direction 1 = 0\nrandom direction 2 = −0.0867';
  const tipWidth = 30 * 6.7 + 14;

  it('stays inside a phone’s narrow map wherever the pointer is, beside it where there is room', () => {
    // a map narrower than the tip: inside the canvas
    const narrow = { x: 50, width: 180 };
    for (let x = 50; x <= 230; x += 5) {
      const left = tipLeft(x, text, narrow, 300);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left + tipWidth).toBeLessThanOrEqual(300 + 1e-9);
    }
    // a wide map: inside it, right of the pointer on its left half, left of it on its right half
    const wide = { x: 50, width: 500 };
    for (let x = 50; x <= 550; x += 5) {
      const left = tipLeft(x, text, wide, 620);
      expect(left).toBeGreaterThanOrEqual(50);
      expect(left + tipWidth).toBeLessThanOrEqual(550 + 1e-9);
    }
    expect(tipLeft(100, text, wide, 620)).toBe(112);
    expect(tipLeft(500, text, wide, 620) + tipWidth).toBeCloseTo(488, 9);
  });
});
