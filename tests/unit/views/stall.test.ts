import { describe, expect, it } from 'vitest';
import {
  costStalled,
  FEW_UPDATES,
  FEW_UPDATES_PATIENCE,
  fewUpdatesSpeaks,
  flatPlaces,
  smallerBatch,
  heldStall,
  largerRate,
  notLearning,
  overshooting,
  sameStall,
  saferRate,
  STALL_UPDATES,
  stallSpeaks,
  whyGuessing,
} from '../../../src/views/controls/stall';
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
  it('scales the usual rate down for a batch smaller than the usual one (0.2 at batch 1 left a dead network)', () => {
    // one-example SGD, no momentum: the defaults' step 0.02 / (1 − 0.9) over 32 examples, for one
    expect(saferRate({ ...DEFAULT_SETTINGS, batchSize: 1, momentum: 0, learningRate: 5 })).toBe(0.00625);
    const lecture = { ...DEFAULT_SETTINGS, activation: 'sigmoid' as const, loss: 'mse' as const, momentum: 0 };
    // the lecture's 2 at batch 16, for batch 4; a larger batch is not scaled up
    expect(saferRate({ ...lecture, batchSize: 4, learningRate: 20 })).toBe(0.5);
    expect(saferRate({ ...lecture, batchSize: 50_000, learningRate: 20 })).toBe(2);
  });
});

describe('whyGuessing', () => {
  const sizes = [784, 16, 16, 10];
  it('blames steps too big when most of a hidden layer is stuck, naming it', () => {
    expect(whyGuessing({ stuck: [14, 16, 0] }, sizes)).toEqual({ kind: 'wrecked', layer: 1, stuck: 14, size: 16 });
    expect(whyGuessing({ stuck: [1, 8, 0] }, sizes)).toEqual({ kind: 'wrecked', layer: 2, stuck: 8, size: 16 });
  });
  it('says steps too small when no layer is mostly stuck (the σ network at α 0.02: [0, 0, 0, 0])', () => {
    expect(whyGuessing({ stuck: [0, 0, 0, 0] }, [784, 16, 16, 16, 10])).toEqual({ kind: 'too-small' });
    // σ outputs pinned under mse (momentum 0.99): steps too big, not too small
    expect(whyGuessing({ stuck: [0, 0, 10] }, sizes)).toEqual({ kind: 'wrecked', layer: 3, stuck: 10, size: 10 });
    expect(whyGuessing({ stuck: [7, 7, 4] }, sizes)).toEqual({ kind: 'too-small' });
  });
  it('does not know for an epoch saved before the count was kept, or a malformed one', () => {
    expect(whyGuessing({}, sizes)).toEqual({ kind: 'unknown' });
    expect(whyGuessing(undefined, sizes)).toEqual({ kind: 'unknown' });
    expect(whyGuessing({ stuck: [1, 2] }, sizes)).toEqual({ kind: 'unknown' });
    expect(whyGuessing({ stuck: [1, 17, 0] }, sizes)).toEqual({ kind: 'unknown' });
    expect(whyGuessing({ stuck: [1, 'x', 0] }, sizes)).toEqual({ kind: 'unknown' });
  });
});

describe('largerRate', () => {
  const lecture = { ...DEFAULT_SETTINGS, activation: 'sigmoid' as const, loss: 'mse' as const };
  it('offers the usual step at this momentum when α₀ is below it', () => {
    // the lecture's network at the defaults' 0.02 with momentum 0.9 read 11%; at 0.2, 87%
    expect(largerRate({ ...lecture, learningRate: 0.02 })).toBe(0.2);
    expect(largerRate({ ...lecture, learningRate: 0.02, momentum: 0, batchSize: 16 })).toBe(2);
    expect(largerRate({ ...DEFAULT_SETTINGS, learningRate: 0.00001, schedule: 'constant' })).toBe(0.02);
  });
  it('offers ten times α₀ when it is not below the usual step, at most 100', () => {
    expect(largerRate({ ...DEFAULT_SETTINGS, learningRate: 0.02 })).toBe(0.2);
    const tanh = { ...DEFAULT_SETTINGS, activation: 'tanh' as const, loss: 'binary-ce' as const };
    expect(largerRate({ ...tanh, learningRate: 0.05 })).toBe(0.5);
    expect(largerRate({ ...tanh, learningRate: 50 })).toBe(100);
    // (at 100 itself the same: the notice then offers no button)
    expect(largerRate({ ...tanh, learningRate: 100 })).toBe(100);
  });
  it('takes the defaults’ step for a network without a measured rate (×10 from 0.0001 was still guessing)', () => {
    const sigmoidCe = {
      ...DEFAULT_SETTINGS,
      activation: 'sigmoid' as const,
      momentum: 0,
      schedule: 'constant' as const,
    };
    expect(largerRate({ ...sigmoidCe, learningRate: 0.0001 })).toBe(0.2);
    const tanh = { ...DEFAULT_SETTINGS, activation: 'tanh' as const, loss: 'binary-ce' as const };
    expect(largerRate({ ...tanh, learningRate: 0.00001 })).toBe(0.02);
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
  /** One epoch's record: trained at `rate` (epoch 1 unless said). */
  const after = (testAccuracy: number, rate: number, epoch = 1) => [
    { testAccuracy: 0.9, epoch: epoch - 1, learningRate: rate },
    { testAccuracy, epoch, learningRate: rate, rates: [{ share: 0, rate }] },
  ];
  it('says a network read poorly after an epoch at ten times its usual rate (the lecture’s at α₀ = 20 read 37%, unsaid)', () => {
    expect(overshooting(after(0.37, 20), { ...lecture, learningRate: 20 })).toEqual({
      accuracy: 0.37,
      epoch: 1,
      used: 20,
      usual: 2,
      restart: 2,
      times: 10,
      usualStart: 2,
      usualMomentum: 0,
      started: 20,
      startTimes: 10,
    });
    // the usual rate falls with the schedule: epoch 3 trained at 20 × 0.7² is still ten times 2 × 0.7²
    expect(overshooting(after(0.5, 20 * 0.49, 3), { ...lecture, learningRate: 20 })?.times).toBeCloseTo(10, 9);
    // momentum multiplies the step: α 0.1 at μ 0.9 is five times the defaults' 0.02 at 0.9; 0.02 at μ 0.99, ten
    expect(overshooting(after(0.7, 0.1), DEFAULT_SETTINGS)?.times).toBeCloseTo(5, 9);
    expect(overshooting(after(0.7, 0.02), { ...DEFAULT_SETTINGS, momentum: 0.99 })?.times).toBeCloseTo(10, 9);
    expect(overshooting(after(0.7, 0.02), { ...DEFAULT_SETTINGS, momentum: 0.99 })?.restart).toBeCloseTo(0.002, 9);
    expect(overshooting(after(0.7, 0.06), DEFAULT_SETTINGS)).toBeNull();
    // exactly five times: α 1 without momentum (0.02 / (1 − 0.9) is 0.20000000000000004 in floats)
    expect(overshooting(after(0.214, 1), { ...DEFAULT_SETTINGS, momentum: 0 })?.times).toBeCloseTo(5, 9);
  });
  it('goes by the rate the epoch trained at, not one typed in after it (it blamed α₀ = 20 for an epoch at 0.1)', () => {
    expect(overshooting(after(0.52, 0.1), { ...lecture, learningRate: 20 })).toBeNull();
    // a rate raised within the epoch counts
    const raised = [
      {
        testAccuracy: 0.5,
        epoch: 1,
        learningRate: 20,
        rates: [
          { share: 0, rate: 2 },
          { share: 0.5, rate: 20 },
        ],
      },
    ];
    expect(overshooting(raised, lecture)?.used).toBe(20);
  });
  it('is silent for usual rates, good readings, guessing (said elsewhere) and networks with no measured rate', () => {
    expect(overshooting(after(0.62, 2), lecture)).toBeNull();
    expect(overshooting(after(0.9, 20), lecture)).toBeNull();
    expect(overshooting(after(0.11, 20), lecture)).toBeNull();
    expect(overshooting([], lecture)).toBeNull();
    expect(overshooting(after(0.62, 20), { ...lecture, activation: 'tanh' })).toBeNull();
  });
  it('keeps to the batch sizes the usual rate was measured at: the full-batch GD preset’s larger step is right there', () => {
    const gd = { ...DEFAULT_SETTINGS, ...PRESETS.find((p) => p.settings.batchSize === 50_000)!.settings };
    expect(overshooting(after(0.6, gd.learningRate), gd)).toBeNull();
  });
});

describe('heldStall', () => {
  const silent = (since: number) => ({ kind: 'silent' as const, since });
  it('holds a stall once seen, whatever the latest snapshot says, keeping when it was first seen', () => {
    const held = heldStall(null, silent(1200), 1200, []);
    expect(held).toEqual(silent(1200));
    expect(heldStall(held, null, 1210, [])).toEqual(silent(1200));
    // seen again, or seen as a flat cost: said as now seen, from the first sight
    expect(heldStall(held, { kind: 'flat', cost: 2.3, since: 1400 }, 1400, [])).toEqual({
      kind: 'flat',
      cost: 2.3,
      since: 1200,
    });
  });
  it('lets go when the run goes back before it', () => {
    expect(heldStall(silent(1200), null, 0, [])).toBeNull();
    expect(heldStall(silent(1200), silent(1100), 1100, [])).toEqual(silent(1100));
  });
  it('lets go after an epoch, measured after it, that reads better than a guess', () => {
    expect(heldStall(silent(1200), null, 3200, [{ step: 3125, testAccuracy: 0.11 }])).toEqual(silent(1200));
    expect(heldStall(silent(1200), null, 1500, [{ step: 1000, testAccuracy: 0.9 }])).toEqual(silent(1200));
    expect(heldStall(silent(1200), null, 3200, [{ step: 3125, testAccuracy: 0.9 }])).toBeNull();
    // a stall seen again after that epoch is a new one
    expect(heldStall(silent(1200), silent(3300), 3300, [{ step: 3125, testAccuracy: 0.9 }])).toEqual(silent(3300));
  });
  it('compares stalls by what the notice says', () => {
    expect(sameStall(silent(1), silent(1))).toBe(true);
    expect(sameStall(silent(1), silent(2))).toBe(false);
    expect(sameStall({ kind: 'flat', cost: 1, since: 1 }, { kind: 'flat', cost: 2, since: 1 })).toBe(false);
    expect(sameStall(null, silent(1))).toBe(false);
    expect(sameStall(null, null)).toBe(true);
  });
});

describe('stallSpeaks', () => {
  it('gives a silent layer’s word to an epoch since that reads like a guess, not a flat cost’s', () => {
    const silent = { kind: 'silent' as const, since: 1200 };
    expect(stallSpeaks(silent, [])).toBe(true);
    expect(stallSpeaks(silent, [{ step: 1000, testAccuracy: 0.1 }])).toBe(true);
    expect(stallSpeaks(silent, [{ step: 3125, testAccuracy: 0.1 }])).toBe(false);
    expect(stallSpeaks({ kind: 'flat', cost: 1, since: 1200 }, [{ step: 3125, testAccuracy: 0.1 }])).toBe(true);
  });
});

describe('fewUpdatesSpeaks', () => {
  it('speaks from the first epoch under a decaying schedule, after a few under a constant α', () => {
    expect(fewUpdatesSpeaks(1, 1, 'exponential')).toBe(true);
    expect(fewUpdatesSpeaks(2, 1, 'step')).toBe(true);
    // the full-batch preset (α 0.2 constant): one update reads ~16%, two ~31%
    expect(fewUpdatesSpeaks(1, 1, 'constant')).toBe(false);
    expect(fewUpdatesSpeaks(2, 2, 'constant')).toBe(false);
    expect(fewUpdatesSpeaks(3, FEW_UPDATES_PATIENCE, 'constant')).toBe(true);
    // hundreds of updates is not "too few", whatever the schedule
    expect(fewUpdatesSpeaks(FEW_UPDATES, 1, 'exponential')).toBe(false);
    expect(fewUpdatesSpeaks(FEW_UPDATES, 5, 'constant')).toBe(false);
  });
});

describe('flatPlaces', () => {
  it('names the places without slope this network has, not every activation’s', () => {
    expect(flatPlaces({ activation: 'relu', loss: 'categorical-ce' })).toBe('ReLUs that are off');
    expect(flatPlaces({ activation: 'tanh', loss: 'categorical-ce' })).toBe('the flat ends of tanh');
    expect(flatPlaces({ activation: 'sigmoid', loss: 'mse' })).toBe(
      'the flat ends of σ, in the hidden layers or the output',
    );
    expect(flatPlaces({ activation: 'relu', loss: 'mse' })).toBe('ReLUs that are off, or the output σ’s flat ends');
    // binary cross-entropy's ∂C/∂z is a − y: its σ outputs are never flat
    expect(flatPlaces({ activation: 'tanh', loss: 'binary-ce' })).toBe('the flat ends of tanh');
  });
});

describe('smallerBatch', () => {
  it('takes the batch the rate was measured at, with the α₀ for that step at this momentum', () => {
    expect(smallerBatch({ ...DEFAULT_SETTINGS, ...LECTURE_PATCH, batchSize: 50_000 })).toEqual({
      batchSize: 16,
      learningRate: 2,
    });
    expect(smallerBatch({ ...DEFAULT_SETTINGS, batchSize: 60_000, momentum: 0 })).toEqual({
      batchSize: 32,
      learningRate: 0.2,
    });
    expect(smallerBatch({ ...DEFAULT_SETTINGS, batchSize: 32 })).toBeNull();
  });
});
