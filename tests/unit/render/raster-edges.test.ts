import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNetwork } from '../../../src/engine';
import { createRasterEdgeRenderer, edgeSegments } from '../../../src/render/edges-cpu';
import { edgeModeFrom } from '../../../src/render/edge-renderer';
import type { RasterEdges } from '../../../src/render/network-edges';
import { computeLayout } from '../../../src/render/network-layout';
import { SEGMENT_FLOATS, type EdgeRasterRequest, type EdgeRasterResult } from '../../../src/protocol/edge-raster-api';

/** A canvas with a 2D context that records what was called on it. */
function fakeCanvas() {
  const calls: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get:
        (_t, name) =>
        (...args: unknown[]) => {
          calls.push(String(name));
          if (name === 'putImageData') puts.push(args[0] as { width: number; height: number });
        },
      set: () => true,
    },
  );
  const puts: { width: number; height: number }[] = [];
  const canvas = { width: 0, height: 0, style: {}, dataset: {} as Record<string, string>, getContext: () => ctx };
  return { canvas: canvas as unknown as HTMLCanvasElement, calls, puts };
}

/** A raster service whose requests the test answers (or fails) by hand. */
function manualRaster() {
  const asked: { request: EdgeRasterRequest; resolve: (r: EdgeRasterResult) => void; reject: (e: Error) => void }[] =
    [];
  const raster: RasterEdges = (request) => new Promise((resolve, reject) => asked.push({ request, resolve, reject }));
  const answer = (i: number) =>
    asked[i].resolve({
      width: asked[i].request.width,
      height: asked[i].request.height,
      pixels: new Uint8ClampedArray(asked[i].request.width * asked[i].request.height * 4),
    });
  return { raster, asked, answer };
}

const net = createNetwork({ sizes: [784, 16, 16, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 });
const style = { focus: null, weight: null };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the edges painted by the edge worker', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'ImageData',
      class {
        constructor(
          public data: Uint8ClampedArray,
          public width: number,
          public height: number,
        ) {}
      },
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists every edge in drawing order, in CSS px, with its colour, opacity and width', () => {
    const layout = computeLayout(net.spec.sizes, 800, 500);
    const { count, segments } = edgeSegments(layout, net.params, style, new Float32Array(0));
    expect(count).toBe(784 * 16 + 16 * 16 + 16 * 10);
    expect(segments.length).toBe(count * SEGMENT_FLOATS);
    // the first edge: input pixel 0 into hidden neuron 0
    const [ax, ay, bx, by, r, g, b, alpha, width] = segments.subarray(0, SEGMENT_FLOATS);
    expect([ax, ay, bx, by]).toEqual(
      [layout.neurons[0][0].x, layout.neurons[0][0].y, layout.neurons[1][0].x, layout.neurons[1][0].y].map(Math.fround),
    );
    for (const c of [r, g, b, alpha]) expect(c).toBeGreaterThanOrEqual(0);
    for (const c of [r, g, b, alpha]) expect(c).toBeLessThanOrEqual(1);
    expect(width).toBeGreaterThan(0);
  });

  it('lists a lit negative weight as its dashes (the sign by more than hue), growing the list past one per edge', () => {
    const layout = computeLayout(net.spec.sizes, 800, 500);
    const focus = { focus: { layer: 1, index: 3 }, weight: null };
    const all = edgeSegments(layout, net.params, focus, new Float32Array(0));
    const lit = edgeSegments(layout, net.params, focus, new Float32Array(0), true);
    // neuron 3 of layer 1: 784 weights in and 16 out, about half of them negative, each several dashes
    expect(all.count).toBeGreaterThan(784 * 16 + 16 * 16 + 16 * 10 + 1000);
    expect(lit.count).toBeGreaterThan(800 + 1000);
    expect(all.segments.length).toBeGreaterThanOrEqual(all.count * SEGMENT_FLOATS);
  });

  it('keeps one request in flight and, meanwhile, only the newest drawing; puts each result at the size asked', async () => {
    const { canvas, puts } = fakeCanvas();
    const { raster, asked, answer } = manualRaster();
    const edges = createRasterEdgeRenderer(canvas, raster, () => {});
    expect(edges.kind).toBe('cpu');
    const small = computeLayout(net.spec.sizes, 400, 300);
    const large = computeLayout(net.spec.sizes, 800, 500);
    edges.draw(small, net.params, style, 1);
    edges.draw(large, net.params, style, 1);
    edges.draw(large, net.params, style, 2);
    expect(asked.length).toBe(1);
    answer(0);
    await flush();
    expect(puts).toEqual([expect.objectContaining({ width: 400, height: 300 })]);
    expect(canvas.width).toBe(400);
    expect(canvas.dataset.painted).toBe('1');
    // the newest drawing, not the one it replaced
    expect(asked.length).toBe(2);
    expect(asked[1].request).toMatchObject({ width: 1600, height: 1000, scale: 2 });
    answer(1);
    await flush();
    expect([canvas.width, canvas.height, canvas.style.width]).toEqual([1600, 1000, '800px']);
    expect(canvas.dataset.painted).toBe('2');
    expect(asked.length).toBe(2);
  });

  it('asks again when the worker dies, and after three failures in a row draws with canvas 2D itself', async () => {
    const { canvas, calls } = fakeCanvas();
    const { raster, asked } = manualRaster();
    const changed = vi.fn();
    const edges = createRasterEdgeRenderer(canvas, raster, changed);
    const layout = computeLayout(net.spec.sizes, 400, 300);
    edges.draw(layout, net.params, style, 1);
    for (let i = 0; i < 3; i++) {
      expect(edges.kind).toBe('cpu');
      asked[i].reject(new Error('the edge worker stopped'));
      await flush();
    }
    expect(asked.length).toBe(3);
    expect(edges.kind).toBe('2d');
    expect(changed).toHaveBeenCalledTimes(1);
    edges.draw(layout, net.params, style, 1);
    expect(asked.length).toBe(3);
    expect(calls).toContain('stroke');
  });

  it('counts a worker the browser refuses at once (the call throws) as a failed request', async () => {
    const { canvas, calls } = fakeCanvas();
    let tries = 0;
    const refused: RasterEdges = () => {
      tries++;
      throw new Error('SecurityError: the script cannot be accessed from this origin');
    };
    const changed = vi.fn();
    const edges = createRasterEdgeRenderer(canvas, refused, changed);
    const layout = computeLayout(net.spec.sizes, 400, 300);
    expect(() => edges.draw(layout, net.params, style, 1)).not.toThrow();
    for (let i = 0; i < 5; i++) await flush();
    expect(tries).toBe(3);
    expect(edges.kind).toBe('2d');
    expect(changed).toHaveBeenCalledTimes(1);
    edges.draw(layout, net.params, style, 1);
    expect(calls).toContain('stroke');
  });

  it('puts nothing once disposed (the view unmounted)', async () => {
    const { canvas, puts } = fakeCanvas();
    const { raster, answer } = manualRaster();
    const edges = createRasterEdgeRenderer(canvas, raster, () => {});
    edges.draw(computeLayout(net.spec.sizes, 400, 300), net.params, style, 1);
    edges.dispose();
    answer(0);
    await flush();
    expect(puts).toEqual([]);
  });

  it('reads ?edges= from the address, and anything else as auto', () => {
    expect(edgeModeFrom('?edges=webgl')).toBe('webgl');
    expect(edgeModeFrom('?a=1&edges=cpu')).toBe('cpu');
    expect(edgeModeFrom('?edges=2d')).toBe('2d');
    expect(edgeModeFrom('?edges=gpu')).toBe('auto');
    expect(edgeModeFrom('')).toBe('auto');
  });
});
