import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/protocol/settings';
import { earlierLabel } from '../../../src/views/charts/earlier-label';

describe('the cost chart’s "before" line', () => {
  it('names the replaced run’s settings that differ from this run’s, with their values, and not the speed', () => {
    const before = { ...DEFAULT_SETTINGS, batchSize: 50_000, learningRate: 0.2, speed: 1 as const };
    expect(earlierLabel(before, DEFAULT_SETTINGS)).toEqual({
      text: 'before: learning rate 0.2, batch size 50,000',
      comparable: true,
    });
    expect(earlierLabel(DEFAULT_SETTINGS, DEFAULT_SETTINGS).text).toBe('before: the same settings');
  });

  it('says that a run of another cost function cannot be compared (its C is on another scale)', () => {
    const before = { ...DEFAULT_SETTINGS, loss: 'mse' as const, activation: 'sigmoid' as const };
    const now = { ...DEFAULT_SETTINGS, loss: 'binary-ce' as const, activation: 'sigmoid' as const };
    expect(earlierLabel(before, now)).toEqual({
      text: 'before: squared error Σ(a − y)²; another cost function, so its C is not comparable',
      comparable: false,
    });
  });
});
