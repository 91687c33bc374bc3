import type { ReactNode } from 'react';
import { chooseTab, useLab } from '../../store/lab-store';

export interface Tab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/** Accessible tabs; only the chosen panel is mounted, so hidden panels cost nothing. */
export function Tabs({ tabs, label, group }: { tabs: Tab[]; label: string; group: string }) {
  const active = useLab((s) => s.tabs[group]) ?? tabs[0].id;
  const setActive = (id: string) => chooseTab(group, id);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <div className="tabbed">
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            data-testid={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`panel-${t.id}`}
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
