/** The divergence guard's edges (a mutation review found no test at them). */
import { expect, it } from 'vitest';
import { runawayReason, soonAfter } from '../../../src/worker/divergence';

it('a runaway within 500 updates of a change is blamed on it, the 500th included', () => {
  expect(soonAfter(100, 600)).toBe(true);
  expect(soonAfter(100, 601)).toBe(false);
});

it('names why the run diverged: a weight past the guard, or a cost that is no longer finite', () => {
  expect(runawayReason(0.3, Float32Array.from([0.5, -2]))).toBeNull();
  expect(runawayReason(0.3, Float32Array.from([0.5, 2000]))).toBe('a weight reached 2000');
  expect(runawayReason(Infinity, Float32Array.from([0.5, -2]))).toBe('the cost became infinite');
  expect(runawayReason(NaN, Float32Array.from([0.5, -2]))).toBe('the cost became infinite');
});
