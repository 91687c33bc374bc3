/** The keyboard shortcuts, listed once: the handler and the help overlay both read this table. */
import { trainer } from '../../bridge/trainer-bridge';
import { dismissNotice, UNDO_RESET, useLab } from '../../store/lab-store';
import { LESSON } from '../lesson/steps';
import { openLessonStep } from '../lesson/open-step';
import { recoverLessonFocus } from '../lesson/lesson-focus';

export interface Shortcut {
  keys: string;
  does: string;
  matches: (e: KeyboardEvent) => boolean;
  run: (e: KeyboardEvent) => void;
}

const canStep = () => {
  const s = useLab.getState();
  return s.snapshot !== null && !s.snapshot.playing && !s.busy;
};

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: 'Space',
    does: 'play / pause training',
    matches: (e) => e.key === ' ' && !e.shiftKey,
    run: () => {
      if (useLab.getState().snapshot) void trainer.togglePlay();
    },
  },
  {
    keys: '→',
    does: 'step one example (forward and backprop, no update)',
    matches: (e) => e.key === 'ArrowRight' && !e.shiftKey,
    run: () => {
      const s = useLab.getState().snapshot;
      if (canStep() && s && s.batchStepped < s.batchSize) void trainer.stepExample();
    },
  },
  {
    keys: 'Shift + →',
    does: 'step a batch (finish it and apply one update)',
    matches: (e) => e.key === 'ArrowRight' && e.shiftKey,
    run: () => {
      if (canStep()) void trainer.stepUpdate();
    },
  },
  {
    keys: 'E',
    does: 'step to the end of the epoch',
    matches: (e) => e.key === 'e' || e.key === 'E',
    run: () => {
      if (canStep()) void trainer.stepEpoch();
    },
  },
  {
    keys: 'N / P',
    does: 'next / previous lesson step (in the lesson, a presenter’s clicker too: Page Down / Page Up)',
    // a clicker sends Page Down / Page Up: in the lesson they turn its steps, elsewhere they scroll
    matches: (e) =>
      ['n', 'N', 'p', 'P'].includes(e.key) ||
      ((e.key === 'PageDown' || e.key === 'PageUp') && useLab.getState().lesson !== null),
    run: (e) => {
      const lesson = useLab.getState().lesson;
      if (lesson === null) return;
      const next = e.key === 'PageDown' || e.key.toLowerCase() === 'n' ? lesson + 1 : lesson - 1;
      // (the step's tabs change as it opens: a focused button in the old one goes with it)
      if (next >= 0 && next < LESSON.length) void openLessonStep(next).then(recoverLessonFocus);
    },
  },
  {
    keys: 'U',
    does: 'undo a Reset (or a network replaced), while its notice offers Undo',
    // the notice is at the page's top, far from Reset by Tab (a keyboard review)
    matches: (e) => e.key === 'u' || e.key === 'U',
    run: () => {
      const offer = useLab.getState().notices.find((n) => n.action?.testId === UNDO_RESET);
      if (!offer?.action) return;
      dismissNotice(offer.id);
      offer.action.run();
    },
  },
  {
    keys: 'Esc',
    does: 'clear the selection, close this help',
    matches: (e) => e.key === 'Escape',
    run: () => useLab.setState({ selectedNeuron: null, selectedWeight: null, helpOpen: false }),
  },
  {
    keys: '?',
    does: 'show or hide this help',
    matches: (e) => e.key === '?',
    run: () => useLab.setState((s) => ({ helpOpen: !s.helpOpen })),
  },
];

/** True when the key belongs to a field, a button or a widget that handles it itself. */
function ownedByTarget(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !t.closest) return false;
  if (t.closest('input, select, textarea, [contenteditable="true"]')) return true;
  // Space on a focused button presses that button; arrows inside a widget or slider move it
  if (e.key === ' ' && t.closest('button, a, summary, [role="button"], [role="tab"]')) return true;
  // Page Down / Up in a panel that scrolls by itself (the table) scroll it
  if (e.key.startsWith('Page') && t !== document.body && t.closest('[role="region"]')) return true;
  if (
    e.key.startsWith('Arrow') &&
    t.closest('[role="application"], [role="slider"], [role="tablist"], [tabindex]:not([tabindex="-1"]), svg')
  )
    return t !== document.body;
  return false;
}

export function handleShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownedByTarget(e)) return;
  // turned off in the help overlay (for screen readers and voice control): only Esc is left
  if (!useLab.getState().shortcutsOn && e.key !== 'Escape') return;
  // the help is a modal dialog: nothing behind it trains or moves while it is open
  if (useLab.getState().helpOpen && e.key !== 'Escape' && e.key !== '?') return;
  const shortcut = SHORTCUTS.find((s) => s.matches(e));
  if (!shortcut) return;
  e.preventDefault();
  shortcut.run(e);
}
