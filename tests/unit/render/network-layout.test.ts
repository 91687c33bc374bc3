import { describe, expect, it } from 'vitest';
import { computeLayout, NEURON_REACH_X, neuronAt, OUTPUT_VALUE_ROOM } from '../../../src/render/network-layout';

const gapOf = (ys: { y: number }[]) => ys[1].y - ys[0].y;

describe('computeLayout', () => {
  it('keeps every neuron of any allowed architecture inside the view', () => {
    for (const hidden of [[4], [16, 16], [64, 64, 64, 64], [4, 64, 4, 64]]) {
      const l = computeLayout([784, ...hidden, 10], 640, 560);
      l.neurons.slice(1).forEach((layer, i) => {
        const radius = l.radii[i + 1];
        for (const p of layer) {
          expect(p.y - radius).toBeGreaterThanOrEqual(0);
          expect(p.y + radius).toBeLessThanOrEqual(560);
          expect(p.x).toBeLessThan(l.outputBar.x);
        }
      });
    }
  });

  it('spreads the ten outputs of a network with 64-wide layers at least 20 px apart (the default: 3.4 radii)', () => {
    const wide = computeLayout([784, 64, 64, 64, 64, 10], 640, 560);
    const normal = computeLayout([784, 16, 16, 10], 640, 560);
    const outputs = (l: typeof wide) => l.neurons[l.neurons.length - 1];
    // the 64-wide layers force small neurons, but the outputs' labels need room: >= 20 px apart
    expect(wide.radii[1]).toBeLessThan(normal.radii[1]);
    expect(gapOf(outputs(wide))).toBeGreaterThanOrEqual(20);
    expect(gapOf(outputs(normal))).toBeCloseTo(normal.radii[3] * 3.4, 6);
  });

  it('draws every layer of the default network alike, and keeps a narrow layer beside wide ones readable', () => {
    const normal = computeLayout([784, 16, 16, 10], 640, 560);
    expect(normal.radii[2]).toBe(normal.radii[1]);
    expect(normal.radii[3]).toBe(normal.radii[1]);
    for (const hidden of [
      [64, 64, 64, 64],
      [4, 64, 4, 64],
      [32, 16],
    ]) {
      const sizes = [784, ...hidden, 10];
      const l = computeLayout(sizes, 640, 560);
      sizes.slice(1).forEach((n, i) => {
        const layer = l.neurons[i + 1];
        const radius = l.radii[i + 1];
        // a layer of 16 or fewer is drawn at least 2/3 the default's size (the outputs after
        // 64-wide layers were 3 px dots beside their 11 px labels); the widest ones as before
        if (n <= 16) expect(radius, `${sizes.join('-')} layer ${i + 1}`).toBeGreaterThanOrEqual(normal.radii[1] * 0.66);
        if (n === Math.max(...hidden)) expect(radius).toBeLessThanOrEqual(Math.max(3, normal.radii[1]));
        // never touching their neighbours
        if (layer.length > 1) expect(gapOf(layer)).toBeGreaterThanOrEqual(radius * 2.5);
      });
    }
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

describe('neuronAt', () => {
  const layout = computeLayout([784, 16, 16, 10], 900, 560);
  it('picks a neuron from a click 7 px beside its circle (at 1280x720, 14 px off its centre, such a miss picked an edge)', () => {
    for (const l of [layout, computeLayout([784, 16, 16, 10], 620, 330)]) {
      const o = l.neurons[3][4];
      const off = l.radii[3] + 7;
      expect(neuronAt(l, { x: o.x - off, y: o.y })).toEqual({ layer: 3, index: 4 });
      expect(neuronAt(l, { x: o.x + off, y: o.y + 3 })).toEqual({ layer: 3, index: 4 });
    }
  });

  it('picks each layer by its own circle: the larger outputs after 64-wide layers, 7 px beside them', () => {
    const wide = computeLayout([784, 64, 64, 64, 64, 10], 900, 800);
    expect(wide.radii[5]).toBeGreaterThan(wide.radii[1] * 2);
    for (const j of [0, 4, 9]) {
      const o = wide.neurons[5][j];
      const off = wide.radii[5] + 7;
      expect(neuronAt(wide, { x: o.x - off, y: o.y })).toEqual({ layer: 5, index: j });
      expect(neuronAt(wide, { x: o.x + off, y: o.y })).toEqual({ layer: 5, index: j });
    }
    // the widest layers keep the one radius they all had: (usable height / 64) * 0.36, at least 3
    expect(wide.radii[1]).toBeCloseTo(Math.max(3, ((800 - 26 - 24) / 64) * 0.36), 9);
  });

  it('gives a point between two neurons to the nearer, and leaves the edges beyond the reach', () => {
    const [a, b] = [layout.neurons[1][2], layout.neurons[1][3]];
    const gap = b.y - a.y;
    expect(neuronAt(layout, { x: a.x, y: a.y + gap * 0.4 })).toEqual({ layer: 1, index: 2 });
    expect(neuronAt(layout, { x: a.x, y: a.y + gap * 0.6 })).toEqual({ layer: 1, index: 3 });
    expect(neuronAt(layout, { x: a.x + layout.radii[1] + NEURON_REACH_X + 1, y: a.y })).toBeNull();
    // below the last neuron, past the reach
    const last = layout.neurons[1].at(-1)!;
    expect(neuronAt(layout, { x: last.x, y: last.y + layout.radii[1] + 9 })).toBeNull();
  });

  it('still reads a pixel of the input image as that input neuron', () => {
    const { image } = layout;
    expect(neuronAt(layout, { x: image.x + 14.5 * image.pixel, y: image.y + 3.5 * image.pixel })).toEqual({
      layer: 0,
      index: 3 * 28 + 14,
    });
  });
});
