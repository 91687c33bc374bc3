import type { KeyboardEvent, ReactNode } from 'react';
import { chooseTab, useLab } from '../../store/lab-store';

export interface Tab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/**
 * Accessible tabs (the ARIA tabs pattern): one Tab stop, the chosen tab; ←/→, Home and End
 * choose another and move the focus to it. Only the chosen panel is mounted, so hidden panels
 * cost nothing.
 */
export function Tabs({ tabs, label, group }: { tabs: Tab[]; label: string; group: string }) {
  const active = useLab((s) => s.tabs[group]) ?? tabs[0].id;
  const setActive = (id: string) => chooseTab(group, id);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.indexOf(current);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0 || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    setActive(tabs[to].id);
    e.currentTarget.querySelector<HTMLElement>(`#tab-${tabs[to].id}`)?.focus();
  };
  return (
    <div className="tabbed">
      <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            data-testid={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            // only the chosen panel exists
            aria-controls={t.id === current.id ? `panel-${t.id}` : undefined}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => setActive(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render()}
      </div>
    </div>
  );
}
