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
