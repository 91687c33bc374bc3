/** The shown example's cost C, written under the ten output bars it sums up, where the layers' names leave room. */
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/render/network-layout';
import { drawNetworkStatic, type NodeView } from '../../../src/render/network-nodes';

/** A 2D context that records the text it is asked to fill (and at what y); everything else does nothing. */
function recordingContext(): { ctx: CanvasRenderingContext2D; texts: { text: string; y: number }[] } {
  const texts: { text: string; y: number }[] = [];
  const target: Record<string, unknown> = {
    fillText: (text: string, _x: number, y: number) => texts.push({ text, y }),
    measureText: (text: string) => ({ width: text.length * 6 }),
    getTransform: () => ({ a: 1, d: 1 }),
    createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4), width: w, height: h }),
  };
  const ctx = new Proxy(target, {
    get: (t, key: string) => (key in t ? t[key] : () => undefined),
    set: () => true,
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, texts };
}

function view(sizes: number[], cost: number | null): NodeView {
  return {
    activations: sizes.map((n) => new Float32Array(n).fill(0.5)),
    label: 3,
    outputsAreProbabilities: false,
    hiddenActivation: 'sigmoid',
    wishes: null,
    hovered: null,
    selected: null,
    caption: 'example #1, label 3',
    cost,
  };
}

describe('the cost under the output bars', () => {
  it('is written, as the controls write it, under the last output when the example has one', () => {
    const sizes = [784, 16, 16, 10];
    const layout = computeLayout(sizes, 422, 440);
    const { ctx, texts } = recordingContext();
    drawNetworkStatic(ctx, layout, view(sizes, 2.87412));
    const cost = texts.find((t) => t.text.startsWith('cost C'));
    expect(cost?.text).toBe('cost C = 2.874');
    const lastOutput = layout.neurons[3][9].y;
    expect(cost!.y).toBeGreaterThan(lastOutput + layout.radii[3]);
    // above the layers' names
    const names = texts.find((t) => t.text.startsWith('output a'));
    expect(cost!.y).toBeLessThan(names!.y);
  });

  it('is not written for an example not stepped (no cost), nor where the outputs reach the layers’ names', () => {
    const sizes = [784, 16, 16, 10];
    const { ctx, texts } = recordingContext();
    drawNetworkStatic(ctx, computeLayout(sizes, 422, 440), view(sizes, null));
    expect(texts.some((t) => t.text.startsWith('cost C'))).toBe(false);
    // the outputs the tallest column: their names are right under them
    const tall = [784, 4, 10];
    const other = recordingContext();
    drawNetworkStatic(other.ctx, computeLayout(tall, 422, 440), view(tall, 1.5));
    expect(other.texts.some((t) => t.text.startsWith('cost C'))).toBe(false);
  });
});
