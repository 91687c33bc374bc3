/**
 * The overshooting box once the schedule has lowered α: it named the last epoch's α (5×10⁻⁷) as a
 * step "that big" that "overshoots the valley", where the damage was the early epochs' at α₀ = 20.
 */
import { render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LECTURE_PATCH } from '../../src/protocol/settings';
import { useLab } from '../../src/store/lab-store';
import { SettingsBar } from '../../src/views/controls/SettingsBar';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ snapshot: null, panelSnapshot: null, settings: DEFAULT_SETTINGS }));

/** The lecture's network at α₀ = 20 after `epochs` epochs of ×0.7, reading 37%. */
function lectureAt20(epochs: number, nowAlpha0 = 20) {
  const base = syntheticSnapshot();
  const settings = { ...DEFAULT_SETTINGS, ...LECTURE_PATCH, learningRate: nowAlpha0 };
  const rate = (e: number) => 20 * 0.7 ** (e - 1);
  const records = Array.from({ length: epochs }, (_, i) => ({
    ...base.epochs[0],
    epoch: i + 1,
    testAccuracy: 0.37,
    validationAccuracy: 0.37,
    learningRate: rate(i + 1),
    rates: [{ share: 0, rate: rate(i + 1) }],
  }));
  const snapshot = { ...base, settings, epochs: records, epoch: epochs, step: epochs * 3125, silentUpdates: 0 };
  useLab.setState({ settings, snapshot, panelSnapshot: snapshot });
}

it('names α₀ and the early epochs once the schedule has lowered α tenfold', () => {
  lectureAt20(40);
  render(<SettingsBar />);
  const text = screen.getByTestId('overshooting').textContent!;
  expect(text).toMatch(/It started at α₀ = 20, steps about 10 times as far as this network’s usual α₀ = 2\./);
  expect(text).toMatch(/The schedule has lowered α to .* since: steps too small to undo that\./);
  expect(text).not.toMatch(/epoch 40 trained at/);
});

it('names the epoch’s own α while it is still the big step', () => {
  lectureAt20(1);
  render(<SettingsBar />);
  expect(screen.getByTestId('overshooting').textContent).toMatch(
    /epoch 1 trained at α = 20, steps about 10 times as far as this network’s usual α = 2 at that epoch/,
  );
});

it('names the α₀ the run started at, not one typed in since', () => {
  lectureAt20(40, 10);
  render(<SettingsBar />);
  expect(screen.getByTestId('overshooting').textContent).toMatch(/It started at α₀ = 20, steps about 10 times/);
});

it('is said once as it appears, not again at each epoch (step 9 flooded a screen reader)', async () => {
  const { act } = await import('@testing-library/react');
  lectureAt20(1);
  render(<SettingsBar />);
  const box = screen.getByTestId('overshooting');
  expect(box.getAttribute('role')).toBeNull();
  const said = screen.getByTestId('training-notice-status');
  expect(said.textContent).toBe(box.textContent);
  expect(said.textContent).toMatch(/^After 1 epoch the network reads only 37\.0%/);
  // an epoch later the box's words change; what was said stays (a live region re-reads each change)
  act(() => lectureAt20(2));
  expect(screen.getByTestId('overshooting').textContent).toMatch(/^After 2 epochs/);
  expect(said.textContent).toMatch(/^After 1 epoch the network/);
  expect(screen.getByTestId('training-notice-alert').textContent).toBe('');
});
