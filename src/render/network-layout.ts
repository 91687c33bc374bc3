/**
 * Where every neuron of the network sits on screen, in CSS pixels. Layer 0 is the
 * input, drawn as the 28x28 image itself (each pixel is an input neuron).
 */

export interface Point {
  x: number;
  y: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  sizes: number[];
  /** The input image: top-left corner and the size of one pixel. */
  image: { x: number; y: number; pixel: number };
  /** Centre of neuron j of layer l (layer 0: centre of pixel j). */
  neurons: Point[][];
  /**
   * The circle's radius of each layer's neurons (index 0, the input pixels: half a pixel). One
   * size where the layers are alike (784-16-16-10); a narrow layer beside wide ones keeps a
   * readable circle (the 10 outputs after 64-wide layers were 3 px dots).
   */
  radii: number[];
  /** Space at the right of the output layer for labels and bars. */
  outputBar: { x: number; width: number };
}

/** Room beside an output bar for its value (11 px text, up to 0.1153). */
export const OUTPUT_VALUE_ROOM = 48;

export function computeLayout(sizes: number[], width: number, height: number): NetworkLayout {
  const top = 26;
  const bottom = 24;
  const usable = Math.max(120, height - top - bottom);
  const side = Math.round(Math.sqrt(sizes[0]));
  const pixel = Math.max(2, Math.floor(Math.min(usable * 0.62, width * 0.24) / side));
  const imageSize = pixel * side;
  const image = { x: 12, y: top + (usable - imageSize) / 2, pixel };
  // the bars get at least 28 px beside their value's text: at 14% of a phone's width they
  // were 4 px (0 at 360), and the lesson asks about them
  const barWidth = Math.min(110 + OUTPUT_VALUE_ROOM - 44, Math.max(28 + OUTPUT_VALUE_ROOM, width * 0.14));
  const outputBar = { x: width - barWidth - 8, width: barWidth };
  const firstX = image.x + imageSize + Math.max(60, width * 0.16);
  const lastX = outputBar.x - 34;
  const hidden = sizes.length - 2;
  const maxNeurons = Math.max(...sizes.slice(1));
  // the widest layer's radius; a narrower layer up to that of a 16-neuron layer, 3.4 radii apart
  const radius = Math.max(3, Math.min(12, (usable / maxNeurons) * 0.36));
  const radii = [pixel / 2];
  const neurons: Point[][] = [];
  const pixels: Point[] = [];
  for (let i = 0; i < sizes[0]; i++) {
    pixels.push({ x: image.x + (i % side) * pixel + pixel / 2, y: image.y + Math.floor(i / side) * pixel + pixel / 2 });
  }
  neurons.push(pixels);
  for (let l = 1; l < sizes.length; l++) {
    const x = hidden === 0 ? lastX : firstX + ((lastX - firstX) * (l - 1)) / (sizes.length - 2);
    const n = sizes[l];
    // neurons 3.4 radii apart; a small layer beside wide ones (10 outputs after 64) may spread
    // as far as a 16-neuron layer would, so its labels do not crowd
    const gap = Math.min(usable / n, Math.max(radius * 3.4, (usable / 16) * 0.9));
    const y0 = top + usable / 2 - (gap * (n - 1)) / 2;
    const layer: Point[] = [];
    for (let j = 0; j < n; j++) layer.push({ x, y: y0 + gap * j });
    neurons.push(layer);
    radii.push(Math.min(12, Math.max(radius, Math.min(gap / 3.4, (usable / 16) * 0.36))));
  }
  return { width, height, sizes, image, neurons, radii, outputBar };
}

/** How far beside a neuron's circle a click or tap still picks it. */
export const NEURON_REACH_X = 8;
/** How far above or below it, where its neighbours leave room (half the gap is shared). */
const NEURON_REACH_Y = 8;

/**
 * The neuron under a point, if any (input pixels count as neurons of layer 0). A neuron takes the
 * points up to NEURON_REACH_X px beside its circle, and above or below it up to NEURON_REACH_Y px
 * or half the way to its neighbour, whichever is nearer: a click 14 px off a neuron (6 px beside
 * the old target of radius + 4) picked one of the edges fanning out there (a teacher's review).
 */
export function neuronAt(layout: NetworkLayout, p: Point): { layer: number; index: number } | null {
  const { image, sizes, radii } = layout;
  const side = Math.round(Math.sqrt(sizes[0]));
  const ix = Math.floor((p.x - image.x) / image.pixel);
  const iy = Math.floor((p.y - image.y) / image.pixel);
  if (ix >= 0 && iy >= 0 && ix < side && iy < side) return { layer: 0, index: iy * side + ix };
  for (let l = 1; l < layout.neurons.length; l++) {
    const layer = layout.neurons[l];
    const radius = radii[l];
    if (Math.abs(layer[0].x - p.x) > radius + NEURON_REACH_X) continue;
    const gap = layer.length > 1 ? layer[1].y - layer[0].y : Infinity;
    const reachY = Math.max(radius + 4, Math.min(radius + NEURON_REACH_Y, gap / 2));
    let best = -1;
    let bestD = reachY;
    for (let j = 0; j < layer.length; j++) {
      const d = Math.abs(layer[j].y - p.y);
      if (d <= bestD) {
        best = j;
        bestD = d;
      }
    }
    if (best >= 0) return { layer: l, index: best };
  }
  return null;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The edge nearest a point (within `tolerance` px) between hidden/output layers, or from the input to layer 1 when nothing closer. */
export function edgeAt(
  layout: NetworkLayout,
  p: Point,
  tolerance = 4,
): { layer: number; to: number; from: number } | null {
  let best: { layer: number; to: number; from: number } | null = null;
  let bestD = tolerance;
  for (let l = 1; l < layout.neurons.length; l++) {
    const from = layout.neurons[l - 1];
    const to = layout.neurons[l];
    const minX = l === 1 ? layout.image.x : from[0].x;
    if (p.x < minX - tolerance || p.x > to[0].x + tolerance) continue;
    for (let j = 0; j < to.length; j++) {
      for (let k = 0; k < from.length; k++) {
        const d = distanceToSegment(p, from[k], to[j]);
        if (d < bestD) {
          bestD = d;
          best = { layer: l, to: j, from: k };
        }
      }
    }
  }
  return best;
}
