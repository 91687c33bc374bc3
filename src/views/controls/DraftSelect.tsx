/**
 * A <select> whose keys browse before they choose. Chromium applies a closed menu's arrow keys at
 * once, and a change of activation, cost or schedule rebuilds the network (or asks first): a
 * keyboard user could not read the choices without setting each in turn (a keyboard review; the
 * presets became buttons for the same reason). A change made by a key is held, shown in the menu,
 * until Enter or until the focus leaves; Esc takes it back. A choice made with the pointer, or
 * with Enter in the opened list, applies at once.
 */
import { useEffect, useRef, useState, type ReactNode, type SelectHTMLAttributes } from 'react';

/** Keys with which a closed menu moves its choice (a letter jumps to an option). */
const BROWSING = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

interface DraftSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: string;
  /** `from`: the menu (when the commit comes as the focus leaves, the page has it already). */
  onCommit: (value: string, from: HTMLSelectElement) => void;
  children: ReactNode;
}

export function DraftSelect({ value, onCommit, children, ...rest }: DraftSelectProps) {
  const [draft, setDraft] = useState<string | null>(null);
  // the draft as of now (a blur right after Enter must not commit it twice)
  const held = useRef<string | null>(null);
  /** A browsing key is down: the change it makes is a draft. */
  const browsing = useRef(false);
  const hold = (next: string | null) => {
    held.current = next;
    setDraft(next);
  };
  // the value changed from elsewhere (a preset, the question answered): a draft about the old one goes
  useEffect(() => {
    held.current = null;
    setDraft(null);
  }, [value]);
  const commit = (from: HTMLSelectElement) => {
    const chosen = held.current;
    hold(null);
    if (chosen !== null && chosen !== value) onCommit(chosen, from);
  };
  return (
    <select
      {...rest}
      value={draft ?? value}
      data-draft={draft !== null || undefined}
      onKeyDown={(e) => {
        // (Alt + ↓ opens the list, whose choice is made with Enter there: applied at once)
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        if (BROWSING.has(e.key) || (e.key.length === 1 && e.key !== ' ')) {
          browsing.current = true;
          // the change a key makes comes within its press; the key up may go to an opened list
          // instead (↓ on a Mac opens it), so the flag ends with the press, not at key up
          setTimeout(() => {
            browsing.current = false;
          }, 0);
        } else if (e.key === 'Enter' && held.current !== null) {
          e.preventDefault();
          commit(e.currentTarget);
        } else if (e.key === 'Escape' && held.current !== null) {
          e.preventDefault();
          hold(null);
        }
      }}
      onChange={(e) => {
        const next = e.target.value;
        if (browsing.current) hold(next === value ? null : next);
        else {
          hold(null);
          onCommit(next, e.currentTarget);
        }
      }}
      onBlur={(e) => {
        browsing.current = false;
        // the window lost the focus (another tab or window), not the menu: the choice still waits
        if (document.activeElement === e.currentTarget) return;
        commit(e.currentTarget);
        rest.onBlur?.(e);
      }}
    >
      {children}
    </select>
  );
}
