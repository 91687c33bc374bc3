import { expect, it } from 'vitest';
import { legendLayout, MARGIN, marginForLegend, type LegendEntry } from '../../../src/render/charts/frame';

const entry = (text: string): LegendEntry => ({ color: '#000', text });
/** The cost chart's legend after a divergence, with the run before it to compare. */
const costLegend = ['each update', 'smoothed 0.17', 'undone', 'before'].map(entry);
/** Where an entry ends (in Node nothing is measured: 6 px a character, as drawLegend estimates). */
const endOf = (x: number, e: LegendEntry) => x + 20 + e.text.length * 6;

it('wraps to a second row where one would run past the chart (into the next chart, over its "C")', () => {
  const { at, rows } = legendLayout(costLegend, 60, 280, 60);
  expect(rows).toBe(2);
  at.forEach(([x], i) => {
    expect(x).toBeGreaterThanOrEqual(60);
    expect(endOf(x, costLegend[i])).toBeLessThanOrEqual(280 - 2);
  });
  // each row starts at x, in order
  expect(at.map(([, r]) => r)).toEqual([0, 0, 1, 1]);
  expect(at[2][0]).toBe(60);
  // and the plot moves down by a row for it
  expect(marginForLegend(MARGIN, costLegend, 60, 280, 60).top).toBe(MARGIN.top + 14);
});

it('keeps one row where it fits', () => {
  const { at, rows } = legendLayout(costLegend.slice(0, 2), 60, 280, 60);
  expect(rows).toBe(1);
  expect(at).toEqual([
    [60, 0],
    [60 + 30 + 11 * 6, 0],
  ]);
  expect(marginForLegend(MARGIN, costLegend.slice(0, 2), 60, 280, 60)).toEqual(MARGIN);
});

it('shifts one row left, where the chart allows, rather than wrap it', () => {
  const { at, rows } = legendLayout(costLegend.slice(0, 3), 60, 300);
  expect(rows).toBe(1);
  expect(at[0][0]).toBeLessThan(60);
  expect(endOf(at[2][0], costLegend[2])).toBeLessThanOrEqual(300 - 2);
});

it('starts a row further left when even its one entry runs past the edge', () => {
  const long = [entry('a label far longer than this narrow chart has room for')];
  const [[x]] = legendLayout(long, 60, 300).at;
  expect(x).toBeLessThan(60);
  expect(x).toBeGreaterThanOrEqual(2);
});
