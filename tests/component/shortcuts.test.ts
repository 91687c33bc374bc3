/** The keyboard shortcuts: what they leave alone (a dialog's background, a widget's own keys). */
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { handleShortcut } from '../../src/views/shell/shortcuts';
import { useLab } from '../../src/store/lab-store';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  useLab.setState({ helpOpen: false });
});

function press(key: string, target: Element = document.body): void {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  Object.defineProperty(e, 'target', { value: target });
  handleShortcut(e);
}

it('E steps an epoch, but not behind the open help dialog', () => {
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: false }, busy: false, shortcutsOn: true });
  const stepEpoch = vi.spyOn(trainer, 'stepEpoch').mockResolvedValue(undefined);
  const togglePlay = vi.spyOn(trainer, 'togglePlay').mockResolvedValue(undefined);
  useLab.setState({ helpOpen: true });
  press('e');
  press(' ');
  expect(stepEpoch).not.toHaveBeenCalled();
  expect(togglePlay).not.toHaveBeenCalled();
  press('Escape');
  expect(useLab.getState().helpOpen).toBe(false);
  press('e');
  expect(stepEpoch).toHaveBeenCalledTimes(1);
});

it('Space on a disclosure (<summary>) opens it instead of playing', () => {
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: false }, busy: false, shortcutsOn: true });
  const togglePlay = vi.spyOn(trainer, 'togglePlay').mockResolvedValue(undefined);
  document.body.innerHTML = '<details><summary>Teach it</summary><p>…</p></details>';
  press(' ', document.querySelector('summary')!);
  expect(togglePlay).not.toHaveBeenCalled();
  press(' ');
  expect(togglePlay).toHaveBeenCalledTimes(1);
});

it('in the lesson a clicker’s Page Down / Page Up turn its steps; elsewhere they are left to scroll', async () => {
  const openStep = await import('../../src/views/lesson/open-step');
  const open = vi.spyOn(openStep, 'openLessonStep').mockResolvedValue(undefined);
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: false }, busy: false, shortcutsOn: true, lesson: 4 });
  try {
    const down = new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true });
    Object.defineProperty(down, 'target', { value: document.body });
    handleShortcut(down);
    expect(down.defaultPrevented).toBe(true);
    expect(open).toHaveBeenLastCalledWith(5);
    press('PageUp');
    expect(open).toHaveBeenLastCalledWith(3);
    // inside the table's own scroller, the key scrolls it
    document.body.innerHTML = '<div role="region" tabindex="0"><table></table></div>';
    press('PageDown', document.querySelector('[role=region]')!);
    expect(open).toHaveBeenCalledTimes(2);
    // out of the lesson, the page scrolls
    useLab.setState({ lesson: null });
    const free = new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true });
    Object.defineProperty(free, 'target', { value: document.body });
    handleShortcut(free);
    expect(free.defaultPrevented).toBe(false);
    expect(open).toHaveBeenCalledTimes(2);
  } finally {
    useLab.setState({ lesson: null });
  }
});

it('U takes the Undo a notice offers (the notice is far from Reset by Tab), and nothing without one', async () => {
  const { notify, UNDO_RESET } = await import('../../src/store/lab-store');
  useLab.setState({
    snapshot: { ...syntheticSnapshot(), playing: false },
    busy: false,
    shortcutsOn: true,
    notices: [],
  });
  const run = vi.fn();
  notify('info', 'Something else.');
  press('u');
  expect(useLab.getState().notices).toHaveLength(1);
  notify('info', 'Reset: 3,500 updates undone.', { label: 'Undo', testId: UNDO_RESET, run });
  press('u');
  expect(run).toHaveBeenCalledTimes(1);
  expect(useLab.getState().notices.map((n) => n.text)).toEqual(['Something else.']);
  press('U');
  expect(run).toHaveBeenCalledTimes(1);
});
