/**
 * The 3D view's direction names sit outside the floor's near edge: hung 6 px under its middle, a
 * label on a slanted edge lay with one end over the surface after a turn.
 */
import { expect, it } from 'vitest';
import { costRange } from '../../../src/render/surface-scale';
import { heightScale, surfaceEdge } from '../../../src/render/surface3d-geometry';
import { outsideEdge } from '../../../src/views/surface/SurfaceCanvas';

/** The label box's signed distance past the edge's line, outward (its nearest corner). */
function clearance(
  a: { x: number; y: number },
  b: { x: number; y: number },
  c: { x: number; y: number },
  at: { x: number; y: number },
  w: number,
  h: number,
): number {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  let n = { x: -(b.y - a.y) / len, y: (b.x - a.x) / len };
  if (n.x * (a.x - c.x) + n.y * (a.y - c.y) < 0) n = { x: -n.x, y: -n.y };
  const corners = [
    [-1, -1],
    [1, -1],
    [-1, 1],
    [1, 1],
  ].map(([sx, sy]) => ({ x: at.x + (sx * w) / 2, y: at.y + (sy * h) / 2 }));
  return Math.min(...corners.map((p) => n.x * (p.x - a.x) + n.y * (p.y - a.y)));
}

it('puts the whole label outside a slanted near edge, away from the floor’s centre', () => {
  // the floor's lower-left edge, rising to the right at 30°; the centre above it
  const a = { x: 100, y: 300 };
  const b = { x: 300, y: 185 };
  const m = { x: 200, y: 242.5 };
  const c = { x: 260, y: 150 };
  const at = outsideEdge(a, b, m, c, 80, 16);
  expect(clearance(a, b, c, at, 80, 16)).toBeGreaterThan(0);
  // square to the edge, on the side away from the centre: below it and, as the edge rises to the right, right
  expect(at.y).toBeGreaterThan(m.y);
  expect(at.x).toBeGreaterThan(m.x);
  // 6 px under the middle, as before, one end of the label crossed the line
  expect(clearance(a, b, c, { x: m.x, y: m.y + 6 + 8 }, 80, 16)).toBeLessThan(0);
});

it('a level edge: straight below, just clear of it; an edge seen end on: straight down', () => {
  const at = outsideEdge({ x: 0, y: 200 }, { x: 200, y: 200 }, { x: 100, y: 200 }, { x: 100, y: 100 }, 80, 16);
  expect(at).toEqual({ x: 100, y: 200 + 8 + 4 });
  const end = outsideEdge({ x: 50, y: 60 }, { x: 50, y: 60 }, { x: 50, y: 60 }, { x: 50, y: 10 }, 80, 16);
  expect(end.x).toBe(50);
  expect(end.y).toBeGreaterThan(60);
});

it('goes further out where the surface’s own edge stands out past the floor’s (“PC1” lay under a high wall)', () => {
  const a = { x: 0, y: 200 };
  const b = { x: 200, y: 200 };
  const m = { x: 100, y: 200 };
  const c = { x: 100, y: 100 };
  const plain = outsideEdge(a, b, m, c, 80, 16);
  // the wall's top seen 20 px below the floor's edge (and a point inside, which changes nothing)
  const pushed = outsideEdge(a, b, m, c, 80, 16, [
    { x: 150, y: 220 },
    { x: 60, y: 150 },
  ]);
  expect(pushed).toEqual({ x: plain.x, y: plain.y + 20 });
  expect(outsideEdge(a, b, m, c, 80, 16, [{ x: 60, y: 150 }])).toEqual(plain);
});

it('surfaceEdge follows the grid’s border row or column at the surface’s heights', () => {
  // 3x3 costs, row j (beta) by column i (alpha): j = 0 is the edge at z = 1
  const values = Float32Array.from([1, 2, 4, 8, 16, 32, 64, 128, 256]);
  const grid = { resolution: 3, values, alphaMin: 0, alphaMax: 1, betaMin: 0, betaMax: 1, stride: 1 };
  const height = heightScale(...costRange(values));
  expect(surfaceEdge(grid, [0, -0.5, 1])).toEqual([
    [-1, height(1), 1],
    [0, height(2), 1],
    [1, height(4), 1],
  ]);
  expect(surfaceEdge(grid, [1, -0.5, 0])).toEqual([
    [1, height(4), 1],
    [1, height(32), 0],
    [1, height(256), -1],
  ]);
  expect(surfaceEdge(grid, [-1, -0.5, 0]).map((p) => p[1])).toEqual([1, 8, 64].map(height));
  // the lowest cost at the floor's lift, the highest at the top
  expect(height(1)).toBeCloseTo(-0.45, 9);
  expect(height(256)).toBeCloseTo(0.45, 9);
});
