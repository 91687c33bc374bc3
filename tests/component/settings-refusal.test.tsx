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
