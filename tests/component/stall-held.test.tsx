/**
 * The stall notice holds once shown. A dead layer still lets one example's gradient through now
 * and then, which restarted the count of silent updates: at batch 1 the notice, and its "Start
 * again" button, came and went every 0.3-4 s while training played (a click on it missed).
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/protocol/settings';
import { useLab } from '../../src/store/lab-store';
import { SettingsBar } from '../../src/views/controls/SettingsBar';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ snapshot: null, panelSnapshot: null, settings: DEFAULT_SETTINGS }));

function at(step: number, silentUpdates: number, epochs = syntheticSnapshot().epochs.slice(0, 0)) {
  const snapshot = { ...syntheticSnapshot(), settings: DEFAULT_SETTINGS, step, silentUpdates, epochs };
  act(() => useLab.setState({ settings: DEFAULT_SETTINGS, snapshot, panelSnapshot: snapshot }));
}

it('stays while the silent count restarts, and goes with a Reset', () => {
  at(100, 100);
  render(<SettingsBar />);
  expect(screen.queryByTestId('stalled')).toBeNull();
  at(1200, 300);
  const button = screen.getByTestId('stalled-reset');
  expect(screen.getByTestId('stalled-silent').textContent).toMatch(
    /by update [\d,]+, 200\+ updates in a row had sent no gradient to the first layer/,
  );
  expect(screen.getByTestId('stalled-silent').textContent).toContain('(dead: ReLU′(z) = 0)');
  // one example's gradient got through: the count is back at 0, the layer is still dead
  at(1210, 0);
  expect(screen.getByTestId('stalled-reset')).toBe(button);
  at(1400, 150);
  expect(screen.getByTestId('stalled-reset')).toBe(button);
  // a Reset: the run went back before the stall
  at(0, 0);
  expect(screen.queryByTestId('stalled')).toBeNull();
});

it('goes when an epoch measured after it reads better than a guess', () => {
  const epoch = syntheticSnapshot().epochs[0];
  at(1200, 300);
  render(<SettingsBar />);
  expect(screen.getByTestId('stalled')).toBeTruthy();
  at(1500, 0, [{ ...epoch, step: 1000, testAccuracy: 0.6 }]);
  // measured before the stall was seen: it says nothing about it
  expect(screen.getByTestId('stalled')).toBeTruthy();
  at(3300, 0, [{ ...epoch, step: 3250, testAccuracy: 0.6 }]);
  expect(screen.queryByTestId('stalled')).toBeNull();
});

it('gives way to "not learning" once an epoch since reads like a guess, and does not come back', () => {
  const epoch = syntheticSnapshot().epochs[0];
  at(1200, 300);
  render(<SettingsBar />);
  expect(screen.getByTestId('stalled')).toBeTruthy();
  at(3200, 0, [{ ...epoch, step: 3125, testAccuracy: 0.1 }]);
  expect(screen.queryByTestId('stalled')).toBeNull();
  const button = screen.getByTestId('not-learning-reset');
  at(3600, 300, [{ ...epoch, step: 3125, testAccuracy: 0.1 }]);
  expect(screen.queryByTestId('stalled')).toBeNull();
  expect(screen.getByTestId('not-learning-reset')).toBe(button);
});

it('"not learning" counts the epochs and names the failure of the network’s own activation', () => {
  const epoch = syntheticSnapshot().epochs[0];
  const epochs = Array.from({ length: 12 }, (_, k) => ({ ...epoch, step: 3125 * (k + 1), testAccuracy: 0.098 }));
  const tanh = { ...DEFAULT_SETTINGS, activation: 'tanh' as const, loss: 'binary-ce' as const };
  const snapshot = { ...syntheticSnapshot(), settings: tanh, step: 37_600, silentUpdates: 0, epochs };
  act(() => useLab.setState({ settings: tanh, snapshot, panelSnapshot: snapshot }));
  render(<SettingsBar />);
  const said = screen.getByTestId('not-learning').textContent!;
  // it said "after an epoch" at epoch 12, and blamed ReLUs in a tanh network (a review)
  expect(said).toMatch(/after 12 epochs it reads 9\.8% of the test digits/);
  expect(said).toMatch(/saturated \(at the flat ends of tanh, where tanh′\(z\) ≈ 0\), so backprop/);
  expect(said).not.toMatch(/ReLU/);
});
