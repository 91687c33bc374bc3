/**
 * Why a network fails, from its stuck neurons: a guessing network whose neurons still respond has
 * steps too small (it was told "too big" and offered a tenth, again and again: a review), and a
 * divergence whose restored weights are wrecked already offers the fresh start first.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { DEFAULT_SETTINGS, type Settings } from '../../src/protocol/settings';
import type { Fault, Snapshot } from '../../src/protocol/snapshot';
import { notify, useLab } from '../../src/store/lab-store';
import { KEEP_START } from '../../src/views/controls/rate-note';
import { SettingsBar } from '../../src/views/controls/SettingsBar';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ snapshot: null, panelSnapshot: null, settings: DEFAULT_SETTINGS, notices: [] }));

function show(settings: Settings, patch: Partial<Snapshot>) {
  const snapshot = { ...syntheticSnapshot(), settings, silentUpdates: 0, ...patch };
  act(() => useLab.setState({ settings, snapshot, panelSnapshot: snapshot }));
}

const guessingEpoch = (stuck?: number[]) => ({
  ...syntheticSnapshot().epochs[0],
  step: 1563,
  testAccuracy: 0.113,
  ...(stuck ? { stuck } : {}),
});

it('says the steps are too small when no hidden layer is mostly stuck, and offers a larger α₀', () => {
  const sigmoid = { ...DEFAULT_SETTINGS, activation: 'sigmoid' as const, loss: 'mse' as const };
  show(sigmoid, { step: 1563, epochs: [guessingEpoch([0, 1, 0])] });
  render(<SettingsBar />);
  const said = screen.getByTestId('not-learning').textContent!;
  expect(said).toMatch(/Yet its neurons still respond: no hidden layer is mostly saturated \(at the flat ends of σ\)/);
  expect(said).toMatch(/The steps are too small, not too big: at α₀ = 0\.02 with momentum 0\.9/);
  expect(screen.getByTestId('not-learning-larger').textContent).toBe('Start again with α₀ = 0.2');
  expect(screen.queryByTestId('not-learning-reset')).toBeNull();
});

it('blames steps too big, with the count, when most of a layer is stuck; without a count, as before', () => {
  show(DEFAULT_SETTINGS, { step: 1563, epochs: [guessingEpoch([14, 16, 0])] });
  const { unmount } = render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').textContent).toMatch(
    /now dead \(ReLUs that are always off, where ReLU′\(z\) = 0\): 14 of the 16 in hidden layer 1, so backprop/,
  );
  expect(screen.getByTestId('not-learning-reset').textContent).toBe('Start again with α₀ = 0.002');
  unmount();
  // an epoch saved before the count was kept
  show(DEFAULT_SETTINGS, { step: 1563, epochs: [guessingEpoch()] });
  render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').getAttribute('data-why')).toBe('unknown');
  expect(screen.getByTestId('not-learning').textContent).toMatch(/too big for these settings/);
});

it('puts starting again first when the weights a divergence restored are wrecked already', () => {
  const fault = (stuck: number[]): Fault => ({
    kind: 'diverged',
    message: 'Training diverged at learning rate 50.',
    learningRate: 50,
    runaway: { steps: [], values: [] },
    stuck,
  });
  const fifty = { ...DEFAULT_SETTINGS, learningRate: 50 };
  show(fifty, { fault: fault([16, 3, 0]) });
  const { unmount } = render(<SettingsBar />);
  const order = () => Array.from(screen.getByTestId('fault').querySelectorAll('button')).map((b) => b.dataset.testid);
  expect(order()).toEqual(['fault-reset', 'lower-lr']);
  expect(screen.getByTestId('lower-lr').textContent).toBe('Or lower α₀ to 0.02 and go on anyway');
  unmount();
  show(fifty, { fault: fault([2, 3, 0]) });
  render(<SettingsBar />);
  expect(order()).toEqual(['lower-lr', 'fault-reset']);
  expect(screen.getByTestId('lower-lr').textContent).toBe('Lower α₀ to 0.02 and go on');
});

it('does not excuse stuck neurons with too few updates (gradient descent at α₀ = 100 was told "not steps too big")', () => {
  const gd = { ...DEFAULT_SETTINGS, batchSize: 50_000, learningRate: 100 };
  show(gd, { step: 2, epochs: [guessingEpoch([15, 16, 0]), { ...guessingEpoch([15, 16, 0]), step: 2 }] });
  const { unmount } = render(<SettingsBar />);
  expect(screen.queryByTestId('few-updates')).toBeNull();
  expect(screen.getByTestId('not-learning').getAttribute('data-why')).toBe('wrecked');
  unmount();
  // with its neurons healthy, too few updates is the reason, as before
  show(
    { ...gd, learningRate: 0.2 },
    { step: 2, epochs: [guessingEpoch([0, 1, 0]), { ...guessingEpoch([0, 1, 0]), step: 2 }] },
  );
  render(<SettingsBar />);
  expect(screen.getByTestId('few-updates')).toBeTruthy();
  expect(screen.queryByTestId('not-learning')).toBeNull();
});

it('with momentum over 0.95, says it multiplies the steps and starts again at μ = 0.9 (σ at μ 0.99 went round in a loop)', () => {
  const lecture = {
    ...DEFAULT_SETTINGS,
    activation: 'sigmoid' as const,
    loss: 'mse' as const,
    learningRate: 2,
    batchSize: 16,
    momentum: 0.99,
  };
  // the σ outputs pinned near 0 (z ≈ −15): counted as stuck under mse
  show(lecture, { step: 3125, epochs: [{ ...guessingEpoch([0, 0, 10]), step: 3125 }] });
  render(<SettingsBar />);
  const said = screen.getByTestId('not-learning').textContent!;
  expect(said).toMatch(/saturated \(at the flat ends of σ, where σ′\(z\) ≈ 0\): 10 of the 10 in the output layer/);
  expect(said).toMatch(/Momentum μ = 0\.99 lets each step grow up to 1 \/ \(1 − μ\) = 100 times\./);
  expect(screen.getByTestId('not-learning-reset').textContent).toBe('Start again with α₀ = 0.2 and μ = 0.9');
});

it('offers the trained state from before the last settings change first, when there is one', () => {
  show(
    { ...DEFAULT_SETTINGS, learningRate: 1 },
    {
      step: 6000,
      epochs: [{ ...guessingEpoch([16, 16, 0]), step: 4689 }],
      beforeChange: { step: 3126, what: 'the weights from before the learning rate was set to 1' },
    },
  );
  render(<SettingsBar />);
  const buttons = Array.from(screen.getByTestId('not-learning').querySelectorAll('button'));
  expect(buttons.map((b) => b.dataset.testid)).toEqual(['back-before-change', 'not-learning-reset']);
  expect(buttons[0].textContent).toBe(
    'Go back to the weights from before the learning rate was set to 1 (update 3,126)',
  );
  expect(buttons[1].textContent).toBe('Or start again with α₀ = 0.02');
  const back = vi.spyOn(trainer, 'backToBeforeChange').mockResolvedValue(true);
  fireEvent.click(buttons[0]);
  expect(back).toHaveBeenCalledTimes(1);
  back.mockRestore();
});

it('offers no larger α₀ at the largest one, and does not call steps too small while no gradient reaches the first layer', () => {
  show({ ...DEFAULT_SETTINGS, learningRate: 100 }, { step: 1563, epochs: [guessingEpoch([0, 0, 0])] });
  const { unmount } = render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').getAttribute('data-why')).toBe('too-small');
  expect(screen.queryByTestId('not-learning-larger')).toBeNull();
  unmount();
  show(DEFAULT_SETTINGS, { step: 200, silentUpdates: 5, epochs: [{ ...guessingEpoch([0, 0, 0]), step: 150 }] });
  render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').getAttribute('data-why')).toBe('unknown');
  expect(screen.getByTestId('not-learning').textContent).not.toMatch(/gradient gets through/);
});

it('takes "Keep α at α₀" away once a notice blames steps too big, and not when it says they are too small', () => {
  const keep = () =>
    notify('info', 'α₀ = 1 is where the schedule starts', {
      label: 'Keep α at α₀ = 1',
      testId: KEEP_START,
      run: () => {},
    });
  const kept = () => useLab.getState().notices.some((n) => n.action?.testId === KEEP_START);
  keep();
  show({ ...DEFAULT_SETTINGS, learningRate: 0.00001 }, { step: 1563, epochs: [guessingEpoch([0, 0, 0])] });
  const { unmount } = render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').getAttribute('data-why')).toBe('too-small');
  expect(kept()).toBe(true);
  unmount();
  show({ ...DEFAULT_SETTINGS, learningRate: 1 }, { step: 1563, epochs: [guessingEpoch([15, 16, 0])] });
  render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').getAttribute('data-why')).toBe('wrecked');
  expect(kept()).toBe(false);
});

it('a divergence at momentum over 0.95 says momentum multiplies the steps, in the training notices’ words', () => {
  const fault: Fault = {
    kind: 'diverged',
    message: 'Training diverged.',
    learningRate: 2,
    runaway: { steps: [], values: [] },
  };
  show({ ...DEFAULT_SETTINGS, momentum: 0.99 }, { fault });
  const { unmount } = render(<SettingsBar />);
  expect(screen.getByTestId('fault-momentum').textContent).toBe(
    'Momentum μ = 0.99 lets each step grow up to 1 / (1 − μ) = 100 times: lower it too.',
  );
  unmount();
  show({ ...DEFAULT_SETTINGS, momentum: 0.95 }, { fault });
  render(<SettingsBar />);
  expect(screen.queryByTestId('fault-momentum')).toBeNull();
});

it('says why a network that learns reads poorly when most of a layer is stuck (a 4-layer ReLU net read 58.7% with no word)', () => {
  const deep = { ...DEFAULT_SETTINGS, hiddenLayers: [16, 16, 16, 16], learningRate: 0.5, momentum: 0 };
  const spec = { ...syntheticSnapshot().spec, sizes: [784, 16, 16, 16, 16, 10] };
  const epoch = (stuck: number[]) => ({ ...guessingEpoch(stuck), testAccuracy: 0.587 });
  show(deep, { spec, step: 1563, epochs: [epoch([11, 5, 5, 9, 0])] });
  const { unmount } = render(<SettingsBar />);
  const said = screen.getByTestId('stuck-layer').textContent!;
  expect(said).toMatch(
    /After an epoch the network reads 58\.7% of the test digits, but 11 of the 16 neurons in hidden layer 1 are dead \(ReLUs that are always off, where ReLU′\(z\) = 0\) for nearly every image\./,
  );
  expect(said).toMatch(
    /makes do with the other 5\. The first steps were too big for these settings, and a smaller α will not/,
  );
  expect(screen.getByTestId('stuck-layer-reset').textContent).toBe('Start again with α₀ = 0.05');
  expect(screen.queryByTestId('not-learning')).toBeNull();
  unmount();
  // fewer than half stuck in every layer: a network that learns, nothing to say
  show(deep, { spec, step: 1563, epochs: [epoch([7, 5, 5, 7, 0])] });
  render(<SettingsBar />);
  expect(screen.queryByTestId('stuck-layer')).toBeNull();
});

it('an overshooting ReLU network says its ReLUs were switched off, and how many', () => {
  // α 2 without momentum: ten times the defaults' step (α 1 read 21.4% with 15 and 14 of 16 dead)
  const big = { ...DEFAULT_SETTINGS, learningRate: 2, momentum: 0, schedule: 'constant' as const };
  const epoch = { ...guessingEpoch([15, 14, 0]), testAccuracy: 0.214, epoch: 1, learningRate: 2 };
  show(big, { step: 1563, epochs: [epoch] });
  render(<SettingsBar />);
  const box = screen.getByTestId('overshooting').textContent!;
  expect(box).toMatch(/overshoot the valley and switch ReLUs off for every image, where their slope is 0/);
  expect(screen.getByTestId('overshooting-stuck').textContent).toMatch(
    /^15 of the 16 neurons in hidden layer 1 are now dead/,
  );
  expect(screen.queryByTestId('stuck-layer')).toBeNull();
});

it('offers a smaller batch in one click when too few updates are the reason (it was said in words only)', async () => {
  const gd = {
    ...DEFAULT_SETTINGS,
    activation: 'sigmoid' as const,
    loss: 'mse' as const,
    batchSize: 50_000,
    learningRate: 2,
    momentum: 0,
  };
  const rebuild = vi.spyOn(trainer, 'setSettingsWithUndo').mockResolvedValue({ rebuilt: true, undo: true });
  show(gd, { step: 2, epochs: [guessingEpoch([0, 0, 0]), { ...guessingEpoch([0, 0, 0]), step: 2 }] });
  const { unmount } = render(<SettingsBar />);
  const button = screen.getByTestId('few-updates-batch');
  // the lecture's network: its measured batch 16 and α₀ 2 (no momentum)
  expect(button.textContent).toBe('Start over with batch 16 and α₀ = 2');
  await act(async () => fireEvent.click(button));
  expect(rebuild).toHaveBeenCalledWith({ batchSize: 16 }, expect.any(Function));
  unmount();
  // a network with no measured rate takes the defaults' batch 32 and step at its momentum (0.02 at 0.9)
  show(
    { ...gd, activation: 'tanh', loss: 'categorical-ce', momentum: 0.9, learningRate: 0.2 },
    { step: 2, epochs: [guessingEpoch([0, 0, 0]), { ...guessingEpoch([0, 0, 0]), step: 2 }] },
  );
  const second = render(<SettingsBar />);
  expect(screen.getByTestId('few-updates-batch').textContent).toBe('Start over with batch 32 and α₀ = 0.02');
  second.unmount();
  // a batch already as small: nothing to offer
  show(
    { ...gd, batchSize: 16, schedule: 'constant' },
    { step: 2, epochs: [1, 2, 3].map(() => ({ ...guessingEpoch([0, 0, 0]), step: 2 })) },
  );
  render(<SettingsBar />);
  expect(screen.getByTestId('few-updates')).toBeTruthy();
  expect(screen.queryByTestId('few-updates-batch')).toBeNull();
  rebuild.mockRestore();
});

it('at momentum 0.99, the overshoot compares with the usual rate at its own momentum, and says momentum multiplies the steps', () => {
  const high = { ...DEFAULT_SETTINGS, momentum: 0.99 };
  const epoch = { ...guessingEpoch([2, 1, 0]), testAccuracy: 0.6, epoch: 1, learningRate: 0.02 };
  show(high, { step: 1563, epochs: [epoch] });
  render(<SettingsBar />);
  const box = screen.getByTestId('overshooting').textContent!;
  expect(box).toMatch(
    /epoch 1 trained at α = 0\.02 with momentum 0\.99, steps about 10 times as far as this network’s usual α = 0\.02 with momentum 0\.9 at that epoch\./,
  );
  expect(box).toMatch(/Momentum μ = 0\.99 lets each step grow up to 1 \/ \(1 − μ\) = 100 times\./);
});
