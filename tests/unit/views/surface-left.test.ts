import { describe, expect, it } from 'vitest';
import { leftWords, secondsLeft } from '../../../src/views/surface/time-left';

describe('the surface’s time left', () => {
  it('is the phase’s pace so far carried to the end of the whole computation', () => {
    // the grid began at 0.05 and is at 0.145 after 2 s: 0.095 in 2 s, 0.855 to go, 18 s
    expect(secondsLeft(0.145, 0.05, 2000)).toBeCloseTo(18, 9);
    // the optimiser race's grid begins at 0.5: 2 s into it at 0.6, 0.4 to go at 0.1 per 2 s
    expect(secondsLeft(0.6, 0.5, 2000)).toBeCloseTo(8, 9);
    expect(secondsLeft(0.1, 0, 1000)).toBeNull(); // too soon
    expect(secondsLeft(0.51, 0.5, 5000)).toBeNull(); // too little of this phase done
    expect(secondsLeft(1, 0.9, 5000)).toBeNull();
  });
  it('is said in round numbers, and not at all near the end', () => {
    expect(leftWords(18)).toBe('about 20 s left');
    expect(leftWords(4)).toBe('about 5 s left');
    expect(leftWords(2)).toBe('');
    expect(leftWords(null)).toBe('');
    expect(leftWords(198)).toBe('about 3 min left');
  });
});
