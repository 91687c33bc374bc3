import { expect, it } from 'vitest';
import { CostHistory } from '../../../src/worker/history';

it('keeps the first update’s cost as it was when the history thins (it was averaged into the second)', () => {
  const h = new CostHistory(8);
  const cost = (step: number) => 1 / step;
  for (let step = 1; step <= 100; step++) h.push(step, cost(step));
  expect(h.steps[0]).toBe(1);
  expect(h.values[0]).toBe(cost(1));
  expect(h.steps.length).toBeLessThan(8);
  // the others are means of neighbours, ascending, ending near the last update
  for (let i = 1; i < h.steps.length; i++) expect(h.steps[i]).toBeGreaterThan(h.steps[i - 1]);
  expect(h.steps.at(-1)).toBeGreaterThan(80);
  // every update after the first counts once: the points' sums add up to the costs' (the pending rest aside)
  const { steps, values } = h;
  let covered = 0;
  for (let i = 1; i < steps.length; i++) covered += steps[i] - steps[i - 1];
  expect(covered).toBe(steps.at(-1)! - 1);
  const shown = values.slice(1).reduce((a, v, i) => a + v * (steps[i + 1] - steps[i]), 0);
  let expected = 0;
  for (let step = 2; step <= steps.at(-1)!; step++) expected += cost(step);
  expect(shown).toBeCloseTo(expected, 10);
});

it('counts the updates still pending among the points after a step (a runaway’s last costs)', () => {
  const h = new CostHistory(8);
  for (let step = 1; step <= 20; step++) h.push(step, step);
  // thinned twice: points stand for 4 updates each, and the last updates wait for their fourth
  const last = h.steps.at(-1)!;
  expect(last).toBeLessThan(20);
  const after = h.pointsAfter(last);
  expect(after.steps).toEqual([20]);
  const pending = Array.from({ length: 20 - last }, (_, k) => last + 1 + k);
  expect(after.values[0]).toBeCloseTo(pending.reduce((a, b) => a + b, 0) / pending.length, 12);
  // none after the newest update
  expect(h.pointsAfter(20)).toEqual({ steps: [], values: [] });
});

/** Each point's value is the mean of exactly the costs of updates firsts[i]..steps[i]. */
function expectMeansOfTheirUpdates(h: CostHistory, cost: (step: number) => number): void {
  expect(h.firsts).toHaveLength(h.steps.length);
  for (let i = 0; i < h.steps.length; i++) {
    let sum = 0;
    for (let s = h.firsts[i]; s <= h.steps[i]; s++) sum += cost(s);
    expect(h.values[i], `point ${i} (updates ${h.firsts[i]}..${h.steps[i]})`).toBeCloseTo(
      sum / (h.steps[i] - h.firsts[i] + 1),
      10,
    );
  }
}

it('keeps each point’s first update through thinning, so the chart can name the updates it averages', () => {
  const h = new CostHistory(8);
  const cost = (step: number) => 1 / step + (step % 3);
  for (let step = 1; step <= 100; step++) h.push(step, cost(step));
  expect(h.firsts[0]).toBe(1);
  for (let i = 1; i < h.steps.length; i++) expect(h.firsts[i]).toBe(h.steps[i - 1] + 1);
  expectMeansOfTheirUpdates(h, cost);
});

it('after a divergence is undone, the next point holds only the updates after it (a gap, not a longer mean)', () => {
  const h = new CostHistory(8);
  const cost = (step: number) => step;
  for (let step = 1; step <= 22; step++) h.push(step, cost(step));
  const kept = h.steps.at(-1)!;
  h.truncateAfter(kept);
  // training goes on from the kept update; the undone ones are not in any point
  const redo = (step: number) => 1000 + step;
  // (until the next point: a thinning after it would average it with the point before, as ever)
  const points = h.steps.length;
  for (let step = kept + 1; h.steps.length === points; step++) h.push(step, redo(step));
  expect(h.firsts.at(-1)).toBe(kept + 1);
  expectMeansOfTheirUpdates(h, (s) => (s > kept ? redo(s) : cost(s)));
});

it('a restored history keeps its points’ first updates, and goes on averaging as many per point', () => {
  const h = new CostHistory(8);
  for (let step = 1; step <= 40; step++) h.push(step, step);
  const saved = h.toArrays();
  const back = CostHistory.from(saved.costSteps, saved.costValues, saved.costFirsts);
  expect(back.firsts).toEqual(h.firsts);
  const last = back.steps.at(-1)!;
  const span = last - back.firsts.at(-1)! + 1;
  expect(span).toBeGreaterThan(1);
  for (let step = last + 1; step <= last + span; step++) back.push(step, step);
  // one new point, of as many updates as the last saved one (it went back to single updates)
  expect(back.steps.at(-1)).toBe(last + span);
  expect(back.firsts.at(-1)).toBe(last + 1);
  // a session saved before the first updates were kept: from the point before
  const old = CostHistory.from(saved.costSteps, saved.costValues);
  expect(old.firsts).toEqual(h.firsts);
});
