/**
 * The 2D map at equal scales: a unit along either axis is as long on screen, so the angle at
 * which a walk crosses the contours is true (the review found one axis stretched 1.6 to 2.7 times).
 * So that this leaves no strip, the grid's shorter span is at least half its longer.
 */
import { expect, it } from 'vitest';
import { axesCovering, MAX_MAP_ASPECT } from '../../../src/engine/surface';
import { surface2dFitHeight, surface2dLayout } from '../../../src/render/surface2d-layout';

it('widens the shorter span about its middle to half the longer, and leaves a squarer one alone', () => {
  // a PCA path: far along PC1, little along PC2
  const path = [
    { alpha: -3, beta: 0.1 },
    { alpha: 0, beta: -0.2 },
    { alpha: 5, beta: 0.3 },
  ];
  const axes = axesCovering(path, 31, 0);
  const spanA = axes.alphaMax - axes.alphaMin;
  const spanB = axes.betaMax - axes.betaMin;
  expect(spanA / spanB).toBeCloseTo(MAX_MAP_ASPECT, 9);
  // every point still inside, the middle of β's span where it was
  for (const p of path) expect(p.beta).toBeGreaterThan(axes.betaMin);
  expect((axes.betaMin + axes.betaMax) / 2).toBeCloseTo(0.05, 9);
  // a square's spans stay as they were
  const square = axesCovering([{ alpha: 1, beta: 1 }], 31, 1);
  expect([square.alphaMin, square.alphaMax, square.betaMin, square.betaMax]).toEqual([-1.3, 1.3, -1.3, 1.3]);
});

it('draws a unit of α as long as a unit of β, filling the box one way, from its top left', () => {
  const values = new Float32Array(31 * 31);
  const layoutOf = (alphaSpan: number, betaSpan: number) =>
    surface2dLayout(500, 340, {
      resolution: 31,
      alphaMin: -alphaSpan / 2,
      alphaMax: alphaSpan / 2,
      betaMin: -betaSpan / 2,
      betaMax: betaSpan / 2,
      values,
      stride: 1,
    });
  const plots = [layoutOf(2, 2), layoutOf(4, 2), layoutOf(2, 4)].map((layout) => {
    const [x0, y0] = layout.toPixel({ alpha: 0, beta: 0 });
    const [x1] = layout.toPixel({ alpha: 1, beta: 0 });
    const [, y1] = layout.toPixel({ alpha: 0, beta: 1 });
    expect(x1 - x0).toBeCloseTo(y0 - y1, 9);
    return layout.plot;
  });
  const [square, wide, tall] = plots;
  // the box is wider than tall: a square map fills its height, a wide one its width
  expect(square.width).toBeCloseTo(square.height, 9);
  expect(wide.width).toBeGreaterThan(square.width);
  expect(wide.width).toBeCloseTo(2 * wide.height, 9);
  expect(tall.height).toBeCloseTo(square.height, 9);
  expect(tall.width).toBeCloseTo(square.width / 2, 9);
  // all from the same top left, inside the canvas
  for (const p of plots) {
    expect([p.x, p.y]).toEqual([square.x, square.y]);
    expect(p.x + p.width).toBeLessThanOrEqual(500);
    expect(p.y + p.height).toBeLessThanOrEqual(340);
  }
});

it('the stacked panel’s box takes the map’s height at its width: a 2:1 map on a phone leaves no empty band', () => {
  const grid = {
    resolution: 31,
    alphaMin: -6,
    alphaMax: 6,
    betaMin: -3,
    betaMax: 3,
    values: new Float32Array(31 * 31),
    stride: 1,
  };
  const width = 350;
  const fit = surface2dFitHeight(width, grid);
  expect(fit).toBeLessThan(320 * 0.7);
  // drawn at that height, the map spans the box's width and reaches the bottom margin; the colour
  // bar lies under it at this width, so the map has the 66 px the bar took on its right (225 px
  // wide on a phone, before)
  const { plot } = surface2dLayout(width, fit, grid);
  expect(plot.x + plot.width).toBeCloseTo(width - 14, 6);
  expect(fit - (plot.y + plot.height)).toBeLessThanOrEqual(36 + 34 + 1);
  // a wider canvas keeps the bar on the right
  expect(surface2dLayout(600, 340, grid).plot.x + surface2dLayout(600, 340, grid).plot.width).toBeCloseTo(600 - 66, 6);
  // with wider tick labels (a larger left margin) the map is narrower, so never taller than the box
  expect(surface2dLayout(width, fit, grid, 80).plot.height).toBeLessThanOrEqual(plot.height);
});
