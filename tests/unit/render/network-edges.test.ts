import { describe, expect, it } from 'vitest';
import { createNetwork, layerOffsets } from '../../../src/engine';
import { eachEdge } from '../../../src/render/network-edges';
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
    const drawn: { colour: number; alpha: number; width: number }[] = [];
    eachEdge(layout, net.params, { focus: null, weight: chosen }, (_x1, _y1, _x2, _y2, colour, alpha, width) =>
      drawn.push({ colour, alpha, width }),
    );
    expect(drawn.length).toBe(784 * 16 + 16 * 16 + 16 * 10);
    const edge = drawn[784 * 16 + chosen.to * 16 + chosen.from];
    expect(edge.colour).toBe(signedIndex(-1));
    expect(edge.colour).not.toBe(signedIndex(-1e-4 / 0.5));
    expect(edge.alpha).toBe(1);
    expect(edge.width).toBeGreaterThanOrEqual(3.5);
  });
});
