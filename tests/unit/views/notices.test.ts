/** Notices: information goes away by itself, warnings and errors wait for the student. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_NOTICE_MS, notify, useLab } from '../../../src/store/lab-store';

describe('notify', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useLab.setState({ notices: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('dismisses information after INFO_NOTICE_MS and keeps warnings and errors', () => {
    notify('info', 'Reset: back to the starting weights');
    notify('warning', 'Training stalled');
    notify('error', 'Could not open x.json');
    expect(useLab.getState().notices.map((n) => n.tone)).toEqual(['info', 'warning', 'error']);
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(useLab.getState().notices).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(useLab.getState().notices.map((n) => n.tone)).toEqual(['warning', 'error']);
  });

  it('keeps at most four, the newest', () => {
    for (let i = 0; i < 6; i++) notify('error', `error ${i}`);
    expect(useLab.getState().notices.map((n) => n.text)).toEqual(['error 2', 'error 3', 'error 4', 'error 5']);
  });

  it('keeps a notice with a button (Undo) while others come and go', () => {
    notify('info', 'Reset: back to the starting weights', { label: 'Undo', testId: 'undo-reset', run: () => {} });
    for (let i = 0; i < 6; i++) notify('error', `error ${i}`);
    expect(useLab.getState().notices.map((n) => n.text)).toEqual([
      'Reset: back to the starting weights',
      'error 3',
      'error 4',
      'error 5',
    ]);
  });

  it('shows the same message once, as the newest', () => {
    notify('error', 'Could not open x.json');
    notify('warning', 'Training stalled');
    notify('error', 'Could not open x.json');
    expect(useLab.getState().notices.map((n) => n.text)).toEqual(['Training stalled', 'Could not open x.json']);
  });
});
