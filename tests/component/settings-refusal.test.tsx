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
  const set = vi.spyOn(trainer, 'setSettings').mockResolvedValue(true);
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

it('the menus’ arrow keys browse: the choice waits for Enter or for the focus to leave, and Esc takes it back', async () => {
  const { vi } = await import('vitest');
  const { trainer } = await import('../../src/bridge/trainer-bridge');
  const set = vi.spyOn(trainer, 'setSettings').mockResolvedValue(true);
  try {
    // untrained: a change applies without a question
    useLab.setState({ settings: DEFAULT_SETTINGS, snapshot: null, panelSnapshot: null });
    render(<SettingsBar />);
    const menu = screen.getByTestId('activation') as HTMLSelectElement;
    // Chromium applies a closed menu's ArrowDown at once: the change arrives inside the key press
    const arrow = (value: string) => {
      fireEvent.keyDown(menu, { key: 'ArrowDown' });
      fireEvent.change(menu, { target: { value } });
      fireEvent.keyUp(menu, { key: 'ArrowDown' });
    };
    arrow('sigmoid');
    arrow('tanh');
    expect(menu.value).toBe('tanh');
    expect(set).not.toHaveBeenCalled();
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(menu.value).toBe(DEFAULT_SETTINGS.activation);
    arrow('tanh');
    fireEvent.keyDown(menu, { key: 'Enter' });
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenLastCalledWith({ activation: 'tanh' });
    // left with a choice waiting: applied
    const cost = screen.getByTestId('loss');
    fireEvent.keyDown(cost, { key: 'ArrowUp' });
    fireEvent.change(cost, { target: { value: 'mse' } });
    fireEvent.keyUp(cost, { key: 'ArrowUp' });
    expect(set).toHaveBeenCalledTimes(1);
    fireEvent.blur(cost);
    expect(set).toHaveBeenLastCalledWith({ loss: 'mse' });
    // a pointer's choice applies at once
    fireEvent.change(screen.getByTestId('schedule'), { target: { value: 'constant' } });
    expect(set).toHaveBeenLastCalledWith({ schedule: 'constant' });
    expect(set).toHaveBeenCalledTimes(3);
  } finally {
    set.mockRestore();
  }
});

it('Start over says the new network and offers the trained one back (it went without a word)', async () => {
  const { vi } = await import('vitest');
  const { trainer } = await import('../../src/bridge/trainer-bridge');
  const { syntheticSnapshot } = await import('../helpers/synthetic-snapshot');
  const withUndo = vi.spyOn(trainer, 'setSettingsWithUndo').mockResolvedValue({ rebuilt: true, undo: true });
  try {
    const trained = syntheticSnapshot();
    useLab.setState({ settings: DEFAULT_SETTINGS, snapshot: trained, panelSnapshot: trained });
    render(<SettingsBar />);
    fireEvent.change(screen.getByTestId('activation'), { target: { value: 'tanh' } });
    fireEvent.click(screen.getByTestId('confirm-reset-yes'));
    expect(withUndo).toHaveBeenCalledTimes(1);
    const [patch, says] = withUndo.mock.calls[0];
    expect(patch).toEqual({ activation: 'tanh' });
    expect(says('3,500')).toBe(
      'Set activation to tanh: a new network. Yours (update 3,500) was set aside: Undo brings it back until you train this one or leave the page.',
    );
    expect(screen.queryByTestId('confirm-reset')).toBeNull();
  } finally {
    withUndo.mockRestore();
  }
});

it('a menu’s key choice applied by Tab gives the focus back to the menu after the question; Alt + ↓ and a lost window do not hold or apply it', async () => {
  const { vi } = await import('vitest');
  const { trainer } = await import('../../src/bridge/trainer-bridge');
  const { syntheticSnapshot } = await import('../helpers/synthetic-snapshot');
  const set = vi.spyOn(trainer, 'setSettings').mockResolvedValue(true);
  try {
    const trained = syntheticSnapshot();
    useLab.setState({ settings: DEFAULT_SETTINGS, snapshot: trained, panelSnapshot: trained });
    render(<SettingsBar />);
    const menu = screen.getByTestId('activation') as HTMLSelectElement;
    menu.focus();
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    fireEvent.change(menu, { target: { value: 'tanh' } });
    // the window loses the focus (another tab): the menu keeps it, and the choice still waits
    fireEvent.blur(menu);
    expect(screen.queryByTestId('confirm-reset')).toBeNull();
    // Tab: the focus goes on, and the choice is asked about
    (screen.getByTestId('loss') as HTMLSelectElement).focus();
    fireEvent.blur(menu);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByTestId('confirm-reset').textContent).toMatch(/^Changing activation to tanh/);
    fireEvent.click(screen.getByTestId('confirm-reset-no'));
    // back where the choice was made (it went to the page's top)
    expect(document.activeElement).toBe(menu);
    // a key's flag ends with the press: a later pointer choice applies (here: asks) at once
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    fireEvent.change(menu, { target: { value: 'sigmoid' } });
    expect(screen.getByTestId('confirm-reset').textContent).toMatch(/^Changing activation to sigmoid/);
    fireEvent.click(screen.getByTestId('confirm-reset-no'));
    // Alt + ↓ opens the list: its choice (Enter there) is not held
    fireEvent.keyDown(menu, { key: 'ArrowDown', altKey: true });
    fireEvent.change(menu, { target: { value: 'tanh' } });
    expect(screen.getByTestId('confirm-reset')).toBeTruthy();
    expect(set).not.toHaveBeenCalled();
  } finally {
    set.mockRestore();
  }
});

it('a field is wide enough for the value it holds ("64-64-64-64" read "64-64-64-6", 0.00001 read "0.0000")', () => {
  useLab.setState({
    settings: { ...DEFAULT_SETTINGS, hiddenLayers: [64, 64, 64, 64], learningRate: 0.00001 },
    snapshot: null,
    panelSnapshot: null,
  });
  render(<SettingsBar />);
  const hidden = screen.getByTestId('hidden-layers') as HTMLInputElement;
  const rate = screen.getByTestId('learning-rate') as HTMLInputElement;
  expect(hidden.value).toBe('64-64-64-64');
  expect(hidden.size).toBeGreaterThanOrEqual(11);
  expect(rate.value).toBe('0.00001');
  expect(rate.size).toBeGreaterThanOrEqual(7);
  expect(rate.style.width).toBe(`${rate.size + 2}ch`);
  // the usual values keep the usual widths
  act(() => useLab.setState({ settings: DEFAULT_SETTINGS }));
  expect(hidden.size).toBe(8);
  expect(rate.size).toBe(5);
});
