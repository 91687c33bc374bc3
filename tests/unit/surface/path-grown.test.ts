import { expect, it } from 'vitest';
import { pathGrown } from '../../../src/views/surface/path';

const picture = (kind: 'trajectory' | 'random', steps: number[]) => ({
  kind,
  paths: [
    {
      name: 'training',
      label: 'training',
      diverged: false,
      points: steps.map((step) => ({ step, alpha: 0, beta: 0, distance: 0, cost: 1 })),
    },
  ],
});

it('a training-path picture is outgrown once training has gone on more than a quarter of its span', () => {
  const shown = picture('trajectory', [1564, 4000, 7640]);
  // span 6,076 updates: a quarter is 1,519
  expect(pathGrown(shown, 7640 + 1519)).toBe(false);
  expect(pathGrown(shown, 7640 + 1520)).toBe(true);
  expect(pathGrown(shown, 48242)).toBe(true);
  // other slices follow on distance alone; a picture with no path has nothing to outgrow
  expect(pathGrown(picture('random', [1564, 7640]), 48242)).toBe(false);
  expect(pathGrown(picture('trajectory', []), 48242)).toBe(false);
  expect(pathGrown(null, 48242)).toBe(false);
});
