import { describe, expect, it } from 'vitest';
import { sparkPoints } from '../../../src/render/charts/sparkline';

describe('the cost sparkline', () => {
  it('spans the width, puts the highest smoothed cost at the top and falls as the cost falls', () => {
    const steps = Array.from({ length: 400 }, (_, i) => i + 1);
    // a training-like fall: steep at first, then slow
    const values = steps.map((s) => 2.3 / (1 + s / 20));
    const pts = sparkPoints({ steps, values }, { width: 200, height: 40 });
    expect(pts.length).toBeGreaterThan(10);
    expect(pts[0][0]).toBeCloseTo(2, 6);
    expect(pts.at(-1)![0]).toBeCloseTo(198, 6);
    // y grows downwards: the first (highest) cost at the top padding, the last near the bottom
    expect(pts[0][1]).toBeCloseTo(2, 6);
    expect(pts.at(-1)![1]).toBeCloseTo(38, 6);
    // on a log scale the slow late fall still moves the line: the last quarter falls visibly
    const late = pts.filter(([x]) => x > 150);
    expect(late.at(-1)![1] - late[0][1]).toBeGreaterThan(2);
    for (let i = 1; i < pts.length; i++) expect(pts[i][1]).toBeGreaterThanOrEqual(pts[i - 1][1] - 1e-9);
  });

  it('draws nothing under two updates, and skips a diverged (NaN) cost', () => {
    expect(sparkPoints({ steps: [1], values: [2] }, { width: 200, height: 40 })).toEqual([]);
    const pts = sparkPoints({ steps: [1, 2, 3, 4], values: [2, 1, NaN, 0.5] }, { width: 200, height: 40 });
    expect(pts).toHaveLength(3);
    for (const [x, y] of pts) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });

  it('draws a cost that barely moved as nearly flat (two updates, 2.34 then 2.35, rose across the box)', () => {
    const pts = sparkPoints({ steps: [1, 2], values: [2.34, 2.35] }, { width: 200, height: 40 });
    expect(pts).toHaveLength(2);
    // a change of 0.4% (smoothed, less) moves the line under a pixel, in the box's middle
    expect(Math.abs(pts[1][1] - pts[0][1])).toBeLessThan(1);
    expect(pts[0][1]).toBeGreaterThan(15);
    expect(pts[0][1]).toBeLessThan(25);
  });
});
