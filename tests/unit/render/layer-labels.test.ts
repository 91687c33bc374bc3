import { expect, it } from 'vitest';
import { fitLayerLabels } from '../../../src/render/layer-labels';

/** 7 px a character, as a 12 px font roughly draws these. */
const width = (t: string) => t.length * 7;
const names = (l: number, n?: number) =>
  n === undefined ? [`output a${l}`, `output a${l}`, `a${l}`] : [`hidden a${l} (${n})`, `a${l} (${n})`, `a${l}`];

it('gives each column its longest name where the columns stand wide apart', () => {
  const columns = [
    { x: 300, names: names(1, 16) },
    { x: 420, names: names(2, 16) },
    { x: 540, names: names(3) },
  ];
  expect(fitLayerLabels(columns, width, 200, 700)).toEqual(['hidden a1 (16)', 'hidden a2 (16)', 'output a3']);
});

it('shortens the names of columns ~50 px apart until no two overlap (a phone)', () => {
  const columns = [
    { x: 130, names: names(1, 16) },
    { x: 180, names: names(2, 16) },
    { x: 240, names: names(3) },
  ];
  const chosen = fitLayerLabels(columns, width, 90, 390);
  // no name reaches into the next one's, 6 px apart
  for (let i = 0; i + 1 < chosen.length; i++) {
    expect(columns[i].x + width(chosen[i]) / 2 + 6).toBeLessThanOrEqual(columns[i + 1].x - width(chosen[i + 1]) / 2);
  }
  // all at one length: the longest that fits
  expect(chosen).toEqual(['a1', 'a2', 'a3']);
});

it('gives every column a name of the same length (chosen one by one, they mixed long and short)', () => {
  const columns = [
    { x: 300, names: names(1, 32) },
    { x: 400, names: names(2, 16) },
    { x: 500, names: names(3, 8) },
    { x: 600, names: names(4) },
  ];
  expect(fitLayerLabels(columns, width, 200, 700)).toEqual(['a1 (32)', 'a2 (16)', 'a3 (8)', 'output a4']);
});

it('keeps the shortest name where even it does not fit (the columns are too close for any)', () => {
  const columns = [
    { x: 100, names: names(1, 16) },
    { x: 110, names: names(2, 16) },
  ];
  expect(fitLayerLabels(columns, width, 0, 400)).toEqual(['a1', 'a2']);
});
