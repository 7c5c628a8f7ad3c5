/**
 * The sidebar's tab strip and panel, shared by the match page and the replay viewer:
 * ARIA tabs, one panel, a label per tab with an optional badge.
 */
import type { ReactNode } from 'react';

export interface TabsProps<T extends string> {
  readonly tabs: readonly T[];
  readonly current: T;
  readonly label: (tab: T) => string;
  readonly onChange: (tab: T) => void;
  readonly children: ReactNode;
}

export function Tabs<T extends string>({ tabs, current, label, onChange, children }: TabsProps<T>) {
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Panels">
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={current === t}
            aria-controls="tab-panel"
            className={current === t ? 'tab active' : 'tab'}
            onClick={() => onChange(t)}
          >
            {label(t)}
          </button>
        ))}
      </div>
      <div
        className="tab-panel"
        id="tab-panel"
        role="tabpanel"
        aria-labelledby={`tab-${current}`}
        tabIndex={-1}
      >
        {children}
      </div>
    </>
  );
}
