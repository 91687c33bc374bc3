import { expect, it } from 'vitest';
import { scheduleRule } from '../../../src/views/charts/schedule-rule';

it('the learning-rate card states the schedule as a rule, and says step every 1 is exponential', () => {
  expect(scheduleRule({ schedule: 'exponential', decay: 0.7, decayEvery: 1 })).toMatch(/α = α₀ × 0\.7ⁿ after n epochs/);
  expect(scheduleRule({ schedule: 'step', decay: 0.5, decayEvery: 3 })).toMatch(/× 0\.5 every 3 epochs/);
  // the same staircase as exponential, which a student took for a bug: said so
  expect(scheduleRule({ schedule: 'step', decay: 0.7, decayEvery: 1 })).toMatch(/every epoch \(as exponential is\)/);
  expect(scheduleRule({ schedule: 'constant', decay: 0.7, decayEvery: 1 })).toMatch(/the same every epoch, α = α₀/);
  // a decay of 1 lowers nothing
  expect(scheduleRule({ schedule: 'exponential', decay: 1, decayEvery: 1 })).toMatch(/the same every epoch/);
});
