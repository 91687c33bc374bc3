/**
 * Whole sets of settings a teacher switches between in free play: the lecture's network
 * (sigmoid, squared error, plain SGD), the app's defaults, and the two ends of GD vs SGD
 * (one example per update, the whole training set per update). A preset that rebuilds a trained
 * network offers Undo (with the replaced network's settings), as New session does.
 */
import { trainer } from '../../bridge/trainer-bridge';
import { PRESETS, changedSettings, describeSettings, type Settings } from '../../protocol/settings';
import { useEffect, useRef, useState } from 'react';
import { notify, useLab } from '../../store/lab-store';
import { unavailableWhile } from '../unavailable';
import { NOT_BUILT } from './StepButton';

/** The notice of settings that rebuilt a trained network, which was kept for Undo. */
export function setAsideNotice(patch: Partial<Settings>, update: string): string {
  return `Set ${describeSettings(patch)}: a new network. Yours (update ${update}) was set aside: Undo brings it back until you train this one or leave the page.`;
}

export async function applyPreset(settings: Partial<Settings>): Promise<void> {
  const state = useLab.getState();
  const patch = changedSettings(settings, state.settings);
  if (Object.keys(patch).length === 0) {
    notify('info', 'Those are the settings in use already.');
    return;
  }
  if (state.snapshot?.playing) await trainer.pause();
  const { rebuilt, undo } = await trainer.setSettingsWithUndo(patch, (update) => setAsideNotice(patch, update));
  // no Undo on offer (nothing trained replaced): still say what changed (it was silent)
  if (!undo)
    notify(
      'info',
      `Set ${describeSettings(patch)}${rebuilt ? ': a new network' : '; the network and its training are kept'}.`,
    );
}

/**
 * A disclosure: the button opens a short list of buttons, one per preset. (A <select> applied
 * a preset on the first arrow key, before the keyboard user had read the choices.)
 */
export function Presets() {
  const ready = useLab((s) => s.snapshot !== null);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    // a click or tap anywhere else closes it
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div
      className="presets"
      ref={root}
      onKeyDown={(e) => {
        if (!open) return;
        // Esc closes the list and only that (the app's Esc would also clear the selection);
        // a letter is not a shortcut while the list is open (E started an epoch behind it)
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        } else if (e.key.length === 1 && e.key !== ' ') e.preventDefault();
      }}
      onBlur={(e) => {
        // the focus went elsewhere on the page (Tab past the last preset); none (null) is a click,
        // left to the pointerdown check: Safari does not focus a clicked button, and closing here
        // would drop the list before its click arrived
        const to = e.relatedTarget as Node | null;
        if (open && to && !root.current?.contains(to)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={toggle}
        data-testid="preset"
        aria-expanded={open}
        aria-controls="presets-list"
        title={ready ? 'Set all the training settings at once' : NOT_BUILT}
        {...unavailableWhile(!ready, () => setOpen((o) => !o))}
      >
        Presets ▾
      </button>
      {open && (
        <ul id="presets-list" className="presets-list" aria-label="Presets: set all the training settings at once">
          {PRESETS.map((p, i) => (
            <li key={p.name}>
              <button
                type="button"
                data-testid={`preset-${i}`}
                onClick={() => {
                  close();
                  void applyPreset(p.settings);
                }}
              >
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
