import { describe, expect, it } from 'vitest';
import { createNetwork, layerOffsets } from '../../../src/engine';
import { eachDash, eachEdge, EDGE_DASH, FOCUS_FADE } from '../../../src/render/network-edges';
import { computeLayout } from '../../../src/render/network-layout';
import { signedIndex } from '../../../src/render/palette';

describe('the edges (network view)', () => {
  it('draws the chain-rule weight in its sign’s full colour, opaque and wide, even when it is small', () => {
    const sizes = [784, 16, 16, 10];
    const net = createNetwork({ sizes, activation: 'relu', loss: 'categorical-ce', seed: 1 });
    const o = layerOffsets(sizes);
    // a tiny negative weight: its own colour is the palette's grey middle
    const chosen = { layer: 2, to: 3, from: 5 };
    net.params[o.weights[2] + chosen.to * 16 + chosen.from] = -1e-4;
    const layout = computeLayout(sizes, 800, 500);
    const drawn: { ax: number; bx: number; by: number; ay: number; colour: number; alpha: number; width: number }[] =
      [];
    eachEdge(layout, net.params, { focus: null, weight: chosen }, (ax, ay, bx, by, colour, alpha, width) =>
      drawn.push({ ax, ay, bx, by, colour, alpha, width }),
    );
    expect(drawn.length).toBe(784 * 16 + 16 * 16 + 16 * 10);
    // drawn last, on top of the others
    const edge = drawn[drawn.length - 1];
    const from = layout.neurons[1][chosen.from];
    const to = layout.neurons[2][chosen.to];
    expect([edge.ax, edge.ay, edge.bx, edge.by]).toEqual([from.x, from.y, to.x, to.y]);
    expect(edge.colour).toBe(signedIndex(-1));
    expect(edge.colour).not.toBe(signedIndex(-1e-4 / 0.5));
    expect(edge.alpha).toBe(1);
    expect(edge.width).toBeGreaterThanOrEqual(3.5);
  });

  it('with a chain-rule weight, fades its rivals into the same neuron and keeps the paths out of it', () => {
    const sizes = [784, 16, 16, 10];
    const net = createNetwork({ sizes, activation: 'relu', loss: 'categorical-ce', seed: 1 });
    const layout = computeLayout(sizes, 800, 500);
    const chosen = { layer: 2, to: 3, from: 5 };
    const focus = { layer: 2, index: 3 };
    const look = (weight: typeof chosen | null) => {
      const edges = new Map<string, number>();
      eachEdge(layout, net.params, { focus, weight }, (ax, ay, bx, by, _c, alpha) =>
        edges.set(`${ax},${ay},${bx},${by}`, alpha),
      );
      return edges;
    };
    const key = (l: number, from: number, to: number) => {
      const a = layout.neurons[l - 1][from];
      const b = layout.neurons[l][to];
      return `${a.x},${a.y},${b.x},${b.y}`;
    };
    const plain = look(null);
    const withWeight = look(chosen);
    for (let k = 0; k < 16; k++) {
      if (k === chosen.from) continue;
      // another weight into neuron 3: fainter than when only the neuron is selected
      expect(withWeight.get(key(2, k, 3))!).toBeLessThan(plain.get(key(2, k, 3))!);
    }
    // the edges out of neuron 3 (the sum over paths) stay as bright
    for (let j = 0; j < 10; j++) expect(withWeight.get(key(3, 3, j))).toBe(plain.get(key(3, 3, j)));
    expect(withWeight.get(key(2, chosen.from, chosen.to))).toBe(1);
  });

  it('draws every edge away from the neuron in focus as its unfocused look faded by FOCUS_FADE (what the edge worker fades)', () => {
    const sizes = [784, 16, 16, 10];
    const net = createNetwork({ sizes, activation: 'relu', loss: 'categorical-ce', seed: 2 });
    const layout = computeLayout(sizes, 800, 500);
    type Look = [colour: number, alpha: number, width: number, lit: boolean];
    const look = (style: Parameters<typeof eachEdge>[2]) => {
      const edges: Look[] = [];
      eachEdge(layout, net.params, style, (_ax, _ay, _bx, _by, colour, alpha, width, _into, lit) =>
        edges.push([colour, alpha, width, lit]),
      );
      return edges;
    };
    const weights = [null, { layer: 2, to: 3, from: 5 }, { layer: 1, to: 7, from: 400 }, { layer: 3, to: 2, from: 9 }];
    const focuses = [
      { layer: 0, index: 400 },
      { layer: 1, index: 7 },
      { layer: 2, index: 11 },
      { layer: 3, index: 2 },
    ];
    let faded = 0;
    for (const weight of weights) {
      const plain = look({ focus: null, weight });
      for (const focus of focuses) {
        const focused = look({ focus, weight });
        expect(focused.length).toBe(plain.length);
        const wrong: string[] = [];
        focused.forEach(([colour, alpha, width, lit], i) => {
          if (lit) return;
          faded++;
          const [c, a, w] = plain[i];
          if (colour !== c || width !== w || Math.abs(alpha - a * FOCUS_FADE) > 1e-12)
            wrong.push(`edge ${i}: ${[colour, alpha, width]} against ${[c, a * FOCUS_FADE, w]}`);
        });
        expect(wrong.slice(0, 3), JSON.stringify({ focus, weight })).toEqual([]);
      }
    }
    expect(faded).toBeGreaterThan(16 * 12_000);
  });
});

describe('the sign of the weights in focus, by more than hue', () => {
  it('dashes the lit negative weights (the neuron in focus, the chain rule’s), and no other', () => {
    const sizes = [784, 16, 16, 10];
    const net = createNetwork({ sizes, activation: 'relu', loss: 'categorical-ce', seed: 3 });
    const o = layerOffsets(sizes);
    const layout = computeLayout(sizes, 800, 500);
    const chosen = { layer: 3, to: 4, from: 2 };
    net.params[o.weights[3] + 4 * 16 + 2] = -0.3;
    // each edge's weight, in drawing order (the chosen one last), from the parameters, not its colour
    const weights: number[] = [];
    for (let l = 1; l < sizes.length; l++)
      for (let j = 0; j < sizes[l]; j++)
        for (let k = 0; k < sizes[l - 1]; k++) {
          if (l === chosen.layer && j === chosen.to && k === chosen.from) continue;
          weights.push(net.params[o.weights[l] + j * sizes[l - 1] + k]);
        }
    weights.push(-0.3);
    const seen = { litNegative: 0, litNegativeUndashed: 0, litPositive: 0, dashedUnlit: 0, dashedPositive: 0 };
    let e = 0;
    let chosenDashed = false;
    eachEdge(
      layout,
      net.params,
      { focus: { layer: 2, index: 5 }, weight: chosen },
      (_ax, _ay, _bx, _by, _colour, _alpha, _width, _into, lit, dashed) => {
        const negative = weights[e++] < 0;
        if (lit && negative) seen.litNegative++;
        if (lit && negative && !dashed) seen.litNegativeUndashed++;
        if (lit && !negative) seen.litPositive++;
        if (!lit && dashed) seen.dashedUnlit++;
        if (dashed && !negative) seen.dashedPositive++;
        chosenDashed = dashed;
      },
    );
    expect(e).toBe(weights.length);
    expect(seen.litNegativeUndashed).toBe(0);
    // neuron 5 of layer 2: 16 weights in, 10 out, some of each sign
    expect(seen.litNegative).toBeGreaterThan(3);
    expect(seen.litPositive).toBeGreaterThan(3);
    expect(seen.dashedUnlit).toBe(0);
    expect(seen.dashedPositive).toBe(0);
    // the chain rule's weight, drawn last
    expect(chosenDashed).toBe(true);
  });

  it('cuts a dashed edge into EDGE_DASH pieces along it, the first at its start', () => {
    const pieces: number[][] = [];
    eachDash(0, 0, 30, 40, (...p) => pieces.push(p));
    // 50 px long: dashes at 0, 10, 20, 30, 40 along it, 6 px each
    expect(pieces).toHaveLength(5);
    [0, 0, 3.6, 4.8].forEach((v, i) => expect(pieces[0][i]).toBeCloseTo(v, 9));
    for (const [ax, ay, bx, by] of pieces) expect(Math.hypot(bx - ax, by - ay)).toBeCloseTo(EDGE_DASH[0], 9);
    expect(pieces[4][0]).toBeCloseTo(24, 9);
  });
});
