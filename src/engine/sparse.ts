/** Each image's nonzero pixels, listed once per byte image set and shared by every trainer on it. */

export interface NonzeroLists {
  /** Image i's nonzero pixel indices are pixels[offsets[i] .. offsets[i + 1]). */
  offsets: Uint32Array;
  pixels: Uint16Array;
  /** values[i] is the byte of pixels[i] (so a pass over an image reads two arrays in order, not the image at random). */
  values: Uint8Array;
}

const cache = new WeakMap<Uint8Array, Map<number, NonzeroLists>>();

/** Lists the nonzero pixels of `count` images of `pixelsPerImage` bytes (cached per images array). */
export function nonzeroLists(images: Uint8Array, count: number, pixelsPerImage: number): NonzeroLists {
  if (pixelsPerImage > 65536)
    throw new RangeError(`nonzero lists hold pixel indices below 65536, images have ${pixelsPerImage}`);
  let byShape = cache.get(images);
  const key = count * 65537 + pixelsPerImage;
  const hit = byShape?.get(key);
  if (hit) return hit;
  const offsets = new Uint32Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const base = i * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) if (images[base + p] !== 0) total++;
    offsets[i + 1] = total;
  }
  const pixels = new Uint16Array(total);
  const values = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const base = i * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) {
      const v = images[base + p];
      if (v !== 0) {
        pixels[at] = p;
        values[at++] = v;
      }
    }
  }
  const lists = { offsets, pixels, values };
  if (!byShape) cache.set(images, (byShape = new Map()));
  byShape.set(key, lists);
  return lists;
}
