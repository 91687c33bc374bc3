import { describe, expect, it } from 'vitest';
import { pathWithCurrent } from '../../../src/views/surface/path';

const w = (v: number) => Float32Array.of(v);

describe('pathWithCurrent: the training path a surface is computed with', () => {
  it('adds the current weights as the last point when they are newer than the last checkpoint', () => {
    const p = pathWithCurrent([0, 10, 20], [w(0), w(1), w(2)], 25, w(9));
    expect(p.steps).toEqual([0, 10, 20, 25]);
    expect(Array.from(p.checkpoints.at(-1)!)).toEqual([9]);
  });

  it('keeps update order when the panels’ snapshot lags the worker (checkpoints already past it)', () => {
    const p = pathWithCurrent([0, 3700, 3720], [w(0), w(1), w(2)], 3626, w(9));
    expect(p.steps).toEqual([0, 3700, 3720]);
    expect(p.checkpoints).toHaveLength(3);
  });

  it('does not repeat the current update, and copies rather than aliases', () => {
    const steps = [0, 10];
    const current = w(5);
    const p = pathWithCurrent(steps, [w(0), w(1)], 10, current);
    expect(p.steps).toEqual([0, 10]);
    const q = pathWithCurrent([], [], 0, current);
    expect(q.steps).toEqual([0]);
    current[0] = 7;
    expect(q.checkpoints[0][0]).toBe(5);
    expect(steps).toEqual([0, 10]);
  });
});
