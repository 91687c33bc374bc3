import { useRef } from 'react';
import { dismissNotice, UNDO_RESET, useLab } from '../../store/lab-store';
import { focusPlay } from '../controls/focus';
import { useHeightVar } from './use-height-var';

export function Notices() {
  const notices = useLab((s) => s.notices);
  const shortcutsOn = useLab((s) => s.shortcutsOn);
  const box = useRef<HTMLDivElement>(null);
  // the top row (controls, network, inspector) shrinks by the notices, as by the lesson card: a
  // notice pushed its bottom (the digit strip, the cost sparkline) below a 1280x720 screen
  useHeightVar(box, '--notices-height');
  // the live region stays on the page, empty, so a notice put into it is announced
  return (
    <div ref={box} className={notices.length ? 'notices' : 'notices empty'} data-testid="notices" role="status">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : undefined}>
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="notice-action"
              data-testid={n.action.testId}
              // an Undo is also the U key (shortcuts.ts): said, and shown on hover
              aria-keyshortcuts={n.action.testId === UNDO_RESET && shortcutsOn ? 'U' : undefined}
              title={n.action.testId === UNDO_RESET && shortcutsOn ? `${n.action.label} (U)` : undefined}
              onClick={() => {
                focusPlay();
                dismissNotice(n.id);
                n.action!.run();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => {
              focusPlay();
              dismissNotice(n.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
