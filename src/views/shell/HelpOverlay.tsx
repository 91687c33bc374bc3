import { useEffect, useRef, type KeyboardEvent } from 'react';
import { setShortcutsOn, useLab } from '../../store/lab-store';
import { SHORTCUTS } from './shortcuts';

const close = () => useLab.setState({ helpOpen: false });

/**
 * Help: what the mouse (or a finger) does, the list of keyboard shortcuts, opened with "?" or
 * the header's button, and the switch that turns them off. A modal dialog: Tab stays inside it, and on closing the focus goes back to
 * where it was.
 */
export function HelpOverlay() {
  const open = useLab((s) => s.helpOpen);
  const on = useLab((s) => s.shortcutsOn);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // the dialog itself, at its top: on Close, its last control, a screen reader began at the end
    // (a keyboard review); Tab goes on to its first control
    dialog.current?.focus({ preventScroll: true });
    // opened with "?" from the page, the focus goes back to the page (on the ? button, the
    // next Space would open this again instead of playing)
    return () => {
      if (before && before !== document.body && before.isConnected) before.focus();
    };
  }, [open]);
  if (!open) return null;
  /** Tab and Shift+Tab go round the dialog's own controls; Esc closes it from any of them. */
  const trap = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>('button, input'));
    const at = focusable.indexOf(document.activeElement as HTMLElement);
    e.preventDefault();
    // from the dialog itself (as opened): Tab to the first control, Shift+Tab to the last
    const next = at < 0 ? (e.shiftKey ? focusable.length - 1 : 0) : at + (e.shiftKey ? -1 : 1);
    focusable[(next + focusable.length) % focusable.length]?.focus();
  };
  return (
    <div className="help-backdrop" onClick={close}>
      <div
        ref={dialog}
        className="help-overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        // a click on its text keeps the focus in the dialog (else it went to the page behind)
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={trap}
      >
        <h2 id="help-title">Help</h2>
        <h3>With a mouse or a finger</h3>
        <ul className="help-pointer" data-testid="help-pointer">
          <li>Click (tap) a neuron: its nudges, chain rule and activation in the inspector.</li>
          <li>Click an edge: the chain rule for that weight, with live numbers.</li>
          <li>Click a bar of summed wishes (Nudges): that neuron of the layer before, to follow the wishes back.</li>
          <li>
            Click an input pixel: its outgoing weights light up (the Chain rule tab explains the one whose gradient is
            largest on this example).
          </li>
          <li>
            Click a confusion-matrix cell: the test digits behind it; pick one to see how the network reads it (test
            digits are never trained on).
          </li>
          <li>Drag the 3D cost surface to turn it; draw a digit on the pad to watch it read.</li>
        </ul>
        <h3>Keyboard shortcuts</h3>
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
          Enter inspects one; in a row of tabs, ← and → choose the tab, and in the strip of training images, the image.
          In the confusion matrix the arrow keys move between cells, Enter shows a cell’s digits and Esc closes them;
          the 3D cost surface turns with the arrow keys. To pick a weight (an edge) without a mouse, inspect the neuron
          it goes into, then choose where it comes from in the Chain rule tab’s “from” menu (a pixel’s number, for the
          first layer). On the draw pad, “or use a test digit” puts a digit there to read.
        </p>
        <h3>In a classroom</h3>
        <p className="hint" data-testid="help-classroom">
          For the back of the room, zoom the page (Ctrl and +; ⌘ and + on a Mac): the panels follow, stacking under each
          other when the page gets narrow. With the single-key shortcuts on, the lesson moves on with N and P, or a
          presenter’s clicker.
        </p>
        <label className="field inline">
          <input
            type="checkbox"
            data-testid="shortcuts-on"
            checked={on}
            onChange={(e) => setShortcutsOn(e.target.checked)}
          />
          <span>single-key shortcuts on (turn them off if a screen reader or voice control sends these keys)</span>
        </label>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
