import { describe, expect, it } from 'vitest';
import { EdgeRasterSession, imageBytes, paintEdges } from '../../../src/worker/edge-raster';
import { SEGMENT_FLOATS } from '../../../src/protocol/edge-raster-api';

type Edge = [
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
  g: number,
  b: number,
  alpha: number,
  width: number,
];

function paint(width: number, height: number, edges: Edge[], scale = 1): Uint8ClampedArray {
  const segments = new Float32Array(edges.length * SEGMENT_FLOATS);
  edges.forEach((e, i) => segments.set(e, i * SEGMENT_FLOATS));
  const acc = new Float32Array(width * height * 4);
  paintEdges(acc, width, height, scale, edges.length, segments);
  return imageBytes(acc, width, height);
}

/** Sum of the pixels' opacities (0..1): the painted area, in device px². */
function area(pixels: Uint8ClampedArray): number {
  let sum = 0;
  for (let p = 3; p < pixels.length; p += 4) sum += pixels[p] / 255;
  return sum;
}

/**
 * An independent reference: the share of each pixel's 16x16 sample points inside the band of
 * half-width `half` around the segment a-b (cut square at its ends).
 */
function supersampled(width: number, height: number, [ax, ay, bx, by, half]: number[]): Float64Array {
  const out = new Float64Array(width * height);
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.hypot(dx, dy);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let inside = 0;
      for (let sy = 0; sy < 16; sy++)
        for (let sx = 0; sx < 16; sx++) {
          const px = x + (sx + 0.5) / 16 - ax;
          const py = y + (sy + 0.5) / 16 - ay;
          const along = (px * dx + py * dy) / len;
          const across = Math.abs(px * dy - py * dx) / len;
          if (along >= 0 && along <= len && across <= half) inside++;
        }
      out[y * width + x] = inside / 256;
    }
  return out;
}

describe('the edge worker’s pixels', () => {
  it('paints a 1 px horizontal line on pixel centres as whole pixels of its colour, and nothing beside it', () => {
    const px = paint(30, 10, [[10, 5.5, 20, 5.5, 1, 0, 0, 1, 1]]);
    for (let x = 0; x < 30; x++)
      for (let y = 0; y < 10; y++) {
        const p = (y * 30 + x) * 4;
        const on = y === 5 && x >= 10 && x < 20;
        expect([px[p], px[p + 1], px[p + 2], px[p + 3]], `pixel ${x},${y}`).toEqual(
          on ? [255, 0, 0, 255] : [0, 0, 0, 0],
        );
      }
  });

  it('covers each pixel as much as the band does, at every angle (against 16x16 supersampling)', () => {
    const W = 40;
    const H = 40;
    for (const angle of [0, 0.3, Math.PI / 4, 1.1, Math.PI / 2, 2.2, 3.0, 4.4]) {
      for (const width of [0.35, 1.2, 3.5]) {
        const cx = 20.3;
        const cy = 19.7;
        const r = 14;
        const seg = [
          cx - r * Math.cos(angle),
          cy - r * Math.sin(angle),
          cx + r * Math.cos(angle),
          cy + r * Math.sin(angle),
        ];
        const px = paint(W, H, [[seg[0], seg[1], seg[2], seg[3], 0, 0, 1, 1, width]]);
        const ref = supersampled(W, H, [...seg, width / 2]);
        // the ends are cut across the walked axis, not square to the edge: compare away from them
        // (they lie under the neurons' circles)
        let worst = 0;
        for (let y = 0; y < H; y++)
          for (let x = 0; x < W; x++) {
            const along = (x + 0.5 - cx) * Math.cos(angle) + (y + 0.5 - cy) * Math.sin(angle);
            if (Math.abs(along) > r - width - 1) continue;
            worst = Math.max(worst, Math.abs(px[(y * W + x) * 4 + 3] / 255 - ref[y * W + x]));
          }
        // the band's area is length x width (the samples are too coarse to say it for 0.35 px)
        const band = 2 * r * width;
        expect(Math.abs(area(px) - band) / band, `angle ${angle}, width ${width}`).toBeLessThan(0.03);
        // per pixel, coverage taken at each column's centre differs from the exact by a fraction
        expect(worst, `angle ${angle}, width ${width}`).toBeLessThan(0.25);
      }
    }
  });

  it('blends each edge over the ones before as WebGL does (premultiplied “over”)', () => {
    // red at half opacity, then blue at half opacity, on the same pixels
    const px = paint(20, 5, [
      [2, 2.5, 18, 2.5, 1, 0, 0, 0.5, 1],
      [2, 2.5, 18, 2.5, 0, 0, 1, 0.5, 1],
    ]);
    const p = (2 * 20 + 8) * 4;
    // premultiplied: red (0.5, 0, 0, 0.5); blue over it: (0.25, 0, 0.5, 0.75)
    expect(px[p + 3]).toBe(Math.round(0.75 * 255));
    expect(px[p]).toBe(Math.round((0.25 / 0.75) * 255));
    expect(px[p + 1]).toBe(0);
    expect(px[p + 2]).toBe(Math.round((0.5 / 0.75) * 255));
  });

  it('scales CSS px to device px', () => {
    const px = paint(20, 6, [[1, 1, 6, 1, 0, 1, 0, 1, 1]], 2);
    // device px: from x 2 to 12, rows 1 and 2 (centre y 2, half-width 1)
    expect(area(px)).toBeCloseTo(10 * 2, 5);
    expect(px[(1 * 20 + 2) * 4 + 3]).toBe(255);
    expect(px[(2 * 20 + 11) * 4 + 3]).toBe(255);
    expect(px[(3 * 20 + 5) * 4 + 3]).toBe(0);
  });

  it('clips edges that leave the canvas, and paints nothing for no width or no opacity', () => {
    const px = paint(10, 10, [
      [-50, -20, 60, 30, 1, 1, 1, 1, 2],
      [2, 2, 8, 8, 1, 0, 0, 0, 3],
      [2, 8, 8, 2, 1, 0, 0, 1, 0],
    ]);
    expect(px.length).toBe(400);
    expect(area(px)).toBeGreaterThan(10);
    // the two invisible edges left no red: every painted pixel is white
    for (let p = 0; p < px.length; p += 4)
      if (px[p + 3] > 0) expect([px[p], px[p + 1], px[p + 2]]).toEqual([255, 255, 255]);
  });

  it('clips at every border as the band does (against 16x16 supersampling)', () => {
    const W = 30;
    const H = 20;
    // shallow and steep, leaving by each side, from negative coordinates too
    const cases = [
      [-8.3, 4.2, 37.6, 15.1, 1.2],
      [6.4, -5.7, 21.3, 26.9, 2.5],
      [-3, 18.6, 12.2, 24.4, 1],
      [29.5, -2, 24.1, 12.7, 0.8],
      // steep, along the left and the right border (half on the canvas): nothing may wrap round
      [-0.4, -3, 0.8, 25, 1],
      [29.6, -3, 30.3, 25, 1.4],
    ];
    for (const [ax, ay, bx, by, width] of cases) {
      const px = paint(W, H, [[ax, ay, bx, by, 1, 1, 1, 1, width]]);
      const ref = supersampled(W, H, [ax, ay, bx, by, width / 2]);
      let worst = 0;
      for (let i = 0; i < W * H; i++) worst = Math.max(worst, Math.abs(px[i * 4 + 3] / 255 - ref[i]));
      expect(worst, `${ax},${ay} to ${bx},${by}`).toBeLessThan(0.3);
    }
  });

  it('refuses a float canvas smaller than the picture', () => {
    expect(() => paintEdges(new Float32Array(10), 10, 10, 1, 0, new Float32Array(0))).toThrow(/10x10 needs 400/);
  });
});

describe('the edge worker’s kept base', () => {
  const list = (edges: Edge[]) => {
    const segments = new Float32Array(edges.length * SEGMENT_FLOATS);
    edges.forEach((e, i) => segments.set(e, i * SEGMENT_FLOATS));
    return segments;
  };
  const baseEdges: Edge[] = [
    [2, 3.5, 38, 3.5, 1, 0, 0, 0.6, 1],
    [2, 10, 38, 25, 0, 0, 1, 0.4, 2],
  ];
  const overlayEdges: Edge[] = [[20, 0, 20, 30, 0, 1, 0, 0.9, 1.5]];
  const request = (baseId: number, baseOpacity: number, overlay: Edge[]) => ({
    width: 40,
    height: 30,
    scale: 1,
    baseId,
    count: baseEdges.length,
    segments: list(baseEdges),
    baseOpacity,
    overlayCount: overlay.length,
    overlay: list(overlay),
  });

  it('paints the base once per id and size, and a new focus only over it: the same pixels as painting all', () => {
    const session = new EdgeRasterSession();
    const plain = session.raster(request(1, 1, []));
    expect(plain.pixels).toEqual(paint(40, 30, baseEdges));
    const focused = session.raster(request(1, 0.25, overlayEdges));
    expect(session.basesPainted).toBe(1);
    // the same, painted directly: every base edge at a quarter of its opacity, the overlay over them
    const direct = paint(40, 30, [
      ...baseEdges.map((e) => e.map((v, i) => (i === 7 ? v * 0.25 : v)) as Edge),
      ...overlayEdges,
    ]);
    let worst = 0;
    for (let i = 0; i < direct.length; i++) worst = Math.max(worst, Math.abs(focused.pixels[i] - direct[i]));
    // (these base edges do not cross: where they do, fading the painted base is not fading each edge)
    expect(worst).toBeLessThanOrEqual(1);
    expect(focused.pixels).not.toEqual(plain.pixels);
    // back to no focus: the kept base again, not repainted
    expect(session.raster(request(1, 1, [])).pixels).toEqual(plain.pixels);
    expect(session.basesPainted).toBe(1);
    // a new id (new weights) or a new size paints it again, from a clear canvas
    const moved: Edge[] = [[5, 20.5, 35, 20.5, 0, 1, 0, 0.7, 1]];
    const next = { ...request(2, 1, []), count: 1, segments: list(moved) };
    expect(session.raster(next).pixels).toEqual(paint(40, 30, moved));
    expect(session.raster({ ...next, width: 20 }).pixels).toEqual(paint(20, 30, moved));
    expect(session.basesPainted).toBe(3);
  });
});
