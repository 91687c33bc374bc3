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
  onCommit: (value: string) => void;
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
  const commit = () => {
    const chosen = held.current;
    hold(null);
    if (chosen !== null && chosen !== value) onCommit(chosen);
  };
  return (
    <select
      {...rest}
      value={draft ?? value}
      data-draft={draft !== null || undefined}
      onKeyDown={(e) => {
        if (BROWSING.has(e.key) || (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey))
          browsing.current = true;
        else if (e.key === 'Enter' && held.current !== null) {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape' && held.current !== null) {
          // only the draft: not also the page's Esc, which clears the network's selection
          e.preventDefault();
          hold(null);
        }
      }}
      onKeyUp={() => {
        browsing.current = false;
      }}
      onChange={(e) => {
        const next = e.target.value;
        if (browsing.current) hold(next === value ? null : next);
        else {
          hold(null);
          onCommit(next);
        }
      }}
      onBlur={(e) => {
        browsing.current = false;
        commit();
        rest.onBlur?.(e);
      }}
    >
      {children}
    </select>
  );
}
