import { dismissNotice, useLab } from '../../store/lab-store';
import { focusPlay } from '../controls/focus';

export function Notices() {
  const notices = useLab((s) => s.notices);
  // the live region stays on the page, empty, so a notice put into it is announced
  return (
    <div className={notices.length ? 'notices' : 'notices empty'} data-testid="notices" role="status">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : undefined}>
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="notice-action"
              data-testid={n.action.testId}
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
