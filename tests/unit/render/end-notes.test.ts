import { expect, it } from 'vitest';
import { barBelowLabels } from '../../../src/render/colour-bar';
import { drawEndNotes, placeEndNotes, segmentMeetsRect } from '../../../src/render/end-notes';
import { colourBarTicks } from '../../../src/render/surface-scale';
import { titleLines } from '../../../src/render/surface2d';

const plot = { x: 50, y: 10, width: 400, height: 300 };

it('places each walk’s cost beside its end, without two notes on top of each other', () => {
  // GD and mini-batch SGD end a pixel apart near the start; one-example SGD far away
  const ends = [
    { x: 100, y: 150, width: 60 },
    { x: 101, y: 152, width: 60 },
    { x: 300, y: 250, width: 60 },
  ];
  const at = placeEndNotes(ends, plot);
  expect(at[0]).toEqual({ x: 108, y: 150 });
  expect(at[1].x).toBe(109);
  expect(Math.abs(at[1].y - at[0].y)).toBeGreaterThanOrEqual(14);
  expect(at[2]).toEqual({ x: 308, y: 250 });
});

it('writes a note left of an end near the plot’s right edge, and keeps it inside the plot vertically', () => {
  const at = placeEndNotes([{ x: 440, y: 12, width: 60 }], plot);
  expect(at[0].x).toBe(440 - 8 - 60);
  expect(at[0].y).toBe(17);
});

it('the colour bar names its two ends where no round cost is near them', () => {
  const ticks = colourBarTicks(0.24, 1.7, 300);
  expect(ticks).toContain(0.24);
  expect(ticks).toContain(1.7);
  expect(ticks.filter((t) => t !== 0.24 && t !== 1.7).length).toBeGreaterThan(1);
  // an end next to a round one is not written twice over it
  expect(colourBarTicks(0.2, 0.501, 300)).not.toContain(0.501);
  expect(colourBarTicks(0.2, 0.501, 300)).toContain(0.5);
  // a round one 12 px from an end gives way to the end (their labels touched)
  const crowded = colourBarTicks(0.234, 23, 230);
  expect(crowded).toContain(0.234);
  expect(crowded).not.toContain(0.3);
  const ys = crowded.map((t) => (230 * Math.log(t / 0.234)) / Math.log(23 / 0.234)).sort((a, b) => a - b);
  for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(16);
});

it('the colour bar under a phone’s map keeps its numbers 40 px apart, side by side, and names both ends', () => {
  for (const [lo, hi] of [
    [0.234, 23],
    [0.05, 8.15],
    [0.2, 0.9],
  ]) {
    const ticks = colourBarTicks(lo, hi, 280, 40);
    expect(ticks).toContain(lo);
    expect(ticks).toContain(hi);
    const xs = ticks.map((t) => (280 * Math.log(t / lo)) / Math.log(hi / lo)).sort((a, b) => a - b);
    for (let k = 1; k < xs.length; k++) expect(xs[k] - xs[k - 1]).toBeGreaterThanOrEqual(40);
  }
});

it('keeps a note clear of the start ring its walk ends inside (GD’s note was written over the ring)', () => {
  const ring = { x: 100, y: 150, radius: 10.5 };
  const at = placeEndNotes([{ x: 99, y: 152, width: 60 }], plot, 14, [ring]);
  expect(at[0].x).toBeGreaterThanOrEqual(ring.x + ring.radius);
  // a note well above or below the ring stays beside its own end
  expect(placeEndNotes([{ x: 99, y: 100, width: 60 }], plot, 14, [ring])[0].x).toBe(107);
  // written on the left near the plot's right edge: left of the ring
  const right = { x: 440, y: 150, radius: 10.5 };
  const onLeft = placeEndNotes([{ x: 441, y: 150, width: 60 }], plot, 14, [right]);
  expect(onLeft[0].x + 60).toBeLessThanOrEqual(right.x - right.radius);
});

it('a note moved past the ring stays inside the plot', () => {
  // the ring just right of the end, near the plot's right edge (50 + 400): pushed past it, the note ran out
  const at = placeEndNotes([{ x: 300, y: 150, width: 90 }], plot, 14, [{ x: 340, y: 150, radius: 10.5 }]);
  expect(at[0].x + 90).toBeLessThanOrEqual(plot.x + plot.width - 2);
  expect(at[0].x).toBeGreaterThanOrEqual(plot.x + 2);
});

it('moves a note off a walk that would run through it (one-example SGD’s note lay across its own last steps)', () => {
  // the walk comes in from the lower left to an end near the plot's right edge, where the note
  // goes on the left: straight through the note's line
  const walk: [number, number][] = [
    [300, 200],
    [380, 160],
    [430, 148],
    [440, 150],
  ];
  const plain = placeEndNotes([{ x: 440, y: 150, width: 60 }], plot);
  expect(plain[0]).toEqual({ x: 372, y: 150 });
  const at = placeEndNotes([{ x: 440, y: 150, width: 60 }], plot, 14, [], [walk]);
  expect(at[0]).toEqual({ x: 372, y: 136 });
  // a note the walks do not cross stays where it was
  expect(
    placeEndNotes(
      [{ x: 440, y: 150, width: 60 }],
      plot,
      14,
      [],
      [
        [
          [100, 300],
          [120, 290],
        ],
      ],
    ),
  ).toEqual(plain);
});

it('keeps a note where it was when no place around its end is clear', () => {
  // a walk zigzagging through every place around the end
  const zigzag: [number, number][] = [];
  for (let x = 300; x <= 448; x += 4) zigzag.push([x, x % 8 === 0 ? 125 : 175]);
  const at = placeEndNotes([{ x: 380, y: 150, width: 50 }], plot, 14, [], [zigzag]);
  expect(at[0]).toEqual({ x: 388, y: 150 });
});

it('segmentMeetsRect: crossing, inside, beside and along an edge', () => {
  const r = { x: 10, y: 10, width: 20, height: 10 };
  expect(segmentMeetsRect([0, 15], [40, 15], r)).toBe(true);
  expect(segmentMeetsRect([12, 12], [14, 14], r)).toBe(true);
  expect(segmentMeetsRect([0, 0], [40, 5], r)).toBe(false);
  expect(segmentMeetsRect([0, 0], [9, 30], r)).toBe(false);
  expect(segmentMeetsRect([0, 30], [30, 0], r)).toBe(true);
});

it('a map’s y title longer than the map is tall goes on two lines, split near its middle', () => {
  const measure = (t: string) => t.length * 6;
  expect(titleLines('random direction 2', 200, measure)).toEqual(['random direction 2']);
  // 27 characters, 162 px, on a 140 px map
  expect(titleLines('toward mini-batch SGD’s end', 144, measure)).toEqual(['toward mini-batch', 'SGD’s end']);
  expect(titleLines('unbroken', 10, measure)).toEqual(['unbroken']);
});

it('the numbers under a phone’s colour bar never run into one another as drawn, both ends named inside the bar', () => {
  const measure = (t: string) => t.length * 6.5;
  const plot = { x: 50, width: 280 };
  for (const [lo, hi] of [
    [0.0511, 0.5],
    [0.0511, 8],
    [0.177, 8.15],
    [0.2, 0.9],
  ]) {
    const labels = barBelowLabels(lo, hi, plot, measure).sort((a, b) => a.x - b.x);
    expect(labels.map((l) => l.cost)).toContain(lo);
    expect(labels.map((l) => l.cost)).toContain(hi);
    expect(labels[0].x).toBeGreaterThanOrEqual(plot.x);
    const last = labels[labels.length - 1];
    expect(last.x + measure(last.text)).toBeLessThanOrEqual(plot.x + plot.width + 1e-9);
    for (let k = 1; k < labels.length; k++) {
      expect(labels[k].x - (labels[k - 1].x + measure(labels[k - 1].text))).toBeGreaterThanOrEqual(8);
    }
  }
});

it('writes each end note in dark ink on a white pill after a piece of its walk’s line, dash and all', () => {
  // written in the walk's own colour, a note was lost on the map's like colours to colour-blind
  // readers (cyan on teal to a tritan eye) and to blurred sight
  const texts: { text: string; fill: string }[] = [];
  const pills: number[][] = [];
  const dashes: number[][] = [];
  const ctx = {
    font: '',
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineJoin: '',
    textAlign: '',
    textBaseline: '',
    measureText: (t: string) => ({ width: t.length * 6 }),
    beginPath() {},
    moveTo() {},
    lineTo() {},
    fill() {},
    stroke() {},
    roundRect(...r: number[]) {
      pills.push(r);
    },
    setLineDash(d: number[]) {
      dashes.push([...d]);
    },
    fillText(text: string) {
      texts.push({ text, fill: this.fillStyle });
    },
  };
  drawEndNotes(
    ctx as unknown as CanvasRenderingContext2D,
    [
      { colour: '#35d0ff', dash: [5, 3], endNote: 'one-example: C = 0.0184', pixels: [[200, 100]] },
      { colour: '#ffffff', endNote: 'GD: C = 0.0553', pixels: [[100, 200]] },
    ],
    plot,
    [],
  );
  expect(texts).toEqual([
    { text: 'one-example: C = 0.0184', fill: '#1f2328' },
    { text: 'GD: C = 0.0553', fill: '#1f2328' },
  ]);
  expect(pills).toHaveLength(2);
  // the pill holds the swatch and the text
  expect(pills[0][2]).toBeGreaterThan('one-example: C = 0.0184'.length * 6 + 16);
  expect(dashes).toContainEqual([5, 3]);
});
