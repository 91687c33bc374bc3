import { useEffect, useRef } from 'react';
import { useLab } from '../../store/lab-store';
import { SHORTCUTS } from './shortcuts';

/** The list of keyboard shortcuts, opened with "?" or the header's button. */
export function HelpOverlay() {
  const open = useLab((s) => s.helpOpen);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="help-backdrop" onClick={() => useLab.setState({ helpOpen: false })}>
      <div
        className="help-overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">
          Tab moves between controls and Enter presses the focused one (Space too, when a button has the focus;
          elsewhere Space plays and pauses). In the network diagram (Tab to it), the arrow keys move between neurons and
          Enter inspects one.
        </p>
        <button ref={close} type="button" onClick={() => useLab.setState({ helpOpen: false })}>
          Close
        </button>
      </div>
    </div>
  );
}
