import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/protocol/settings';
import { useLab } from '../../src/store/lab-store';
import { SettingsBar } from '../../src/views/controls/SettingsBar';

afterEach(() => {
  useLab.setState({ settings: DEFAULT_SETTINGS, snapshot: null, panelSnapshot: null });
});

it('a refused value’s message stays when the field is left unedited, and goes when the settings change elsewhere', () => {
  useLab.setState({ settings: DEFAULT_SETTINGS, snapshot: null, panelSnapshot: null });
  render(<SettingsBar />);
  const field = screen.getByTestId('learning-rate');
  fireEvent.change(field, { target: { value: 'abc' } });
  fireEvent.keyDown(field, { key: 'Enter' });
  expect(screen.getByTestId('settings-error').textContent).toMatch(/“abc” is not allowed.*Kept 0\.02\./);
  // left without an edit (a click on Play): it stayed up, and went, moving the page under the pointer
  fireEvent.blur(field);
  expect(screen.getByTestId('settings-error')).toBeTruthy();
  // the lesson (or a preset) sets α₀: "Kept 0.02" is no longer true
  act(() => useLab.setState({ settings: { ...DEFAULT_SETTINGS, learningRate: 20 } }));
  expect(screen.queryByTestId('settings-error')).toBeNull();
});

it('asks before a rebuild, and says why a new batch size starts over (only the batch size: the others change the network)', async () => {
  const { syntheticSnapshot } = await import('../helpers/synthetic-snapshot');
  const trained = syntheticSnapshot();
  useLab.setState({ settings: DEFAULT_SETTINGS, snapshot: trained, panelSnapshot: trained });
  render(<SettingsBar />);
  const batch = screen.getByTestId('batch-size');
  fireEvent.change(batch, { target: { value: '100' } });
  fireEvent.keyDown(batch, { key: 'Enter' });
  expect(screen.getByTestId('confirm-reset').textContent).toMatch(
    /^Changing batch size to 100 builds a new network and starts over from update 0 \(now at 3,500\), so the two batch sizes are compared from the same start: the cost chart keeps this run as a grey line\./,
  );
  // with a second change that rebuilds the network anyway, no such reason
  const hidden = screen.getByTestId('hidden-layers');
  fireEvent.change(hidden, { target: { value: '32' } });
  fireEvent.keyDown(hidden, { key: 'Enter' });
  expect(screen.getByTestId('confirm-reset').textContent).toMatch(/\(now at 3,500\)\.Start over/);
});

it('choosing the step schedule with a period of 1 epoch (the exponential schedule) asks for every 3 epochs', async () => {
  const { vi } = await import('vitest');
  const { trainer } = await import('../../src/bridge/trainer-bridge');
  const set = vi.spyOn(trainer, 'setSettings').mockResolvedValue(undefined);
  try {
    useLab.setState({ settings: { ...DEFAULT_SETTINGS, schedule: 'exponential', decayEvery: 1 }, snapshot: null });
    const { unmount } = render(<SettingsBar />);
    fireEvent.change(screen.getByTestId('schedule'), { target: { value: 'step' } });
    expect(set).toHaveBeenLastCalledWith({ schedule: 'step', decayEvery: 3 });
    unmount();
    // a period already chosen is kept
    useLab.setState({ settings: { ...DEFAULT_SETTINGS, schedule: 'exponential', decayEvery: 2 } });
    render(<SettingsBar />);
    fireEvent.change(screen.getByTestId('schedule'), { target: { value: 'step' } });
    expect(set).toHaveBeenLastCalledWith({ schedule: 'step' });
  } finally {
    set.mockRestore();
  }
});
