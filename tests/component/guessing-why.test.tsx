/**
 * Why a network fails, from its stuck neurons: a guessing network whose neurons still respond has
 * steps too small (it was told "too big" and offered a tenth, again and again: a review), and a
 * divergence whose restored weights are wrecked already offers the fresh start first.
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/protocol/settings';
import type { Fault, Snapshot } from '../../src/protocol/snapshot';
import { useLab } from '../../src/store/lab-store';
import { SettingsBar } from '../../src/views/controls/SettingsBar';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ snapshot: null, panelSnapshot: null, settings: DEFAULT_SETTINGS }));

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
  show(sigmoid, { step: 1563, epochs: [guessingEpoch([0, 1])] });
  render(<SettingsBar />);
  const said = screen.getByTestId('not-learning').textContent!;
  expect(said).toMatch(/Yet its neurons still respond: no hidden layer is mostly saturated \(at the flat ends of σ\)/);
  expect(said).toMatch(/The steps are too small, not too big: at α₀ = 0\.02 with momentum 0\.9/);
  expect(screen.getByTestId('not-learning-larger').textContent).toBe('Start again with α₀ = 0.2');
  expect(screen.queryByTestId('not-learning-reset')).toBeNull();
});

it('blames steps too big, with the count, when most of a layer is stuck; without a count, as before', () => {
  show(DEFAULT_SETTINGS, { step: 1563, epochs: [guessingEpoch([14, 16])] });
  const { unmount } = render(<SettingsBar />);
  expect(screen.getByTestId('not-learning').textContent).toMatch(
    /now dead \(ReLUs that are always off, where f′\(z\) = 0\): 14 of the 16 in hidden layer 1, so backprop/,
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
  show(fifty, { fault: fault([16, 3]) });
  const { unmount } = render(<SettingsBar />);
  const order = () => Array.from(screen.getByTestId('fault').querySelectorAll('button')).map((b) => b.dataset.testid);
  expect(order()).toEqual(['fault-reset', 'lower-lr']);
  expect(screen.getByTestId('lower-lr').textContent).toBe('Or lower α₀ to 0.02 and go on anyway');
  unmount();
  show(fifty, { fault: fault([2, 3]) });
  render(<SettingsBar />);
  expect(order()).toEqual(['lower-lr', 'fault-reset']);
  expect(screen.getByTestId('lower-lr').textContent).toBe('Lower α₀ to 0.02 and go on');
});
