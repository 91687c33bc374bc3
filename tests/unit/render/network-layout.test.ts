import { describe, expect, it } from 'vitest';
import { computeLayout, OUTPUT_VALUE_ROOM } from '../../../src/render/network-layout';

const gapOf = (ys: { y: number }[]) => ys[1].y - ys[0].y;

describe('computeLayout', () => {
  it('keeps every neuron of any allowed architecture inside the view', () => {
    for (const hidden of [[4], [16, 16], [64, 64, 64, 64], [4, 64, 4, 64]]) {
      const l = computeLayout([784, ...hidden, 10], 640, 560);
      for (const layer of l.neurons.slice(1))
        for (const p of layer) {
          expect(p.y - l.radius).toBeGreaterThanOrEqual(0);
          expect(p.y + l.radius).toBeLessThanOrEqual(560);
          expect(p.x).toBeLessThan(l.outputBar.x);
        }
    }
  });

  it('spreads the ten outputs of a network with 64-wide layers at least 20 px apart (the default: 3.4 radii)', () => {
    const wide = computeLayout([784, 64, 64, 64, 64, 10], 640, 560);
    const normal = computeLayout([784, 16, 16, 10], 640, 560);
    const outputs = (l: typeof wide) => l.neurons[l.neurons.length - 1];
    // the 64-wide layers force small neurons, but the outputs' labels need room: >= 20 px apart
    expect(wide.radius).toBeLessThan(normal.radius);
    expect(gapOf(outputs(wide))).toBeGreaterThanOrEqual(20);
    expect(gapOf(outputs(normal))).toBeCloseTo(normal.radius * 3.4, 6);
  });

  it('leaves the output bars room on a phone (they were 4 px wide at 390, none at 360)', () => {
    for (const width of [336, 366, 800, 1200]) {
      const l = computeLayout([784, 16, 16, 10], width, 440);
      // the longest bar is outputBar.width - OUTPUT_VALUE_ROOM (its value's text takes the rest)
      expect(l.outputBar.width - OUTPUT_VALUE_ROOM).toBeGreaterThanOrEqual(28);
      // and the layers keep 40 px or more between them
      const xs = l.neurons.slice(1).map((layer) => layer[0].x);
      for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(40);
    }
  });
});
