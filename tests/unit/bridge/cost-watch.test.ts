import { describe, expect, it } from 'vitest';
import { costRise, CostWatch } from '../../../src/bridge/cost-watch';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/protocol/settings';
import type { Snapshot } from '../../../src/protocol/snapshot';

/** Costs 0.12 for updates 1..100, then `after` from update 101 to `to`. */
function history(after: number, to: number) {
  const steps = Array.from({ length: to }, (_, i) => i + 1);
  return { steps, values: steps.map((s) => (s <= 100 ? 0.12 : after)) };
}

describe('costRise', () => {
  it('compares the mean of the 20 points before the change with the last 20', () => {
    const { steps, values } = history(0.5, 130);
    const rise = costRise(steps, values, 100)!;
    expect(rise.from).toBeCloseTo(0.12, 12);
    expect(rise.to).toBeCloseTo(0.5, 12);
    // not twice as high: nothing
    const mild = history(0.2, 130);
    expect(costRise(mild.steps, mild.values, 100)).toBeNull();
  });

  it('waits for 20 points on each side of the change', () => {
    const { steps, values } = history(0.5, 119);
    expect(costRise(steps, values, 100)).toBeNull();
    expect(costRise(steps, values, 10)).toBeNull();
  });
});

function snapshot(step: number, settings: Partial<Settings>, after = 0.5, fault = false): Snapshot {
  const { steps, values } = history(after, step);
  return {
    step,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    costSteps: Float64Array.from(steps),
    costValues: Float32Array.from(values),
    fault: fault ? { kind: 'diverged', message: '', learningRate: 20, runaway: { steps: [], values: [] } } : null,
  } as unknown as Snapshot;
}

describe('CostWatch', () => {
  it('says once, naming the change, that the cost rose after the learning rate was raised', () => {
    const watch = new CostWatch();
    expect(watch.check(snapshot(100, { learningRate: 2 }))).toBeNull();
    expect(watch.check(snapshot(100, { learningRate: 20 }))).toBeNull();
    const said = watch.check(snapshot(130, { learningRate: 20 }));
    expect(said).toMatch(
      /^The cost has risen since you set learning rate to 20 \(update 100\): about 0\.12 on average before, about 0\.5 by update 130\./,
    );
    // not a promise the stall notice contradicts: saturated neurons do not come back at a lower α
    expect(said).toMatch(/A lower one brings the cost back down, unless .* slope f′\(z\) is 0/);
    expect(watch.check(snapshot(140, { learningRate: 20 }))).toBeNull();
  });

  it('says nothing without a change of how training steps, nor over a divergence the guard explains', () => {
    const watch = new CostWatch();
    watch.check(snapshot(100, {}));
    expect(watch.check(snapshot(130, {}))).toBeNull();
    const other = new CostWatch();
    other.check(snapshot(100, { momentum: 0.9 }));
    other.check(snapshot(100, { momentum: 0 }));
    expect(other.check(snapshot(130, { momentum: 0 }, 0.5, true))).toBeNull();
  });

  it('starts again after going back (a Reset, an Undo): the costs before are another run’s', () => {
    const watch = new CostWatch();
    watch.check(snapshot(100, { learningRate: 2 }));
    watch.check(snapshot(100, { learningRate: 20 }));
    watch.check(snapshot(50, { learningRate: 20 }));
    expect(watch.check(snapshot(130, { learningRate: 20 }))).toBeNull();
  });
});
