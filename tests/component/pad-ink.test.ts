/**
 * The draw pad's ink at another size: what was drawn is drawn again at the new size (not a scaled
 * copy of the old pixels, soft and softer at each change), and a stroke under way goes on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PadInk } from '../../src/render/draw-pad';

/** Every call made on the pad's 2D context, with its arguments. */
function recordingCanvas() {
  const calls: { name: string; args: number[] }[] = [];
  const ctx = new Proxy(
    {},
    {
      get:
        (_t, key) =>
        (...args: unknown[]) => {
          calls.push({ name: String(key), args: args.filter((a): a is number => typeof a === 'number') });
          if (key === 'createImageData') return { data: new Uint8ClampedArray(784 * 4) };
          return key === 'getImageData' ? { data: new Uint8ClampedArray(4), width: 1, height: 1 } : undefined;
        },
      set: () => true,
    },
  );
  // every canvas (the pad, and the 28x28 one a loaded digit is scaled up from) draws into it
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    (() => ctx) as unknown as HTMLCanvasElement['getContext'],
  );
  return { canvas: document.createElement('canvas'), calls };
}

/** The calls that put ink on the pad (the dot, the curves and lines), in order. */
const strokes = (calls: { name: string; args: number[] }[]) =>
  calls.filter((c) => ['arc', 'moveTo', 'quadraticCurveTo', 'lineTo'].includes(c.name));

afterEach(() => vi.restoreAllMocks());

/** A 200 px pad with a stroke begun at (20, 40) and drawn on to (100, 100). */
function padWithStroke() {
  const { canvas, calls } = recordingCanvas();
  const ink = new PadInk(canvas, 200);
  ink.wipe();
  ink.penDown(20, 40);
  ink.penMove(100, 100);
  return { ink, calls };
}

describe('the draw pad at a new size', () => {
  it('draws a finished stroke again at the new size, every point scaled', () => {
    const { ink, calls } = padWithStroke();
    ink.penMove(180, 60);
    ink.penUp();
    const before = strokes(calls);
    calls.length = 0;
    ink.resize(100);
    const after = strokes(calls);
    expect(after.map((c) => c.name)).toEqual(before.map((c) => c.name));
    // the same path at half the size (an arc's radius is the brush's, which scales with the pad too)
    after.forEach((c, i) => expect(c.args.slice(0, 4)).toEqual(before[i].args.slice(0, 4).map((v) => v / 2)));
    // and the pad wiped black first, at its new size
    expect(calls.find((c) => c.name === 'fillRect')?.args).toEqual([0, 0, 100, 100]);
  });

  it('goes on with a stroke under way, from where the pen was', () => {
    const { ink, calls } = padWithStroke();
    ink.resize(100);
    expect(ink.drawing).toBe(true);
    calls.length = 0;
    ink.penMove(90, 30);
    // the curve starts at the last midpoint (60, 70) at half the size, its control the last point
    expect(strokes(calls)).toEqual([
      { name: 'moveTo', args: [30, 35] },
      { name: 'quadraticCurveTo', args: [50, 50, 70, 40] },
    ]);
  });

  it('puts a loaded digit back, and nothing once wiped', () => {
    const { canvas, calls } = recordingCanvas();
    const ink = new PadInk(canvas, 200);
    ink.putDigit(new Uint8Array(784).fill(255));
    calls.length = 0;
    ink.resize(120);
    expect(calls.filter((c) => c.name === 'drawImage').map((c) => c.args)).toEqual([[0, 0, 120, 120]]);
    ink.wipe();
    calls.length = 0;
    ink.resize(200);
    expect(strokes(calls)).toEqual([]);
    expect(calls.filter((c) => c.name === 'drawImage')).toEqual([]);
  });
});
