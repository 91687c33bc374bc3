import { describe, expect, it } from 'vitest';
import { leftWords, secondsLeft } from '../../../src/views/surface/time-left';

describe('the surface’s time left', () => {
  it('is the pace so far carried to the end, once there is a pace to go by', () => {
    // a tenth done in 2 s: 18 s to go
    expect(secondsLeft(0.1, 2000)).toBeCloseTo(18, 9);
    expect(secondsLeft(0.1, 1000)).toBeNull(); // too soon
    expect(secondsLeft(0.01, 5000)).toBeNull(); // too little done
    expect(secondsLeft(1, 5000)).toBeNull();
  });
  it('is said in round numbers, and not at all near the end', () => {
    expect(leftWords(18)).toBe('about 20 s left');
    expect(leftWords(4)).toBe('about 5 s left');
    expect(leftWords(2)).toBe('');
    expect(leftWords(null)).toBe('');
    expect(leftWords(198)).toBe('about 3 min left');
  });
});
