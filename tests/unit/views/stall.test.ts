import { describe, expect, it } from 'vitest';
import { costStalled, notLearning, overshooting, saferRate, STALL_UPDATES } from '../../../src/views/controls/stall';
import { DEFAULT_SETTINGS, LECTURE_PATCH, PRESETS } from '../../../src/protocol/settings';

const history = (n: number, cost: (step: number) => number) => {
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  return { steps, values: steps.map(cost) };
};

describe('costStalled', () => {
  it('is true when the cost has sat still for the whole span (saturated sigmoids: C = 1 exactly)', () => {
    const { steps, values } = history(600, (s) => (s < 100 ? 2 - s / 100 : 1));
    expect(costStalled(steps, values)).toBe(true);
  });
  it('is false for a learning network, whose batch costs are noisy', () => {
    const { steps, values } = history(600, (s) => 0.3 + 0.05 * Math.sin(s * 12.9898) + 1 / s);
    expect(costStalled(steps, values)).toBe(false);
  });
  it('is false before the span has passed, and after any movement inside it', () => {
    const flat = history(STALL_UPDATES - 10, () => 1);
    expect(costStalled(flat.steps, flat.values)).toBe(false);
    const { steps, values } = history(600, (s) => (s === 550 ? 1.001 : 1));
    expect(costStalled(steps, values)).toBe(false);
  });
  it('works on averaged (thinned) history and ignores a diverged cost', () => {
    const steps = Array.from({ length: 100 }, (_, i) => (i + 1) * 16);
    expect(
      costStalled(
        steps,
        steps.map(() => 1),
      ),
    ).toBe(true);
    expect(
      costStalled(
        steps,
        steps.map(() => NaN),
      ),
    ).toBe(false);
  });
});

describe('saferRate', () => {
  it('after α = 100 on the default network goes back to its own rate, not a tenth (10 diverged again)', () => {
    expect(saferRate({ ...DEFAULT_SETTINGS, learningRate: 100 })).toBe(0.02);
  });
  it('is a tenth when that is already lower, and scales the lecture’s rate for momentum', () => {
    expect(saferRate({ ...DEFAULT_SETTINGS, learningRate: 0.1 })).toBe(0.01);
    const lecture = { ...DEFAULT_SETTINGS, activation: 'sigmoid' as const, loss: 'mse' as const, momentum: 0 };
    expect(saferRate({ ...lecture, learningRate: 20 })).toBe(2);
    expect(saferRate({ ...lecture, learningRate: 20, momentum: 0.9 })).toBe(0.2);
  });
});

describe('notLearning', () => {
  it('gives the last epoch’s test accuracy when it is no better than guessing, else null', () => {
    expect(notLearning([])).toBeNull();
    expect(notLearning([{ testAccuracy: 0.097 }])).toBeCloseTo(0.097);
    expect(notLearning([{ testAccuracy: 0.097 }, { testAccuracy: 0.91 }])).toBeNull();
    expect(notLearning([{ testAccuracy: 0.93 }, { testAccuracy: 0.1135 }])).toBeCloseTo(0.1135);
    expect(notLearning([{ testAccuracy: Number.NaN }])).toBeNull();
  });
});

describe('overshooting', () => {
  const lecture = { ...DEFAULT_SETTINGS, ...LECTURE_PATCH };
  const at = (testAccuracy: number) => [{ testAccuracy: 0.9 }, { testAccuracy }];
  it('says a network read poorly at ten times its usual rate (the lecture’s at α₀ = 20 settled near 62%, unsaid)', () => {
    expect(overshooting(at(0.62), { ...lecture, learningRate: 20 })).toEqual({ accuracy: 0.62, usual: 2, times: 10 });
    // momentum multiplies the step: α₀ 0.1 at μ 0.9 is five times the defaults' 0.02 at 0.9, and 0.02 at μ 0.99 ten
    expect(overshooting(at(0.7), { ...DEFAULT_SETTINGS, learningRate: 0.1 })?.times).toBeCloseTo(5, 9);
    expect(overshooting(at(0.7), { ...DEFAULT_SETTINGS, momentum: 0.99 })?.times).toBeCloseTo(10, 9);
    expect(overshooting(at(0.7), { ...DEFAULT_SETTINGS, learningRate: 0.06 })).toBeNull();
  });
  it('is silent for usual rates, good readings, guessing (said elsewhere) and networks with no measured rate', () => {
    expect(overshooting(at(0.62), lecture)).toBeNull();
    expect(overshooting(at(0.9), { ...lecture, learningRate: 20 })).toBeNull();
    expect(overshooting(at(0.11), { ...lecture, learningRate: 20 })).toBeNull();
    expect(overshooting([], { ...lecture, learningRate: 20 })).toBeNull();
    expect(overshooting(at(0.62), { ...lecture, activation: 'tanh', learningRate: 20 })).toBeNull();
  });
  it('keeps to the batch sizes the usual rate was measured at: the full-batch GD preset’s larger step is right there', () => {
    const gd = PRESETS.find((p) => p.settings.batchSize === 50_000)!.settings;
    expect(overshooting(at(0.6), { ...DEFAULT_SETTINGS, ...gd })).toBeNull();
  });
});
