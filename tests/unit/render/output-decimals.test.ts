import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/render/network-layout';
import { decimalsToShow, drawNeurons, outputText } from '../../../src/render/network-nodes';

describe('decimalsToShow (output values beside the answer)', () => {
  it('keeps two decimals when the answer already prints larger', () => {
    expect(decimalsToShow([0.1, 0.62, 0.28], 1)).toBe(2);
  });
  it('adds decimals until the answer prints differently from every other output', () => {
    expect(decimalsToShow([0.115, 0.117, 0.09], 1)).toBe(3);
    expect(decimalsToShow([0.1151, 0.1153], 1)).toBe(4);
  });
  it('stops at four for an exact tie', () => {
    expect(decimalsToShow([0.1, 0.1], 0)).toBe(4);
  });
});

describe('outputText (an output value, never a rounded certainty)', () => {
  it('says >0.99 and <0.01 where two decimals would round to 1.00 and 0.00', () => {
    expect(outputText(0.9973, 2)).toBe('>0.99');
    expect(outputText(0.0012, 2)).toBe('<0.01');
    expect(outputText(0.00004, 4)).toBe('<0.0001');
  });
  it('keeps other values, and exact 0 and 1, as they print', () => {
    expect(outputText(0.62, 2)).toBe('0.62');
    expect(outputText(0.994, 2)).toBe('0.99');
    expect(outputText(0, 2)).toBe('0.00');
    expect(outputText(1, 2)).toBe('1.00');
  });
});

describe('the network’s answer among the outputs', () => {
  it('is the digit written white on a dark tag, the others in grey ink', () => {
    const sizes = [784, 16, 16, 10];
    const layout = computeLayout(sizes, 422, 440);
    const drawn: { text: string; x: number; y: number; fill: string }[] = [];
    const tags: { x: number; y: number; w: number; h: number }[] = [];
    const state = { fillStyle: '' };
    const target: Record<string, unknown> = {
      fillText: (text: string, x: number, y: number) => drawn.push({ text, x, y, fill: state.fillStyle }),
      roundRect: (x: number, y: number, w: number, h: number) => tags.push({ x, y, w, h }),
      measureText: (text: string) => ({ width: text.length * 7 }),
    };
    const ctx = new Proxy(target, {
      get: (t, key: string) => (key === 'fillStyle' ? state.fillStyle : key in t ? t[key] : () => undefined),
      set: (_t, key: string, v: unknown) => {
        if (key === 'fillStyle') state.fillStyle = String(v);
        return true;
      },
    }) as unknown as CanvasRenderingContext2D;
    const outputs = Float32Array.from([0.41, 0.62, 0.47, 0.57, 0.21, 0.51, 0.34, 0.51, 0.58, 0.4]);
    const activations = sizes.map((n, l) => (l === 3 ? outputs : new Float32Array(n).fill(0.5)));
    drawNeurons(ctx, layout, {
      activations,
      label: 2,
      outputsAreProbabilities: false,
      hiddenActivation: 'sigmoid',
      wishes: null,
      hovered: null,
      selected: null,
      caption: '',
      cost: null,
    });
    const digits = drawn.filter((d) => /^\d$/.test(d.text));
    expect(digits.map((d) => d.text)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // 1 (0.62) is the answer: white, on the one tag, which is drawn around it
    expect(digits.filter((d) => d.fill === '#ffffff').map((d) => d.text)).toEqual(['1']);
    expect(tags).toHaveLength(1);
    const one = digits[1];
    expect(one.x).toBeGreaterThan(tags[0].x);
    expect(one.x + 7).toBeLessThan(tags[0].x + tags[0].w);
    expect(Math.abs(tags[0].y + tags[0].h / 2 - one.y)).toBeLessThan(1);
  });
});
