/** Real data: one epoch on the first 10,000 MNIST training images reaches >= 85% on the 10,000 test images. */
import { describe, expect, it } from 'vitest';
import {
  BatchTrainer,
  createNetwork,
  createRng,
  DEFAULT_SPEC,
  DEFAULT_TRAINING,
  evaluate,
  LECTURE_SETTINGS,
  shuffledOrder,
} from '../../../src/engine';
import { sliceDataset } from '../../../src/data/idx';
import { loadMnist } from '../../helpers/mnist';

describe('real MNIST', () => {
  const { train, test } = loadMnist();
  const first = sliceDataset(train, 0, 10_000);

  for (const [name, spec, settings] of [
    ['default settings', DEFAULT_SPEC, DEFAULT_TRAINING],
    ["the lecture's sigmoid + mse", LECTURE_SETTINGS.spec, LECTURE_SETTINGS],
  ] as const) {
    it(`${name}: one epoch on 10,000 images -> >= 85% test accuracy`, () => {
      const net = createNetwork(spec);
      const before = evaluate(net, test);
      const trainer = new BatchTrainer(net, first);
      trainer.trainEpoch(
        shuffledOrder(first.count, createRng(spec.seed)),
        settings.batchSize,
        settings.learningRate,
        settings.momentum,
      );
      const after = evaluate(net, test);
      expect(before.accuracy).toBeLessThan(0.3);
      expect(after.accuracy).toBeGreaterThanOrEqual(0.85);
      expect(after.cost).toBeLessThan(before.cost);
      expect(after.confusion.reduce((s, v) => s + v, 0)).toBe(10_000);
    });
  }
});
