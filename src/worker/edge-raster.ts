/**
 * The network's edges as CPU pixels: each edge a straight band `width` wide, anti-aliased by its
 * exact coverage of each pixel column (or row, for a steep edge), blended over the ones before as
 * WebGL blends them (premultiplied colour, "over"). Pure: no DOM, runs in the edge worker.
 */
import { SEGMENT_FLOATS, type EdgeRasterRequest, type EdgeRasterResult } from '../protocol/edge-raster-api';

/** Colour r, g, b at opacity `a` over the premultiplied pixel at acc[p]. */
function blend(acc: Float32Array, p: number, r: number, g: number, b: number, a: number): void {
  const keep = 1 - a;
  acc[p] = r * a + acc[p] * keep;
  acc[p + 1] = g * a + acc[p + 1] * keep;
  acc[p + 2] = b * a + acc[p + 2] * keep;
  acc[p + 3] = a + acc[p + 3] * keep;
}

/**
 * Paints `count` edges of `seg` (SEGMENT_FLOATS each, CSS px times `scale`) over `acc`
 * (premultiplied RGBA floats, W x H x 4).
 */
export function paintEdges(
  acc: Float32Array,
  W: number,
  H: number,
  scale: number,
  count: number,
  seg: Float32Array,
): void {
  if (acc.length < W * H * 4) throw new RangeError(`acc holds ${acc.length} numbers, ${W}x${H} needs ${W * H * 4}`);
  for (let e = 0; e < count; e++) {
    const o = e * SEGMENT_FLOATS;
    const alpha = seg[o + 7];
    const half = (seg[o + 8] * scale) / 2;
    if (!(alpha > 0) || !(half > 0)) continue;
    let ax = seg[o] * scale;
    let ay = seg[o + 1] * scale;
    let bx = seg[o + 2] * scale;
    let by = seg[o + 3] * scale;
    const r = seg[o + 4];
    const g = seg[o + 5];
    const b = seg[o + 6];
    // x-major: walk the columns, each covered by the band over [centre - ext, centre + ext];
    // y-major: the same over rows. `major`/`minor` name the walked and the crossed axis
    const xMajor = Math.abs(bx - ax) >= Math.abs(by - ay);
    if (xMajor ? bx < ax : by < ay) {
      const tx = ax;
      const ty = ay;
      ax = bx;
      ay = by;
      bx = tx;
      by = ty;
    }
    const m0 = xMajor ? ax : ay;
    const m1 = xMajor ? bx : by;
    const n0 = xMajor ? ay : ax;
    const n1 = xMajor ? by : bx;
    if (m1 - m0 <= 0) continue;
    const slope = (n1 - n0) / (m1 - m0);
    const ext = half * Math.sqrt(1 + slope * slope);
    const majorSize = xMajor ? W : H;
    const minorSize = xMajor ? H : W;
    // one step along the major axis moves `majorStride` numbers in acc, along the minor `minorStride`
    const majorStride = xMajor ? 4 : W * 4;
    const minorStride = xMajor ? W * 4 : 4;
    const first = Math.max(0, Math.floor(m0));
    const last = Math.min(majorSize - 1, Math.ceil(m1) - 1);
    const band = 2 * ext;
    // columns wholly inside the segment are covered along their whole width
    const wholeFrom = Math.ceil(m0);
    const wholeTo = Math.floor(m1) - 1;
    let top = n0 + (first + 0.5 - m0) * slope - ext;
    for (let m = first; m <= last; m++, top += slope) {
      // how much of this column the segment spans (its ends are cut square)
      const k = m >= wholeFrom && m <= wholeTo ? alpha : alpha * (Math.min(m + 1, m1) - Math.max(m, m0));
      const row = Math.floor(top);
      const base = m * majorStride;
      // the band's share in its first row
      const head = row + 1 - top;
      if (band <= head + 1 && row >= 0 && row + 1 < minorSize) {
        // one or two rows (most edges: under a pixel wide and not steep)
        let p = base + row * minorStride;
        if (band <= head) {
          blend(acc, p, r, g, b, k * band);
          continue;
        }
        blend(acc, p, r, g, b, k * head);
        p += minorStride;
        blend(acc, p, r, g, b, k * (band - head));
        continue;
      }
      const bottom = top + band;
      const from = Math.max(0, row);
      const to = Math.min(minorSize - 1, Math.floor(bottom));
      for (let n = from; n <= to; n++) {
        const a = k * (Math.min(n + 1, bottom) - Math.max(n, top));
        if (a > 0) blend(acc, base + n * minorStride, r, g, b, a);
      }
    }
  }
}

/** `acc` (premultiplied RGBA floats) as ImageData's bytes (not premultiplied). */
export function imageBytes(acc: Float32Array, W: number, H: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(W * H * 4);
  for (let p = 0; p < W * H * 4; p += 4) {
    const a = acc[p + 3];
    if (a <= 0) continue;
    const k = 255 / a;
    out[p] = acc[p] * k;
    out[p + 1] = acc[p + 1] * k;
    out[p + 2] = acc[p + 2] * k;
    out[p + 3] = a * 255;
  }
  return out;
}

/**
 * The edge worker's state: the base's pixels, kept under their id, so that a request which only
 * moves the focus paints its overlay over them (a copy and a few hundred edges).
 */
export class EdgeRasterSession {
  private base = new Float32Array(0);
  private baseKey = '';
  private acc = new Float32Array(0);
  /** How many times the base was painted (for tests). */
  basesPainted = 0;

  raster(request: EdgeRasterRequest): EdgeRasterResult {
    const { width, height, scale } = request;
    const need = width * height * 4;
    const key = `${request.baseId} ${width}x${height}@${scale}`;
    if (key !== this.baseKey) {
      if (this.base.length !== need) this.base = new Float32Array(need);
      else this.base.fill(0);
      paintEdges(this.base, width, height, scale, request.count, request.segments);
      this.baseKey = key;
      this.basesPainted++;
    }
    if (request.overlayCount === 0 && request.baseOpacity === 1) {
      return { width, height, pixels: imageBytes(this.base, width, height) };
    }
    if (this.acc.length !== need) this.acc = new Float32Array(need);
    const acc = this.acc;
    const fade = request.baseOpacity;
    for (let i = 0; i < need; i++) acc[i] = this.base[i] * fade;
    paintEdges(acc, width, height, scale, request.overlayCount, request.overlay);
    return { width, height, pixels: imageBytes(acc, width, height) };
  }
}
