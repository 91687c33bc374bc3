/**
 * The neurons over the edges (canvas 2D): the input image, each neuron's activation
 * as brightness, the output labels and bars, the selection, and the nudges
 * (the change each neuron is asked for) as small signed bars.
 */
import { drawGreyImage } from './digit';
import { OUTPUT_VALUE_ROOM, type NetworkLayout } from './network-layout';
import type { Activation } from '../engine';
import { activationColor, MUTED_INK, NEGATIVE, POSITIVE } from './palette';
import { canvasFont } from './font';
import { fitLayerLabels } from './layer-labels';
import { sig } from '../protocol/numbers';

export interface NodeView {
  /** a[l] for l = 0..L (a[0] = the 784 pixels in [0, 1]). */
  activations: Float32Array[];
  /** The true label of the example shown, if known. */
  label: number | null;
  /** Softmax outputs are probabilities; sigmoid outputs are activations. */
  outputsAreProbabilities: boolean;
  /** The hidden layers' f, which sets their brightness scale (see `brightness`). */
  hiddenActivation: Activation;
  /** Per layer, the change each neuron is asked for (-dC/da); absent when not showing nudges. */
  wishes: (Float32Array | null)[] | null;
  hovered: { layer: number; index: number } | null;
  selected: { layer: number; index: number } | null;
  caption: string;
  /** The shown example's cost C, written under the output bars it sums up (stepped examples and test digits). */
  cost?: number | null;
  /**
   * A step in slow motion: how far the forward pass has lit the layers (0..1, left to right)
   * and the nudges have flowed back (0..1, right to left); absent = all shown.
   */
  reveal?: { forward: number; backward: number };
}

/**
 * A layer's activation as brightness in [0, 1] (black to white): sigmoid (and the outputs,
 * probabilities or sigmoids) as it is; tanh from -1 black through 0 grey to +1 white (drawn
 * as it is, every negative activation was black like an idle neuron, yet among the strongest
 * inputs); ReLU, unbounded, relative to the layer's largest (at least 1).
 */
export function brightness(a: ArrayLike<number>, f: Activation): (v: number) => number {
  if (f === 'tanh') return (v) => (v + 1) / 2;
  if (f === 'sigmoid') return (v) => v;
  let max = 1;
  for (let j = 0; j < a.length; j++) if (a[j] > max) max = a[j];
  return (v) => v / max;
}

/** How much of layer l (1..L) the reveal shows: 0 not yet, 1 whole. */
export function layerShown(progress: number, l: number, L: number, backward = false): number {
  const at = progress * L - (backward ? L - l : l - 1);
  return at <= 0 ? 0 : at >= 1 ? 1 : at;
}

const FONT = canvasFont(12);
/** The height of the dark tag behind the network's answer (a 12 px digit with 3 px above and below). */
const ANSWER_TAG = 15;

/** A nudge bar's room (half each side of its zero tick), and its gap from its neuron and from the layer before. */
const WISH_LENGTH = 30;
/** The zero tick a nudge bar grows from. */
const WISH_TICK = '#80868b';
const WISH_GAP = 4;
/** Room left of a first-layer neuron for its nudge bar: the gap, the bar and 4 px to spare. */
const WISH_ROOM = WISH_GAP + WISH_LENGTH + 4;

/**
 * The room of layer `l`'s nudge bars (CSS px, half each side of the zero tick): WISH_LENGTH, or less where the layer before is
 * closer (on a phone the hidden layers are ~50 px apart, and the bars reached the neurons before).
 */
export function wishLength(layout: NetworkLayout, l: number): number {
  if (l < 2) return WISH_LENGTH;
  const between =
    layout.neurons[l][0].x - layout.neurons[l - 1][0].x - layout.radii[l] - layout.radii[l - 1] - 2 * WISH_GAP;
  return Math.max(4, Math.min(WISH_LENGTH, between));
}

/**
 * Where the neurons start (CSS px): left of the first hidden layer's nudge bars. The view
 * paints everything right of it on one canvas every frame (the neurons change with each
 * snapshot) and the input image and captions on another only when they change:
 * repainting a canvas costs per canvas and per pixel under software rendering.
 */
export function neuronsLeft(layout: NetworkLayout): number {
  return Math.max(0, Math.floor(layout.neurons[1][0].x - layout.radii[1] - WISH_ROOM));
}

/** What changes only with the example or the layout: the input image, captions, headers, input-pixel selection. */
export function drawNetworkStatic(ctx: CanvasRenderingContext2D, layout: NetworkLayout, view: NodeView): void {
  const { image, neurons, radii, sizes } = layout;
  ctx.clearRect(0, 0, layout.width, layout.height);
  const side = Math.round(Math.sqrt(sizes[0]));
  const a0 = view.activations[0];
  // the input image: each pixel is an input neuron (one putImageData, not 784 fillRects)
  drawGreyImage(ctx, a0, 1, image.x, image.y, image.pixel);
  ctx.strokeStyle = '#888';
  ctx.lineWidth = 1;
  ctx.strokeRect(image.x - 0.5, image.y - 0.5, side * image.pixel + 1, side * image.pixel + 1);

  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = MUTED_INK;
  ctx.textAlign = 'left';
  fitText(ctx, view.caption, image.x, 12, layout.width - image.x - 4);
  ctx.font = FONT;
  ctx.textAlign = 'center';
  // centred under the image, but never past the canvas's left edge (a phone's narrow view)
  const inputLabel = `input a⁽⁰⁾ (${sizes[0]})`;
  const inputHalf = ctx.measureText(inputLabel).width / 2;
  const inputX = Math.max(inputHalf + 2, image.x + (side * image.pixel) / 2);
  haloText(ctx, inputLabel, inputX, image.y + side * image.pixel + 14);

  const L = sizes.length - 1;
  // every layer's name on one line, under the tallest column: under its own, a short layer's
  // name sat among the edges fanning out of it (a⁽³⁾ (8) in 784-32-16-8-10)
  let lowest = -Infinity;
  for (let l = 1; l <= L; l++) lowest = Math.max(lowest, neurons[l][neurons[l].length - 1].y + radii[l]);
  const bottomY = lowest + 14;
  const labelY = Math.min(bottomY, layout.height - 8);
  // each the longest of its names that fits between its neighbours' (on a phone they ran together)
  const columns = neurons.slice(1).map((layer, i) => {
    const l = i + 1;
    return {
      x: layer[0].x,
      names:
        l === L
          ? [`output a${sup(l)}`, `output a${sup(l)}`, `a${sup(l)}`]
          : [`hidden a${sup(l)} (${sizes[l]})`, `a${sup(l)} (${sizes[l]})`, `a${sup(l)}`],
    };
  });
  // right of the input's name where the two share a line
  const inputBottom = image.y + side * image.pixel + 14;
  const start = Math.abs(inputBottom - labelY) < 14 ? inputX + inputHalf + 6 : 0;
  const names = fitLayerLabels(columns, (t) => ctx.measureText(t).width, start, layout.width - 2);
  columns.forEach((c, i) => haloText(ctx, names[i], c.x, labelY));
  ctx.textAlign = 'left';
  const barsLabel = view.outputsAreProbabilities ? 'probability' : 'activation';
  ctx.fillText(
    barsLabel,
    Math.min(layout.outputBar.x, layout.width - ctx.measureText(barsLabel).width - 2),
    neurons[L][0].y - radii[L] - 12,
  );
  // what the ten bars add up to against y, under them (on a phone the controls' "this example"
  // was 2,700 px below the lesson's step about it); where the layers' names leave room
  if (view.cost !== undefined && view.cost !== null) {
    const y = neurons[L][neurons[L].length - 1].y + radii[L] + 14;
    const text = `cost C = ${sig(view.cost)}`;
    if (y <= labelY - 14)
      ctx.fillText(text, Math.min(layout.outputBar.x, layout.width - ctx.measureText(text).width - 2), y);
  }

  for (const [ref, color, width] of rings(view)) {
    if (ref.layer !== 0) continue;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    const x = image.x + (ref.index % side) * image.pixel;
    const y = image.y + Math.floor(ref.index / side) * image.pixel;
    ctx.strokeRect(x - 1, y - 1, image.pixel + 2, image.pixel + 2);
  }
}

function rings(view: NodeView) {
  const out: [{ layer: number; index: number }, string, number][] = [];
  // neutral ink: blue and orange mean the sign of a number everywhere else
  if (view.hovered) out.push([view.hovered, MUTED_INK, 1.5]);
  if (view.selected) out.push([view.selected, '#1f2328', 2.5]);
  return out;
}

/**
 * Every layer's neurons (brightness = activation), their nudge bars and selection rings,
 * and the output labels and bars, into a canvas whose left edge is at `neuronsLeft(layout)`.
 */
export function drawNeurons(ctx: CanvasRenderingContext2D, layout: NetworkLayout, view: NodeView): void {
  const left = neuronsLeft(layout);
  ctx.clearRect(0, 0, layout.width - left, layout.height);
  ctx.save();
  ctx.translate(-left, 0);
  for (let l = 1; l < layout.sizes.length; l++) drawLayer(ctx, layout, view, l);
  ctx.restore();
}

function drawLayer(ctx: CanvasRenderingContext2D, layout: NetworkLayout, view: NodeView, l: number): void {
  const { neurons, sizes } = layout;
  const radius = layout.radii[l];
  const L = sizes.length - 1;
  const a = view.activations[l];
  const shade = brightness(a, l === L ? 'sigmoid' : view.hiddenActivation);
  const layer = neurons[l];
  // slow motion: a layer not yet reached by the forward pass is blank, its nudges not yet back
  const lit = view.reveal ? layerShown(view.reveal.forward, l, L) : 1;
  const back = view.reveal ? layerShown(view.reveal.backward, l, L, true) : 1;
  for (let j = 0; j < layer.length; j++) {
    const p = layer[j];
    ctx.beginPath();
    ctx.arc(p.x, p.y, radius, 0, Math.PI * 2);
    // not reached yet: hollow with a dashed rim (a white fill would read as fully active)
    ctx.globalAlpha = lit;
    ctx.fillStyle = activationColor(shade(a[j]));
    ctx.fill();
    ctx.globalAlpha = 1;
    // a darker rim so a bright (active) neuron still stands out on the white page
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#5f6368';
    if (lit < 1) ctx.setLineDash([2, 2]);
    ctx.stroke();
    ctx.setLineDash([]);
    const wish = view.wishes?.[l]?.[j];
    if (wish !== undefined && back > 0) {
      ctx.globalAlpha = back;
      drawWish(ctx, p.x - radius - WISH_GAP, p.y, wish, view.wishes![l]!, radius, wishLength(layout, l));
      ctx.globalAlpha = 1;
    }
  }

  if (l === L) {
    ctx.textBaseline = 'middle';
    let predicted = 0;
    for (let j = 1; j < a.length; j++) if (a[j] > a[predicted]) predicted = j;
    const digits = decimalsToShow(a, predicted);
    const bar = layout.outputBar;
    for (let j = 0; j < a.length; j++) {
      const p = neurons[L][j];
      ctx.textAlign = 'left';
      const answer = j === predicted && lit === 1;
      ctx.font = answer ? `bold ${FONT}` : FONT;
      if (answer) {
        // the network's answer in a dark tag: bold alone was hard to find among 0.62, 0.58 and 0.57
        // (a student's review)
        ctx.fillStyle = '#1f2328';
        ctx.beginPath();
        ctx.roundRect(p.x + radius + 5, p.y - ANSWER_TAG / 2, ctx.measureText(String(j)).width + 6, ANSWER_TAG, 3);
        ctx.fill();
      }
      ctx.fillStyle = answer ? '#ffffff' : MUTED_INK;
      // (clear of the selection ring, radius + 3 drawn 2.5 px wide: the tag ran into it)
      ctx.fillText(String(j), p.x + radius + 8, p.y);
      // the bars and values only once the forward pass has reached the outputs
      ctx.globalAlpha = lit;
      const w = Math.max(0, Math.min(1, a[j])) * (bar.width - OUTPUT_VALUE_ROOM);
      // the true digit's bar in ink, the others grey (blue is kept for positive numbers)
      ctx.fillStyle = j === view.label ? '#1f2328' : '#b0b4b9';
      ctx.fillRect(bar.x, p.y - 4, w, 8);
      ctx.fillStyle = MUTED_INK;
      ctx.font = canvasFont(11);
      ctx.fillText(outputText(a[j], digits), bar.x + w + 4, p.y);
      ctx.globalAlpha = 1;
    }
  }

  for (const [ref, color, width] of rings(view)) {
    if (ref.layer !== l) continue;
    const p = neurons[l][ref.index];
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(p.x, p.y, radius + 3, 0, Math.PI * 2);
    ctx.stroke();
  }
}

/**
 * A neuron's nudge: a horizontal bar left of it from a zero tick in the middle of its room,
 * blue to the right for "increase", orange to the left for "decrease", as every signed bar of the
 * app runs (the Nudges tab, the draw pad's wishes). Drawn from the neuron's side whatever the
 * sign, the bars told increase from decrease by colour alone, which a reader without colour
 * vision, or a greyscale handout, loses (a colour-vision review).
 */
export function drawWish(
  ctx: CanvasRenderingContext2D,
  right: number,
  y: number,
  wish: number,
  layer: ArrayLike<number>,
  radius: number,
  longest: number,
): void {
  let max = 1e-12;
  for (let i = 0; i < layer.length; i++) max = Math.max(max, Math.abs(layer[i]));
  const half = longest / 2;
  const centre = right - half;
  const length = (Math.abs(wish) / max) * half;
  // as tall as the neuron allows, 4-6 px: at 4 they were hard to see on a projector
  const thick = Math.max(4, Math.min(6, radius));
  ctx.fillStyle = WISH_TICK;
  ctx.fillRect(centre - 0.5, y - thick / 2 - 2, 1, thick + 4);
  if (length === 0) return;
  ctx.fillStyle = wish > 0 ? POSITIVE : NEGATIVE;
  ctx.fillRect(wish > 0 ? centre : centre - length, y - thick / 2, length, thick);
}

/**
 * An output value to `digits` decimals, never a rounded certainty: a probability of 0.9973 read
 * "1.00" and its neighbours "0.00", as if the network could not be wrong. ">0.99" and "<0.01"
 * instead (a value of exactly 0 or 1 still reads so).
 */
export function outputText(v: number, digits: number): string {
  const text = v.toFixed(digits);
  const unit = 10 ** -digits;
  if (v > 0 && Number(text) === 0) return `<${unit.toFixed(digits)}`;
  if (v < 1 && Number(text) === 1) return `>${(1 - unit).toFixed(digits)}`;
  return text;
}

/**
 * Decimals for the output values: 2, or up to 4 when the answer (in its tag, `predicted`) would
 * otherwise print the same as another output (0.12 beside 0.12).
 */
export function decimalsToShow(a: ArrayLike<number>, predicted: number): number {
  let digits = 2;
  for (let j = 0; j < a.length; j++)
    while (j !== predicted && digits < 4 && a[j].toFixed(digits) === a[predicted].toFixed(digits)) digits++;
  return digits;
}

/**
 * How the network's caption fits `maxWidth` px (`width(text, size)` measures it): whole at 12 px
 * where it fits; else broken after its colon onto two lines of 11 px, or 10 where a line is still
 * too long (a projector at 1024 px showed the stepped example's caption shrunk to 9 px on one
 * line, the smallest text on the page); else, with no colon, shrunk down to 10 px. What still
 * does not fit is cut with an ellipsis when drawn.
 */
export function captionLines(
  text: string,
  maxWidth: number,
  width: (text: string, size: number) => number,
): { size: number; lines: string[] } {
  if (width(text, 12) <= maxWidth) return { size: 12, lines: [text] };
  const colon = text.indexOf(': ');
  if (colon > 0) {
    const lines = [text.slice(0, colon + 1), text.slice(colon + 2)];
    // 10 px where a line does not fit at 11 (a phone's probe caption, "… (never trained on)")
    return { size: lines.every((l) => width(l, 11) <= maxWidth) ? 11 : 10, lines };
  }
  const size = Math.max(10, Math.min(12, Math.floor((12 * maxWidth) / Math.max(1, width(text, 12)))));
  return { size, lines: [text] };
}

function fitText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth: number): void {
  const { size, lines } = captionLines(text, maxWidth, (t, px) => {
    ctx.font = canvasFont(px);
    return ctx.measureText(t).width;
  });
  ctx.font = canvasFont(size);
  if (lines.length === 1) cutToFit(ctx, lines[0], x, y, maxWidth);
  else {
    // (y is 12: the lines' middles 6.5 and 18.5 px down, inside the canvas and above the network)
    cutToFit(ctx, lines[0], x, y - 5.5, maxWidth);
    cutToFit(ctx, lines[1], x, y + 6.5, maxWidth);
  }
}

function cutToFit(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth: number): void {
  let shown = text;
  while (shown.length > 1 && ctx.measureText(shown).width > maxWidth) shown = shown.slice(0, -2) + '…';
  ctx.fillText(shown, x, y);
}

/** Text with a white halo, legible where edges pass under it. */
function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.save();
  ctx.strokeStyle = 'rgba(255,255,255,0.9)';
  ctx.lineWidth = 4;
  ctx.lineJoin = 'round';
  ctx.strokeText(text, x, y);
  ctx.restore();
  ctx.fillText(text, x, y);
}

/** The lecture's layer index: a⁽²⁾, not a² (which reads as a square). */
function sup(n: number): string {
  const digits = String(n)
    .split('')
    .map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)])
    .join('');
  return `⁽${digits}⁾`;
}
