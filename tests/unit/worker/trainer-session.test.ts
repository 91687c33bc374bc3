import { describe, expect, it } from 'vitest';
import { createNetwork, evaluate, lossAndGradient } from '../../../src/engine';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/protocol/settings';
import type { Checkpoint, Snapshot, UpdateStep } from '../../../src/protocol/snapshot';
import { TrainerSession } from '../../../src/worker/trainer-session';
import { loadMnist } from '../../helpers/mnist';

/**
 * A session driven by hand: `defer` queues slices (with the wait asked for), `drain` runs them;
 * the clock ticks 1 ms a reading unless `clock` is given.
 */
function makeSession(settings: Partial<Settings> = {}, clock?: () => number) {
  const queue: (() => void)[] = [];
  const waits: (number | undefined)[] = [];
  let ticks = 0;
  const session = new TrainerSession({
    loadData: async () => ({ ...loadMnist(), fromCache: true }),
    now: clock ?? (() => (ticks += 1)),
    defer: (fn, ms) => {
      waits.push(ms);
      queue.push(fn);
    },
    crash: () => {
      throw new Error('crash');
    },
  });
  session.setData(loadMnist());
  const snapshots: Snapshot[] = [];
  session.init({ ...DEFAULT_SETTINGS, ...settings }, (s) => snapshots.push(s));
  const drain = (maxSlices = 1000) => {
    for (let i = 0; i < maxSlices && queue.length; i++) queue.shift()!();
  };
  return { session, snapshots, drain, queue, waits };
}

/** One Step batch whose update sends a weight to 10⁶, as a sudden divergence would. */
function stepUpdateRunningAway(session: TrainerSession): UpdateStep {
  const inner = (
    session as unknown as {
      run: { net: { params: Float32Array }; trainer: { applyUpdate: (...a: number[]) => void } };
    }
  ).run;
  const apply = inner.trainer.applyUpdate.bind(inner.trainer);
  inner.trainer.applyUpdate = (...a: number[]) => {
    apply(...a);
    inner.net.params[0] = 1e6;
  };
  try {
    return session.stepUpdate();
  } finally {
    inner.trainer.applyUpdate = apply;
  }
}

/** Every first-layer ReLU off on every image (biases far below any weighted input), as steps too big leave them. */
function killFirstLayer(session: TrainerSession): void {
  const run = (session as unknown as { run: { net: { params: Float32Array; spec: { sizes: number[] } } } }).run;
  const { sizes } = run.net.spec;
  const biases = sizes[0] * sizes[1];
  for (let j = 0; j < sizes[1]; j++) run.net.params[biases + j] = -1000;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('TrainerSession (the worker API, driven in Node)', () => {
  it('B stepExample calls then stepUpdate equal one batch update computed directly', () => {
    const B = 8;
    const { session } = makeSession({ batchSize: B, momentum: 0, learningRate: 0.1 });
    const before = session.snapshot().params.slice();
    const indices: number[] = [];
    let last;
    for (let i = 0; i < B; i++) {
      last = session.stepExample();
      indices.push(last.example.index);
      expect(last.positionInBatch).toBe(i);
      // stepping never updates
      expect(maxAbsDiff(session.snapshot().params, before)).toBe(0);
    }
    expect(() => session.stepExample()).toThrow(/apply the update/);
    // reference: the contract's lossAndGradient on the same examples, then theta - alpha * mean gradient
    const { train } = loadMnist();
    const inputs = new Float32Array(B * 784);
    const labels = new Uint8Array(B);
    indices.forEach((idx, e) => {
      for (let p = 0; p < 784; p++) inputs[e * 784 + p] = train.images[idx * 784 + p] / 255;
      labels[e] = train.labels[idx];
    });
    const net = { spec: session.snapshot().spec, params: before };
    const { grad, loss } = lossAndGradient(net, inputs, labels, B);
    expect(maxAbsDiff(last!.runningAverage, grad)).toBeLessThan(1e-5);
    const update = session.stepUpdate();
    const expected = before.map((w, i) => w - 0.1 * grad[i]);
    expect(maxAbsDiff(session.snapshot().params, expected)).toBeLessThan(1e-6);
    // the table's update column is −α·avg as the formula gives it, not the float32-rounded change
    expect(update.averageGradient.every((g, i) => update.applied[i] === Math.fround(-0.1 * g))).toBe(true);
    // ... which the weights made, to their float32 precision
    const moved = session.snapshot().params.map((w, i) => w - before[i]);
    moved.forEach((d, i) =>
      expect(Math.abs(d - update.applied[i])).toBeLessThanOrEqual(
        2 ** -20 * (Math.abs(before[i]) + Math.abs(update.applied[i])) + 1e-12,
      ),
    );
    expect(update.costBefore).toBeCloseTo(loss, 4);
    expect(update.costAfter).toBeLessThan(update.costBefore);
    expect(session.snapshot().step).toBe(1);
  });

  it('the table’s momentum part is exactly 0 on the first update, then −α·μ·v_old, and adds up to the update', () => {
    const { session } = makeSession({ batchSize: 8, momentum: 0.9, learningRate: 0.05 });
    const first = session.stepUpdate();
    expect(first.momentumTerm.every((m) => m === 0)).toBe(true);
    const second = session.stepUpdate();
    // the first update's step was −α v with v = g₁, so the second's momentum part is μ × that step
    expect(
      maxAbsDiff(
        second.momentumTerm,
        first.applied.map((a) => 0.9 * a),
      ),
    ).toBeLessThan(1e-7);
    const sum = second.averageGradient.map((g, i) => -0.05 * g + second.momentumTerm[i]);
    expect(maxAbsDiff(second.applied, sum)).toBeLessThan(1e-6);
    expect(second.momentumTerm.some((m) => m !== 0)).toBe(true);
  });

  it('the momentum part is known at the batch’s first example, the very numbers its update then applies', () => {
    const { session } = makeSession({ batchSize: 8, momentum: 0.9, learningRate: 0.05 });
    // before the first update there is no velocity: all 0, as that update's part
    const start = session.stepExample().momentumAhead!;
    expect(start.values.every((m) => m === 0)).toBe(true);
    expect(session.stepUpdate().momentumTerm.every((m) => m === 0)).toBe(true);
    const first = session.stepExample();
    expect(first.momentumAhead).toMatchObject({ learningRate: 0.05, momentum: 0.9, update: 1 });
    // only on the batch's first example
    expect(session.stepExample().momentumAhead).toBeUndefined();
    const update = session.stepUpdate();
    expect(update.momentumTerm.some((m) => m !== 0)).toBe(true);
    expect(first.momentumAhead!.values).toEqual(update.momentumTerm);
    // none without momentum
    const plain = makeSession({ batchSize: 8, momentum: 0 }).session;
    plain.stepUpdate();
    expect(plain.stepExample().momentumAhead).toBeUndefined();
  });

  it('stepUpdate mid-batch equals finishing the batch without stepping', () => {
    const a = makeSession();
    const b = makeSession();
    a.session.stepExample();
    a.session.stepExample();
    a.session.stepExample();
    a.session.stepUpdate();
    b.session.stepUpdate();
    expect(maxAbsDiff(a.session.snapshot().params, b.session.snapshot().params)).toBe(0);
  });

  it('Step batch gives the examples it ran their columns, in order, up to 64, from the weights before the update', () => {
    const { session } = makeSession({ batchSize: 8, momentum: 0, learningRate: 0.1 });
    const before = session.snapshot().params.slice();
    const stepped = [session.stepExample(), session.stepExample(), session.stepExample()];
    const update = session.stepUpdate();
    expect(update.columns.map((c) => c.positionInBatch)).toEqual([3, 4, 5, 6, 7]);
    // every column of the batch, stepped or run, averages to the update's average
    const all = [...stepped, ...update.columns];
    const mean = update.averageGradient.map((_, i) => all.reduce((s, c) => s + c.gradient[i], 0) / all.length);
    expect(maxAbsDiff(mean, update.averageGradient)).toBeLessThan(1e-6);
    // each column is its example's gradient at the weights before the update
    const c = update.columns[2];
    const x = Float32Array.from(c.example.pixels, (p) => p / 255);
    const single = lossAndGradient(
      { spec: session.snapshot().spec, params: before },
      x,
      Uint8Array.of(c.example.label),
      1,
    );
    expect(maxAbsDiff(c.gradient, single.grad)).toBeLessThan(1e-5);
    // only what the table shows crosses to the page (a whole ExampleStep each was 3.4 MB a click)
    expect(Object.keys(c).sort()).toEqual(['example', 'gradient', 'positionInBatch']);
    // an update that ran away is undone: no columns for the page to drop
    const runaway = makeSession({ batchSize: 8 }).session;
    expect(stepUpdateRunningAway(runaway).columns).toEqual([]);
    // a batch of 100: the table's 64 columns, the average still over all 100
    const big = makeSession({ batchSize: 100 }).session.stepUpdate();
    expect(big.columns).toHaveLength(64);
    expect(big.batchSize).toBe(100);
  });

  it('reset gives exactly the initial weights again', () => {
    const { session } = makeSession();
    const initial = session.snapshot().params.slice();
    for (let i = 0; i < 5; i++) session.stepUpdate();
    expect(maxAbsDiff(session.snapshot().params, initial)).toBeGreaterThan(0);
    session.reset();
    expect(maxAbsDiff(session.snapshot().params, initial)).toBe(0);
    expect(session.snapshot().step).toBe(0);
  });

  it('undoReset brings back the trained network, and its next update is the one it would have made', () => {
    const { session } = makeSession();
    for (let i = 0; i < 5; i++) session.stepUpdate();
    const trained = session.snapshot();
    const twin = makeSession().session;
    for (let i = 0; i < 6; i++) twin.stepUpdate();
    session.reset();
    const back = session.undoReset();
    expect(back).not.toBeNull();
    expect(back!.step).toBe(5);
    expect(maxAbsDiff(back!.params, trained.params)).toBe(0);
    expect(Array.from(back!.costValues)).toEqual(Array.from(trained.costValues));
    // momentum, batch order and position came back too: the next update matches an unreset run
    session.stepUpdate();
    expect(maxAbsDiff(session.snapshot().params, twin.snapshot().params)).toBe(0);
    // one undo per reset
    expect(session.undoReset()).toBeNull();
  });

  it('undoReset refuses once the reset network was trained or its settings changed, and after a reset of nothing', () => {
    const { session } = makeSession();
    session.reset();
    expect(session.undoReset()).toBeNull();
    for (let i = 0; i < 3; i++) session.stepUpdate();
    session.reset();
    session.stepUpdate();
    expect(session.undoReset()).toBeNull();
    expect(session.snapshot().step).toBe(1);
    for (let i = 0; i < 2; i++) session.stepUpdate();
    session.reset();
    session.setSettings({ learningRate: 0.01 });
    expect(session.undoReset()).toBeNull();
    expect(session.snapshot().step).toBe(0);
  });

  it('a setting that rebuilds the network, or an opened model, keeps the trained one for undoReset, settings and all', () => {
    const { session } = makeSession();
    for (let i = 0; i < 4; i++) session.stepUpdate();
    const trained = session.snapshot();
    session.setSettings({ hiddenLayers: [24] });
    expect(session.snapshot().spec.sizes).toEqual([784, 24, 10]);
    const back = session.undoReset();
    expect(back!.step).toBe(4);
    expect(back!.spec.sizes).toEqual(trained.spec.sizes);
    expect(back!.settings.hiddenLayers).toEqual(trained.settings.hiddenLayers);
    expect(maxAbsDiff(back!.params, trained.params)).toBe(0);
    // an opened model: the same
    const model = {
      spec: trained.spec,
      params: trained.params.map((v) => v * 0.5),
      settings: trained.settings,
      step: 77,
      epoch: 0,
    };
    session.importModel(model);
    expect(session.snapshot().step).toBe(77);
    expect(session.undoReset()!.step).toBe(4);
    // a rebuild of an untrained network keeps what an earlier Reset kept (its Undo lost it before)
    session.reset();
    session.stepUpdate();
    session.reset();
    session.setSettings({ hiddenLayers: [20] });
    expect(session.undoReset()!.step).toBe(1);
    // and a second replacement of a fresh one keeps the first replacement's
    for (let i = 0; i < 2; i++) session.stepUpdate();
    session.setSettings({ hiddenLayers: [24] });
    session.setSettings({ hiddenLayers: [32] });
    expect(session.undoReset()!.step).toBe(3);
    // a setting that does not rebuild ends it
    session.reset();
    session.setSettings({ learningRate: 0.01 });
    expect(session.undoReset()).toBeNull();
  });

  it('the NaN guard pauses, restores finite weights and explains', () => {
    const { session, drain } = makeSession({ learningRate: 50, momentum: 0.9, activation: 'relu' });
    session.play();
    drain(2000);
    const s = session.snapshot();
    expect(s.playing).toBe(false);
    expect(s.fault?.kind).toBe('diverged');
    expect(s.fault?.message).toMatch(/overshot the minimum/);
    expect(s.fault?.message).toMatch(/^Training diverged at learning rate 50: /);
    // diverged from the first updates: back to the starting weights, not to wrecked ones
    expect(s.fault?.message).toMatch(/the starting weights \(update 0\) are restored/);
    expect(s.step).toBe(0);
    // the undone updates' costs stay for the chart: from update 1, ending far above the start's
    const runaway = s.fault!.runaway;
    expect(runaway.steps[0]).toBe(1);
    expect(runaway.steps.length).toBe(runaway.values.length);
    expect(runaway.steps.length).toBeGreaterThanOrEqual(2);
    const last = runaway.values.at(-1)!;
    expect(!Number.isFinite(last) || last > 10 * runaway.values[0]).toBe(true);
    expect(s.costSteps.length).toBe(0);
    expect(s.params.every((w) => Number.isFinite(w))).toBe(true);
    // one click later: a lower rate clears the fault and training goes on
    session.setSettings({ learningRate: 0.05 });
    expect(session.snapshot().fault).toBeNull();
    session.stepUpdate();
    expect(Number.isFinite(session.snapshot().cost!)).toBe(true);
  });

  it('a divergence after the schedule lowered α₀ names both rates (α₀ = 50 read as "diverged at 35")', () => {
    const { session, drain } = makeSession({ schedule: 'exponential', decay: 0.7 });
    session.stepEpoch();
    drain(60_000);
    expect(session.snapshot().epoch).toBe(1);
    session.setSettings({ learningRate: 50 });
    session.play();
    drain(2000);
    expect(session.snapshot().fault?.message).toMatch(
      /^Training diverged at learning rate 35 \(α₀ = 50, lowered so far by the schedule\): /,
    );
  });

  it('a learning rate that diverges soon after it was set goes back to the weights from before it, and training recovers', async () => {
    const { session, drain } = makeSession();
    for (let i = 0; i < 200; i++) session.stepUpdate();
    const before = session.snapshot();
    session.setSettings({ learningRate: 100 });
    session.play();
    drain(2000);
    const s = session.snapshot();
    expect(s.fault?.kind).toBe('diverged');
    expect(s.fault?.message).toMatch(
      /the weights from before the learning rate was set to 100 \(update 200\) are restored/,
    );
    // the same weights, update count and cost history as before the change; the rate stays for the student to lower
    expect(s.step).toBe(200);
    expect(maxAbsDiff(s.params, before.params)).toBe(0);
    expect(Array.from(s.costValues)).toEqual(Array.from(before.costValues));
    expect(s.settings.learningRate).toBe(100);
    // lowered back, it learns: an epoch reaches the accuracy a run that never diverged does
    session.setSettings({ learningRate: 0.02 });
    const after = session.stepEpoch();
    drain(100_000);
    expect((await after).epochs.at(-1)!.testAccuracy).toBeGreaterThan(0.9);
  });

  it('diverging long after the last settings change restores the update before, and drops the runaway from the charts', () => {
    const { session } = makeSession({ learningRate: 0.02 });
    for (let i = 0; i < 3; i++) session.stepUpdate();
    session.setSettings({ learningRate: 0.05 });
    for (let i = 0; i < 510; i++) session.stepUpdate();
    const good = session.snapshot();
    // the next update runs away, as a sudden divergence would
    stepUpdateRunningAway(session);
    const s = session.snapshot();
    expect(s.fault?.message).toMatch(/from before they ran away \(update 513\)/);
    expect(s.step).toBe(513);
    expect(maxAbsDiff(s.params, good.params)).toBe(0);
    expect(s.costSteps.at(-1)).toBeLessThanOrEqual(513);
    expect(s.positionInEpoch).toBe(good.positionInEpoch);
  });

  it('a divergence whose update before is wrecked already goes back to before the last change, and says why', () => {
    // tanh at α 50 pins every neuron within ~450 updates, before a weight passes 1,000: going on
    // from the update before trained to 10% (a review). Here the first layer's ReLUs are killed
    // by hand 510 updates in, so the guard's "update before" is wrecked and far from any change.
    const { session } = makeSession();
    const start = session.snapshot().params.slice();
    for (let i = 0; i < 510; i++) session.stepUpdate();
    killFirstLayer(session);
    stepUpdateRunningAway(session);
    const s = session.snapshot();
    expect(s.fault?.message).toMatch(
      /the weights from before they ran away \(update 510\) were wrecked already, with 16 of the 16 neurons of hidden layer 1 dead, so the starting weights \(update 0\) are restored\. Lower the learning rate to go on\.$/,
    );
    expect(s.step).toBe(0);
    expect(maxAbsDiff(s.params, start)).toBe(0);
    expect(s.fault?.stuck).toEqual([0, 0, 0]);
  });

  it('with nothing earlier to go back to, a wrecked restore says to start again, and the fault counts its stuck neurons', () => {
    const { session } = makeSession();
    for (let i = 0; i < 510; i++) session.stepUpdate();
    // resumed from a checkpoint: no settings change or starting weights to go back to
    session.init(DEFAULT_SETTINGS, () => {}, session.checkpoint());
    killFirstLayer(session);
    stepUpdateRunningAway(session);
    const s = session.snapshot();
    expect(s.step).toBe(510);
    expect(s.fault?.message).toMatch(
      /\(update 510\) are restored, but they were already wrecked: 16 of the 16 neurons of hidden layer 1 are dead \(always off\), where ReLU′\(z\) = 0 .*Start again from the starting weights\.$/,
    );
    expect(s.fault?.stuck?.[0]).toBe(16);
  });

  it('goes back to the state from before the last settings change, settings and all (α raised mid-training)', () => {
    const { session } = makeSession();
    expect(session.snapshot().beforeChange).toBeUndefined();
    expect(session.backToBeforeChange()).toBeNull();
    for (let i = 0; i < 300; i++) session.stepUpdate();
    const trained = session.snapshot();
    session.setSettings({ learningRate: 0.05 });
    // (right after the change the state kept is the one on screen: nothing to go back to yet)
    expect(session.snapshot().beforeChange).toBeUndefined();
    for (let i = 0; i < 40; i++) session.stepUpdate();
    expect(session.snapshot().beforeChange).toEqual({
      step: 300,
      what: 'the weights from before the learning rate was set to 0.05',
    });
    const back = session.backToBeforeChange()!;
    expect(back.step).toBe(300);
    expect(back.settings.learningRate).toBe(0.02);
    expect(maxAbsDiff(back.params, trained.params)).toBe(0);
    // and it trains on from there as if α had never changed
    const other = makeSession().session;
    for (let i = 0; i < 301; i++) other.stepUpdate();
    session.stepUpdate();
    expect(maxAbsDiff(session.snapshot().params, other.snapshot().params)).toBe(0);
  });

  it('offers going back only to a state worth it: not the one on screen, not one that read like a guess', () => {
    const { session } = makeSession();
    for (let i = 0; i < 300; i++) session.stepUpdate();
    session.setSettings({ learningRate: 0.05 });
    for (let i = 0; i < 40; i++) session.stepUpdate();
    expect(session.snapshot().beforeChange?.step).toBe(300);
    // back: the state kept is now the one on screen (going back again reloaded it)
    session.backToBeforeChange();
    expect(session.snapshot().beforeChange).toBeUndefined();
    expect(session.backToBeforeChange()).toBeNull();
    // Undo after a reset brings a state back; right after, it is the one on screen too
    session.reset();
    session.undoReset();
    expect(session.snapshot().beforeChange).toBeUndefined();
  });

  it('an epoch’s training cost weighs its last, smaller batch by its examples (batch 30,000: 30,000 then 20,000)', async () => {
    const { session, drain } = makeSession({ batchSize: 30_000, momentum: 0, learningRate: 0.02 });
    const epoch = session.stepEpoch();
    drain(100_000);
    const done = await epoch;
    // the two updates' batch costs, each a mean over its examples
    const [c1, c2] = Array.from(done.costValues);
    expect(done.costValues).toHaveLength(2);
    expect(done.epochs.at(-1)!.trainCost).toBeCloseTo((3 * c1 + 2 * c2) / 5, 5);
  });

  it('does not offer going back to a state whose last epoch read like a guess (α lowered by hand after it)', async () => {
    const { session, drain } = makeSession({ learningRate: 2, momentum: 0, batchSize: 16 });
    const epoch = session.stepEpoch();
    drain(100_000);
    const wrecked = await epoch;
    expect(wrecked.epochs.at(-1)!.testAccuracy).toBeLessThan(0.2);
    session.setSettings({ learningRate: 0.1 });
    for (let i = 0; i < 5; i++) session.stepUpdate();
    expect(session.snapshot().beforeChange).toBeUndefined();
    expect(session.backToBeforeChange()).toBeNull();
  });

  it('a runaway in the epoch’s last batch does not end the epoch: the record, the new order and the sums are undone too', () => {
    // batch 64: 782 updates an epoch, the last of 16 examples; past 500 updates, so the guard
    // goes back one update (not to the starting weights)
    const settings = { batchSize: 64, momentum: 0, learningRate: 0.1, schedule: 'exponential' as const, decay: 0.5 };
    const a = makeSession(settings).session;
    const b = makeSession(settings).session;
    for (let i = 0; i < 781; i++) {
      a.stepUpdate();
      b.stepUpdate();
    }
    const good = a.snapshot();
    stepUpdateRunningAway(a);
    const s = a.snapshot();
    expect(s.fault?.kind).toBe('diverged');
    expect([s.step, s.epoch, s.positionInEpoch]).toEqual([781, 0, good.positionInEpoch]);
    expect(s.epochs.length).toBe(good.epochs.length);
    expect(s.learningRate).toBe(good.learningRate);
    // trained on from there, it is the run that never ran away: the same last batch, the same
    // next epoch's order (the generator put back), the same record
    for (let i = 0; i < 2; i++) {
      a.stepUpdate();
      b.stepUpdate();
    }
    const [sa, sb] = [a.snapshot(), b.snapshot()];
    expect([sa.step, sa.epoch]).toEqual([783, 1]);
    expect(maxAbsDiff(sa.params, sb.params)).toBe(0);
    expect(sa.epochs.map((e) => [e.epoch, e.step, e.trainCost])).toEqual(
      sb.epochs.map((e) => [e.epoch, e.step, e.trainCost]),
    );
  });

  it('Step epoch after a half-stepped last batch of the epoch ends that epoch, and trains no further', async () => {
    const { session, drain } = makeSession({ batchSize: 25_000, momentum: 0 });
    session.stepUpdate();
    session.stepExample();
    const before = session.snapshot();
    const done = session.stepEpoch();
    drain();
    await done;
    const s = session.snapshot();
    expect([s.step, s.epoch, s.positionInEpoch]).toEqual([2, 1, 0]);
    expect(s.epochs.length).toBe(before.epochs.length + 1);
  });

  it('a divergence goes back past a recent change that made things worse (α = 1 for five updates, then α = 5)', async () => {
    const { session, drain } = makeSession();
    for (let i = 0; i < 200; i++) session.stepUpdate();
    const good = session.snapshot();
    session.setSettings({ learningRate: 1 });
    for (let i = 0; i < 5; i++) session.stepUpdate();
    session.setSettings({ learningRate: 5 });
    session.play();
    drain(2000);
    const s = session.snapshot();
    expect(s.fault?.kind).toBe('diverged');
    expect(s.fault?.message).toMatch(/before the learning rate was set to 1 \(update 200\)/);
    expect(s.step).toBe(200);
    expect(maxAbsDiff(s.params, good.params)).toBe(0);
    // the training path goes back too
    expect((await session.trajectory()).steps.at(-1)).toBeLessThanOrEqual(200);
  });

  it('a divergence straight after opening a model keeps its evaluation', () => {
    const { session } = makeSession();
    for (let i = 0; i < 20; i++) session.stepUpdate();
    const snap = session.snapshot();
    const { session: other, drain } = makeSession();
    other.importModel({
      spec: snap.spec,
      params: snap.params,
      settings: { ...snap.settings, learningRate: 100 },
      step: 20,
      epoch: 0,
    });
    expect(other.snapshot().epochs).toHaveLength(1);
    other.play();
    drain(2000);
    const s = other.snapshot();
    expect(s.fault?.message).toMatch(/the imported weights \(update 20\) are restored/);
    expect(s.epochs).toHaveLength(1);
    expect(s.confusion).not.toBeNull();
  });

  it('the lesson’s experiment is put back whole: weights, settings (not the speed), path and confusion matrix', async () => {
    const { session, drain } = makeSession({ batchSize: 100 });
    const epoch = session.stepEpoch();
    drain(100_000);
    await epoch;
    const before = session.snapshot();
    const pathBefore = (await session.trajectory()).steps.length;
    // nothing changed: nothing to put back
    session.markExperiment();
    expect(session.endExperiment()).toBeNull();
    session.markExperiment();
    session.setSettings({ learningRate: 20, speed: 100 });
    for (let i = 0; i < 5; i++) session.stepUpdate();
    const back = session.endExperiment()!;
    expect(back.step).toBe(before.step);
    expect(maxAbsDiff(back.params, before.params)).toBe(0);
    expect(back.settings).toEqual({ ...before.settings, speed: 100 });
    expect(back.confusion).toEqual(before.confusion);
    expect(back.epochs).toEqual(before.epochs);
    expect((await session.trajectory()).steps.length).toBe(pathBefore);
    // once only
    expect(session.endExperiment()).toBeNull();
  });

  it('a restarted session given the experiment’s checkpoint puts it back (a crash lost it, and Next put nothing back)', () => {
    const { session } = makeSession({ batchSize: 10 });
    for (let i = 0; i < 3; i++) session.stepUpdate();
    const before = session.snapshot();
    const kept = session.markExperiment();
    // the worker crashes; the restarted one resumes from an auto-save at update 3 and is given the kept state
    const { session: restarted } = makeSession({ batchSize: 10 });
    restarted.init(before.settings, () => {}, session.checkpoint());
    expect(restarted.markExperiment(kept).step).toBe(3);
    restarted.setSettings({ learningRate: 20 });
    for (let i = 0; i < 4; i++) restarted.stepUpdate();
    const back = restarted.endExperiment()!;
    expect(back.step).toBe(3);
    expect(maxAbsDiff(back.params, before.params)).toBe(0);
    expect(back.settings.learningRate).toBe(before.settings.learningRate);
    // a kept state that is not one is refused
    expect(() => restarted.markExperiment({ ...kept, params: new Float32Array(3) })).toThrow(/wrong number of weights/);
  });

  it('a Reset of the starting weights keeps the last Reset’s Undo', () => {
    const { session } = makeSession();
    for (let i = 0; i < 4; i++) session.stepUpdate();
    session.reset();
    session.reset();
    expect(session.undoReset()?.step).toBe(4);
  });

  it('an image picked while the batch is fully stepped is the first of the next batch', () => {
    const { session } = makeSession({ batchSize: 4 });
    for (let i = 0; i < 4; i++) session.stepExample();
    session.selectExample(7);
    expect(session.snapshot().nextExample.index).toBe(7);
    session.stepUpdate();
    expect(session.snapshot().nextExample.index).toBe(7);
    expect(session.stepExample().example.index).toBe(7);
    // the epoch's order is still a permutation
    const order = (session as unknown as { run: { order: Uint32Array } }).run.order;
    expect(new Set(order).size).toBe(order.length);
  });

  it('a restart from a checkpoint continues exactly like an uninterrupted run', () => {
    const a = makeSession({ batchSize: 16 });
    for (let i = 0; i < 7; i++) a.session.stepUpdate();
    a.session.stepExample(); // half a batch: redone after the restore
    const checkpoint = a.session.checkpoint();
    for (let i = 0; i < 5; i++) a.session.stepUpdate();

    const b = makeSession({ batchSize: 16 });
    b.session.init(checkpoint.settings, () => {}, checkpoint);
    for (let i = 0; i < 5; i++) b.session.stepUpdate();
    expect(b.session.snapshot().step).toBe(a.session.snapshot().step);
    expect(maxAbsDiff(a.session.snapshot().params, b.session.snapshot().params)).toBe(0);
  });

  it('plays in short slices and pauses between them, sending snapshots', () => {
    const { session, snapshots, queue } = makeSession();
    session.play();
    expect(queue.length).toBe(1);
    queue.shift()!();
    queue.shift()!();
    const step = session.snapshot().step;
    expect(step).toBeGreaterThan(0);
    const paused = session.pause();
    // a slice scheduled before the pause does nothing
    while (queue.length) queue.shift()!();
    expect(session.snapshot().step).toBe(step);
    expect(snapshots.length).toBeGreaterThan(0);
    // the reply to pause is newer than every snapshot sent while playing (the bridge keeps the newest)
    expect(paused.seq).toBeGreaterThan(Math.max(...snapshots.map((s) => s.seq)));
  });

  it('at a slow speed sends no second snapshot of the same update while playing', () => {
    const { session, snapshots, drain } = makeSession({ speed: 10 });
    session.play();
    drain(3000);
    session.pause();
    const running = snapshots.filter((s) => s.playing);
    expect(running.length).toBeGreaterThan(2);
    for (let i = 1; i < running.length; i++) expect(running[i].step).not.toBe(running[i - 1].step);
    expect(session.snapshot().step).toBeGreaterThan(1);
  });

  it('an epoch ends with validation and test accuracy recorded', async () => {
    const { session, drain } = makeSession({ batchSize: 100 });
    const done = session.stepEpoch();
    drain(100_000);
    const s = await done;
    expect(s.epoch).toBe(1);
    expect(s.step).toBe(500);
    expect(s.epochs).toHaveLength(1);
    expect(s.epochs[0].testAccuracy).toBeGreaterThan(0.85);
    expect(s.epochs[0].validationAccuracy).toBeGreaterThan(0.85);
    expect(s.confusion?.reduce((x, y) => x + y, 0)).toBe(10_000);
  });

  it('keeps the rates each epoch used, a change midway included, through an epoch end, a checkpoint and a restore', async () => {
    const { session, drain } = makeSession({ batchSize: 100, learningRate: 0.04, schedule: 'exponential', decay: 0.5 });
    for (let i = 0; i < 125; i++) session.stepUpdate();
    // a new α₀ a quarter of the way through the first epoch
    session.setSettings({ learningRate: 0.01 });
    expect(session.snapshot().epochRates).toEqual([
      { share: 0, rate: 0.04 },
      { share: 0.25, rate: 0.01 },
    ]);
    // changed again before any update used it: the later value replaces it
    session.setSettings({ learningRate: 0.02 });
    expect(session.snapshot().epochRates).toEqual([
      { share: 0, rate: 0.04 },
      { share: 0.25, rate: 0.02 },
    ]);
    // a change that does not move α (the momentum) adds nothing
    session.setSettings({ momentum: 0.5 });
    expect(session.snapshot().epochRates).toHaveLength(2);
    const done = session.stepEpoch();
    drain(100_000);
    const s = await done;
    expect(s.epochs.at(-1)!.rates).toEqual([
      { share: 0, rate: 0.04 },
      { share: 0.25, rate: 0.02 },
    ]);
    // the next epoch starts at the schedule's rate for it: α₀ · 0.5
    expect(s.epochRates).toEqual([{ share: 0, rate: 0.01 }]);
    // a restart from a checkpoint keeps both
    for (let i = 0; i < 50; i++) session.stepUpdate();
    session.setSettings({ schedule: 'constant' });
    const checkpoint = session.checkpoint();
    const b = makeSession();
    b.session.init(checkpoint.settings, () => {}, checkpoint);
    expect(b.session.snapshot().epochRates).toEqual([
      { share: 0, rate: 0.01 },
      { share: 0.1, rate: 0.02 },
    ]);
    expect(b.session.snapshot().epochs.at(-1)!.rates).toHaveLength(2);
    // a Reset starts the record again
    session.reset();
    expect(session.snapshot().epochRates).toEqual([{ share: 0, rate: 0.02 }]);
  });

  it('a divergence that goes back before a change of α takes back the change’s place in the record, not the rate', () => {
    const { session, drain } = makeSession({ batchSize: 100 });
    for (let i = 0; i < 200; i++) session.stepUpdate();
    const start = session.snapshot().epochRates;
    session.setSettings({ learningRate: 100 });
    session.play();
    drain(2000);
    const s = session.snapshot();
    expect(s.fault?.kind).toBe('diverged');
    // back at update 200, where α = 100 now starts (the ran-away updates used it, but they are gone)
    expect(s.epochRates).toEqual([...start, { share: 0.4, rate: 100 }]);
    // lowered at that same place: it replaces the 100 there
    session.setSettings({ learningRate: 0.01 });
    expect(session.snapshot().epochRates).toEqual([...start, { share: 0.4, rate: 0.01 }]);
  });

  it('Step epoch runs at the full rate, whatever speed Play is set to', async () => {
    const { session, drain, queue } = makeSession({ batchSize: 1000, speed: 1 });
    const done = session.stepEpoch();
    // the snapshot says so, so the view does not slow-motion each of these updates
    expect(session.snapshot()).toMatchObject({ playing: true, steppingEpoch: true });
    drain(1000);
    expect(queue).toHaveLength(0);
    const s = await done;
    expect(s.epoch).toBe(1);
    expect(s.step).toBe(50);
    expect(s.settings.speed).toBe(1);
    expect(s.steppingEpoch).toBe(false);
    session.play();
    expect(session.snapshot()).toMatchObject({ playing: true, steppingEpoch: false });
    session.pause();
  });

  it('selectExample makes that training image the next one stepped', () => {
    const { session } = makeSession();
    session.selectExample(12345);
    expect(session.snapshot().nextExample.index).toBe(12345);
    const step = session.stepExample();
    expect(step.example.index).toBe(12345);
    expect(() => session.selectExample(60_000)).toThrow(/No training image 60000/);
  });

  it('a pick not yet stepped can be taken back: the order is the epoch’s own again, even after two picks', () => {
    const { session } = makeSession({ batchSize: 8 });
    session.stepExample();
    const own = session.snapshot().nextExample.index;
    const untouched = makeSession({ batchSize: 8 });
    untouched.session.stepExample();
    session.selectExample(12345);
    session.selectExample(23456);
    expect(session.snapshot().nextExample.index).toBe(23456);
    session.selectExample(null);
    expect(session.snapshot().nextExample.index).toBe(own);
    // the whole order, not only what comes next: the picked images' own places too
    expect(Array.from(session.checkpoint().order)).toEqual(Array.from(untouched.session.checkpoint().order));
    // the rest of the epoch too: the same examples in the same order as a session never picked in
    const rest = (s: typeof session) => {
      const seen: number[] = [];
      for (let i = 1; i < 8; i++) seen.push(s.stepExample().example.index);
      s.stepUpdate();
      for (let i = 0; i < 8; i++) seen.push(s.stepExample().example.index);
      return seen;
    };
    expect(rest(session)).toEqual(rest(untouched.session));
  });

  it('a pick saved with the session is shown as picked after a reload, and can still be taken back', () => {
    const a = makeSession({ batchSize: 8 });
    const untouched = makeSession({ batchSize: 8 });
    for (const s of [a.session, untouched.session]) {
      s.stepExample();
      s.stepExample();
    }
    a.session.selectExample(31415);
    // the half-stepped batch is redone after the reload, the pick at its start
    const b = makeSession({ batchSize: 8 });
    b.session.init(DEFAULT_SETTINGS, () => {}, a.session.checkpoint());
    expect(b.session.snapshot().nextExample.index).toBe(31415);
    expect(b.session.snapshot().nextPicked).toBe(true);
    b.session.selectExample(null);
    expect(b.session.snapshot().nextPicked).toBe(false);
    expect(Array.from(b.session.checkpoint().order)).toEqual(Array.from(untouched.session.checkpoint().order));
  });

  it('the last partial batch of an epoch is a smaller batch', () => {
    const { session } = makeSession({ batchSize: 30_000 });
    session.stepUpdate();
    expect(session.snapshot().batchSize).toBe(20_000);
    session.stepUpdate();
    expect(session.snapshot().epoch).toBe(1);
  });
});

describe('TrainerSession: saved sessions and imported models', () => {
  it('resumes a checkpoint exactly: the next update equals the one the original would make', () => {
    const a = makeSession({ batchSize: 8 });
    a.session.stepUpdate();
    a.session.stepUpdate();
    const saved = structuredClone(a.session.checkpoint());
    a.session.stepUpdate();
    const b = makeSession();
    b.session.init(DEFAULT_SETTINGS, () => {}, saved);
    expect(b.session.snapshot().step).toBe(2);
    b.session.stepUpdate();
    expect(maxAbsDiff(b.session.snapshot().params, a.session.snapshot().params)).toBe(0);
  });

  it('a session resumed mid-epoch records that epoch’s train cost over the whole epoch, as the original does', () => {
    const settings = { batchSize: 128, momentum: 0, learningRate: 0.05 };
    const a = makeSession(settings);
    for (let i = 0; i < 200; i++) a.session.stepUpdate();
    const saved = structuredClone(a.session.checkpoint());
    const b = makeSession();
    b.session.init({ ...DEFAULT_SETTINGS, ...settings }, () => {}, saved);
    // to the end of the epoch (391 updates of 128)
    for (let i = 200; i < 391; i++) {
      a.session.stepUpdate();
      b.session.stepUpdate();
    }
    const [ra, rb] = [a.session.snapshot().epochs.at(-1)!, b.session.snapshot().epochs.at(-1)!];
    expect([ra.epoch, rb.epoch]).toEqual([1, 1]);
    expect(rb.trainCost).toBe(ra.trainCost);
    // a damaged record of it is refused
    expect(() =>
      b.session.init(DEFAULT_SETTINGS, () => {}, { ...saved, epochSoFar: { costSum: NaN, costCount: 1, trainMs: 0 } }),
    ).toThrow(/saved session is not usable: its epoch so far is malformed/);
    // so are records the charts cannot read, an epoch count past years of playing, and a cost history
    // whose two halves differ (the first two crashed the tab on every load: a review)
    const refuses = (patch: Partial<typeof saved>, why: RegExp) =>
      expect(() => b.session.init(DEFAULT_SETTINGS, () => {}, { ...saved, ...patch })).toThrow(why);
    refuses({ epochs: [{ foo: 1 }, 'x', null] as never }, /its accuracy history is malformed/);
    refuses({ epochs: [{ ...ra, testAccuracy: NaN }] }, /its accuracy history is malformed/);
    refuses({ epochs: [{ ...ra, rates: [null] as never }] }, /its accuracy history is malformed/);
    refuses({ epoch: 1e9 }, /"epoch" 1000000000 is past 10,000,000/);
    refuses({ costValues: saved.costValues.slice(1) }, /its cost history is malformed/);
    // a record saved before the stuck counts and the seconds were kept is still read
    const older = { ...ra, stuck: undefined, seconds: undefined as unknown as null };
    expect(() => b.session.init(DEFAULT_SETTINGS, () => {}, { ...saved, epochs: [older] })).not.toThrow();
  });

  it('a session resumed after an epoch shows that epoch’s confusion matrix (a reload showed none beside its accuracy)', () => {
    const settings = { batchSize: 128, momentum: 0, learningRate: 0.05 };
    const resume = (saved: ReturnType<TrainerSession['checkpoint']>) => {
      const b = makeSession();
      b.session.init({ ...DEFAULT_SETTINGS, ...settings }, () => {}, saved);
      const m = b.session.snapshot().confusion;
      return m && Array.from(m);
    };
    const a = makeSession(settings);
    void a.session.stepEpoch();
    a.drain(60_000);
    expect(a.session.snapshot().epoch).toBe(1);
    const confusion = Array.from(a.session.snapshot().confusion!);
    expect(confusion.reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
    // saved at the epoch's end, and two updates later (the matrix is still the latest evaluation's)
    const atEnd = structuredClone(a.session.checkpoint());
    a.session.stepUpdate();
    a.session.stepUpdate();
    const later = structuredClone(a.session.checkpoint());
    expect(resume(atEnd)).toEqual(confusion);
    expect(resume(later)).toEqual(confusion);
    // saved before the matrix was kept: measured again where the weights are still the evaluation's
    expect(resume({ ...atEnd, confusion: undefined })).toEqual(confusion);
    expect(resume({ ...later, confusion: undefined })).toBeNull();
    // a damaged one is refused
    expect(() => resume({ ...atEnd, confusion: new Uint32Array(99) })).toThrow(
      /saved session is not usable: its confusion matrix is malformed/,
    );
  });

  it('a resumed session shows the last batch’s cost, not the thinned history’s average of its last updates', () => {
    const settings = { batchSize: 1, momentum: 0, learningRate: 0.01 };
    const a = makeSession(settings);
    // past the cost history's 4,000 points: it then keeps one point for every two updates or more
    for (let i = 0; i < 4100; i++) a.session.stepUpdate();
    const cost = a.session.snapshot().cost!;
    const saved = structuredClone(a.session.checkpoint());
    expect(saved.costValues.at(-1)).not.toBe(cost);
    const resume = (c: typeof saved) => {
      const b = makeSession();
      b.session.init({ ...DEFAULT_SETTINGS, ...settings }, () => {}, c);
      return b.session.snapshot().cost;
    };
    expect(resume(saved)).toBe(cost);
    // saved before it was kept: the history's last point, as before
    expect(resume({ ...saved, lastCost: undefined })).toBe(saved.costValues.at(-1));
    expect(() => resume({ ...saved, lastCost: NaN })).toThrow(
      /saved session is not usable: its last cost is malformed/,
    );
  });

  it('refuses a damaged saved session with a reason', () => {
    const { session } = makeSession();
    const good = session.checkpoint();
    const damaged = [
      { ...good, params: good.params.slice(1) },
      { ...good, params: Float32Array.from(good.params, (v, i) => (i === 3 ? NaN : v)) },
      { ...good, order: good.order.slice(5) },
      { ...good, step: -1 },
      { ...good, settings: { ...good.settings, activation: 'swish' } },
      // a position at the epoch's end (a batch of 0, a NaN cost), an index past the images, a
      // repeated one, a next example that is no image: each threw inside training instead
      { ...good, positionInEpoch: good.order.length },
      { ...good, order: Uint32Array.from(good.order, (v, i) => (i === 7 ? 50_000 : v)) },
      { ...good, order: Uint32Array.from(good.order, (v, i) => (i === 7 ? good.order[8] : v)) },
      { ...good, nextExampleOverride: 50_000 },
      { ...good, nextExampleOverride: 2.5 },
      { ...good, pickSwaps: [[3, 50_000]] },
      { ...good, pickSwaps: [[3]] },
      // momentum of another network's size, a rate said to start past its epoch's end (a mutation review)
      { ...good, velocity: new Float32Array(5) },
      { ...good, epochRates: [{ share: 1.5, rate: 0.1 }] },
    ];
    for (const c of damaged) {
      expect(() => session.init(DEFAULT_SETTINGS, () => {}, c as typeof good)).toThrow(/saved session is not usable/);
    }
  });

  // a fuzzing review: NaN momentum "diverged" at the first update and blamed the learning rate; a
  // bad random state was refused in a programmer's words; 10³⁰⁰ updates passed as a whole number
  it.each([
    [
      'a NaN in its momentum',
      (c: Checkpoint) => ({ ...c, velocity: new Float32Array(c.params.length).fill(NaN) }),
      /its momentum is not a finite number/,
    ],
    ['three random-state words', (c: Checkpoint) => ({ ...c, rngState: [1, 2, 3] }), /its random state is malformed/],
    [
      'a random-state word past 32 bits',
      (c: Checkpoint) => ({ ...c, rngState: [1, 2, 3, 2 ** 32] }),
      /its random state is malformed/,
    ],
    ['10³⁰⁰ updates', (c: Checkpoint) => ({ ...c, step: 1e300 }), /"step" is not a whole number/],
  ])('refuses a saved session with %s, in the app’s words', (_name, damage, message) => {
    const { session } = makeSession({ momentum: 0.9 });
    session.stepUpdate();
    const good = session.checkpoint();
    expect(good.velocity).not.toBeNull();
    expect(() => session.init(DEFAULT_SETTINGS, () => {}, damage(good))).toThrow(message);
  });

  it('restores the settings as they were checked: a batch size saved as text "32" trains batches of 32', () => {
    const { session } = makeSession();
    const good = session.checkpoint();
    const texts = { ...good, settings: { ...good.settings, batchSize: '32', learningRate: '0,02' } };
    const { session: resumed } = makeSession();
    resumed.init(DEFAULT_SETTINGS, () => {}, texts as unknown as Checkpoint);
    expect(resumed.snapshot().settings.batchSize).toBe(32);
    expect(resumed.snapshot().settings.learningRate).toBe(0.02);
    const step = resumed.stepUpdate();
    expect(step.batchSize).toBe(32);
    expect(Number.isFinite(resumed.snapshot().cost)).toBe(true);
  });

  it('imports a model: its weights, settings, update and epoch, evaluated at once', () => {
    const source = makeSession({ batchSize: 16, activation: 'sigmoid', loss: 'mse', learningRate: 2, momentum: 0 });
    for (let i = 0; i < 20; i++) source.session.stepUpdate();
    const snap = source.session.snapshot();
    const { session } = makeSession();
    const after = session.importModel({
      spec: snap.spec,
      params: snap.params,
      settings: snap.settings,
      step: snap.step,
      epoch: 0,
    });
    expect(after.step).toBe(20);
    expect(after.settings.activation).toBe('sigmoid');
    expect(maxAbsDiff(after.params, snap.params)).toBe(0);
    expect(after.epochs.at(-1)?.testAccuracy).toBeGreaterThan(0.1);
  });
});

describe('a network whose gradient no longer reaches the first layer', () => {
  it('counts the updates in a row with every first-layer delta 0, and starts again at 0 once one gets through', () => {
    const { session } = makeSession({ batchSize: 4, momentum: 0, learningRate: 0.02 });
    session.stepUpdate();
    expect(session.snapshot().silentUpdates).toBe(0);
    // the second hidden layer's ReLUs all off for every input: biases far below 0
    const s = session.snapshot();
    const [, h1, h2] = s.spec.sizes;
    const b2 = 784 * h1 + h1 + h1 * h2;
    const dead = s.params.slice();
    dead.fill(-100, b2, b2 + h2);
    session.importModel({ spec: s.spec, params: dead, settings: s.settings, step: 1, epoch: 0 });
    for (let i = 0; i < 5; i++) session.stepUpdate();
    expect(session.snapshot().silentUpdates).toBe(5);
    // brought back to life: counted from 0 again
    const alive = session.snapshot().params.slice();
    alive.fill(0.5, b2, b2 + h2);
    session.importModel({ spec: s.spec, params: alive, settings: s.settings, step: 6, epoch: 0 });
    expect(session.snapshot().silentUpdates).toBe(0);
    session.stepUpdate();
    expect(session.snapshot().silentUpdates).toBe(0);
  });

  it('measures the untrained network (epoch 0) for the accuracy chart, apart from the epoch records', () => {
    const { session } = makeSession({ seed: 7 });
    const first = session.snapshot();
    // independently: the same seed's fresh network on the test set
    const test = evaluate(createNetwork(first.spec), loadMnist().test);
    expect(first.untrained).toMatchObject({ epoch: 0, step: 0, seconds: null, testAccuracy: test.accuracy });
    expect(first.untrained!.testAccuracy).toBeGreaterThan(0.02);
    expect(first.untrained!.testAccuracy).toBeLessThan(0.3);
    expect(first.epochs).toEqual([]);
    // kept through training, a checkpoint and a restart
    for (let i = 0; i < 3; i++) session.stepUpdate();
    expect(session.snapshot().untrained).toEqual(first.untrained);
    const restarted = makeSession().session;
    restarted.init(first.settings, () => {}, structuredClone(session.checkpoint()));
    expect(restarted.snapshot().untrained).toEqual(first.untrained);
    // a new network is measured again; an opened model file's start is not known
    session.setSettings({ seed: 8 });
    const other = session.snapshot();
    expect(other.untrained!.testAccuracy).toBe(evaluate(createNetwork(other.spec), loadMnist().test).accuracy);
    session.importModel({ spec: first.spec, params: first.params, settings: first.settings, step: 5, epoch: 0 });
    expect(session.snapshot().untrained).toBeNull();
    // a session saved before it was kept: measured on its seed's starting weights, and kept so
    // through the next save and reload (saved as null, the second reload took it for an opened model)
    const older = { ...structuredClone(session.checkpoint()), untrained: undefined };
    restarted.init(first.settings, () => {}, older);
    expect(restarted.snapshot().untrained).toEqual(first.untrained);
    const again = makeSession().session;
    again.init(first.settings, () => {}, structuredClone(restarted.checkpoint()));
    expect(again.snapshot().untrained).toEqual(first.untrained);
    expect(again.trajectory().steps[0]).toBe(0);
  });

  it('an epoch’s time is its training only: not the evaluation that ended the epoch before', () => {
    let clock = 0;
    const { session, queue } = makeSession({ batchSize: 25_000 }, () => (clock += 1));
    // every evaluation takes 10 s on this clock
    const inner = (session as unknown as { run: { measure: (...a: unknown[]) => unknown } }).run;
    const measure = inner.measure.bind(inner);
    inner.measure = (...a: unknown[]) => {
      clock += 10_000;
      return measure(...a);
    };
    session.play();
    for (let i = 0; i < 1000 && session.snapshot().epochs.length < 2; i++) queue.shift()?.();
    const [first, second] = session.snapshot().epochs;
    // two updates an epoch, a few clock ticks each: far under the 10 s an evaluation took
    expect(first.seconds).toBeLessThan(1);
    expect(second.seconds).toBeLessThan(1);
  });

  it('an epoch finished by Step batch is timed too (full-batch GD’s one update an epoch said 0.00 s)', () => {
    let clock = 0;
    const { session } = makeSession({ batchSize: 50_000, momentum: 0 }, () => (clock += 1));
    session.stepUpdate();
    const [epoch] = session.snapshot().epochs;
    expect(epoch.step).toBe(1);
    expect(epoch.seconds).toBeGreaterThan(0);
    expect(epoch.seconds).toBeLessThan(0.1);
  });

  it('Step batch’s columns count their training, not their detail, in the epoch’s time', () => {
    let clock = 0;
    const { session } = makeSession({ batchSize: 8, momentum: 0 }, () => clock);
    // each example's accumulation into the batch (the training) takes 100 ms on this clock
    const trainer = (session as unknown as { run: { trainer: { accumulate: (i: number) => number } } }).run.trainer;
    const accumulate = trainer.accumulate.bind(trainer);
    trainer.accumulate = (i: number) => {
      clock += 100;
      return accumulate(i);
    };
    const before = session.checkpoint().epochSoFar!.trainMs;
    const update = session.stepUpdate();
    expect(update.columns).toHaveLength(8);
    // all eight examples ran as columns: their 800 ms of training count (they counted 0)
    expect(session.checkpoint().epochSoFar!.trainMs - before).toBe(800);
  });

  it('an opened model’s training path, after a restart from its checkpoint, starts at its own weights', () => {
    const source = makeSession();
    for (let i = 0; i < 5; i++) source.session.stepUpdate();
    const model = source.session.snapshot();
    const { session } = makeSession();
    session.importModel({ spec: model.spec, params: model.params, settings: model.settings, step: 77, epoch: 0 });
    const restarted = makeSession().session;
    restarted.init(model.settings, () => {}, structuredClone(session.checkpoint()));
    const path = restarted.trajectory();
    expect(path.steps).toEqual([77]);
    expect(maxAbsDiff(path.params[0], model.params)).toBe(0);
    // a network built here still starts at update 0
    const fresh = makeSession();
    fresh.session.stepUpdate();
    const again = makeSession().session;
    again.init(model.settings, () => {}, structuredClone(fresh.session.checkpoint()));
    expect(again.trajectory().steps[0]).toBe(0);
  });

  it('at a slow speed, waits until the next update is due instead of a slice every few ms', () => {
    let clock = 0;
    const { session, queue, waits } = makeSession({ speed: 10 }, () => clock);
    session.play();
    // one second of the clock, in 5 ms ticks between slices
    for (let t = 0; t < 200 && queue.length; t++) {
      queue.shift()!();
      clock += 5;
    }
    const slices = waits.length;
    expect(session.snapshot().step).toBeGreaterThanOrEqual(9);
    expect(session.snapshot().step).toBeLessThanOrEqual(12);
    // the waits between updates are the time to the next one (100 ms at 10/s, less what passed)
    expect(Math.max(...waits.map((w) => w ?? 0))).toBeGreaterThan(50);
    expect(waits.filter((w) => (w ?? 0) > 0).length).toBeGreaterThan(slices / 2);
  });

  it('at the end of an epoch, the next example named is the next epoch’s first (it named the last one, stepped already)', () => {
    const { session } = makeSession({ batchSize: 2 });
    const c = structuredClone(session.checkpoint());
    const count = c.order.length;
    c.positionInEpoch = count - 2;
    const { session: end } = makeSession({ batchSize: 2 });
    end.init(c.settings, () => {}, c);
    end.stepExample();
    end.stepExample();
    const announced = end.snapshot().nextExample.index;
    expect(announced).not.toBe(c.order[count - 1]);
    end.stepUpdate();
    const after = end.snapshot();
    expect(after.epoch).toBe(c.epoch + 1);
    expect(after.nextExample.index).toBe(announced);
  });
});
